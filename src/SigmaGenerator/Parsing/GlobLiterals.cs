using System.Text;
using System.Text.RegularExpressions;

namespace SigmaCompile.Generator.Parsing;

/// <summary>Edits the literal runs of a strict-form glob (see <see cref="SigmaString.ToGlob"/>), leaving wildcards alone.</summary>
internal static class GlobLiterals
{
    public static string Replace(string glob, Regex regex, string replacement)
    {
        var result = new StringBuilder();
        var literal = new StringBuilder();
        for (int i = 0; i < glob.Length; i++)
        {
            char c = glob[i];
            if (c == '\\' && i + 1 < glob.Length)
            {
                literal.Append(glob[++i]);
                continue;
            }
            if (c is '*' or '?')
            {
                Flush();
                result.Append(c);
                continue;
            }
            literal.Append(c);
        }
        Flush();
        return result.ToString();

        void Flush()
        {
            foreach (char c in regex.Replace(literal.ToString(), replacement))
            {
                if (c is '*' or '?' or '\\')
                    result.Append('\\');
                result.Append(c);
            }
            literal.Clear();
        }
    }
}
