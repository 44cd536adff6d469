using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace SigmaCompile.Generator.Lowering;

/// <summary>Reads and edits the literal runs of a strict-form glob (see <see cref="SigmaString.ToGlob"/>), leaving wildcards alone.</summary>
internal static class GlobLiterals
{
    /// <summary>
    /// The glob as alternating parts: literal runs (escapes decoded) and wildcards ("*" or "?"), in order. A literal run
    /// is returned even when empty, between and around wildcards, so literals and wildcards alternate.
    /// </summary>
    public static IEnumerable<(string Text, bool IsWildcard)> Parts(string glob)
    {
        var literal = new StringBuilder();
        for (int i = 0; i < glob.Length; i++)
        {
            char c = glob[i];
            if (c == '\\' && i + 1 < glob.Length)
            {
                literal.Append(glob[++i]);
            }
            else if (c is '*' or '?')
            {
                yield return (literal.ToString(), false);
                literal.Clear();
                yield return (c.ToString(), true);
            }
            else
            {
                literal.Append(c);
            }
        }
        yield return (literal.ToString(), false);
    }

    /// <summary>The longest literal run.</summary>
    public static string Longest(string glob) =>
        Parts(glob).Where(p => !p.IsWildcard).Select(p => p.Text).Aggregate("", (best, run) => run.Length > best.Length ? run : best);

    public static string Replace(string glob, Regex regex, string replacement)
    {
        var result = new StringBuilder();
        foreach ((string text, bool isWildcard) in Parts(glob))
        {
            if (isWildcard)
            {
                result.Append(text);
                continue;
            }
            foreach (char c in regex.Replace(text, replacement))
            {
                if (c is '*' or '?' or '\\')
                    result.Append('\\');
                result.Append(c);
            }
        }
        return result.ToString();
    }
}
