using System.Linq;
using System.Text;

namespace SigmaCompile.Generator.Model;

/// <summary>
/// C# identifiers made from free text. Shared by planning (class names, the namespace) and emit (member names),
/// which must spell a name the same way and may not call each other.
/// </summary>
internal static class Identifiers
{
    /// <summary>
    /// PascalCase identifier from free text: words split at anything not a letter or digit, all-capital words
    /// lowered after their first letter (AWS → Aws); a leading digit gets a prefix.
    /// </summary>
    public static string PascalCase(string text, string fallback)
    {
        var builder = new StringBuilder();
        var word = new StringBuilder();
        foreach (char c in text + " ")
        {
            if (char.IsLetterOrDigit(c) && c < 0x2000)
            {
                word.Append(c);
                continue;
            }
            if (word.Length == 0)
                continue;
            string w = word.ToString();
            bool allUpper = w.All(ch => !char.IsLetter(ch) || char.IsUpper(ch));
            builder.Append(char.ToUpperInvariant(w[0]));
            builder.Append(allUpper ? w.Substring(1).ToLowerInvariant() : w.Substring(1));
            word.Clear();
        }
        if (builder.Length == 0)
            return fallback;
        if (char.IsDigit(builder[0]))
            builder.Insert(0, fallback);
        return builder.ToString();
    }
}
