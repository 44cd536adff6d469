using System.Text.RegularExpressions;

namespace SigmaCompile.Generator.Planning;

/// <summary>
/// Values written back in YAML notation with quotes only where YAML needs them: <c>lambda.amazonaws.com</c> stays
/// bare, while <c>'*'</c>, <c>'4688'</c>, <c>'true'</c>, <c>' -enc '</c> or <c>'a: b'</c> keep theirs, so each
/// value still reads back as the same string. Bare values are usually the very strings the matcher holds, so
/// the compiled assembly stores them once.
/// </summary>
internal static class YamlText
{
    // Scalars that YAML (1.2 core, plus the 1.1 words and dates many tools still read) would not take as a string.
    private static readonly Regex NotAString = new(
        "^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF"
        + "|[-+]?[0-9][0-9_]*|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?"
        + "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*)$",
        RegexOptions.CultureInvariant);

    /// <summary>A value as the model shows it (strings single-quoted) with its quotes dropped where they are not needed.</summary>
    public static string Plain(string written)
    {
        if (written.Length < 2 || written[0] != '\'' || written[written.Length - 1] != '\'')
            return written; // a number, boolean or null: already bare
        string text = written.Substring(1, written.Length - 2).Replace("''", "'");
        return IsPlainSafe(text) ? text : written;
    }

    private static bool IsPlainSafe(string text)
    {
        if (text.Length == 0 || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[text.Length - 1]))
            return false;
        char first = text[0];
        if ("?:,[]{}#&*!|>'\"%@`".IndexOf(first) >= 0)
            return false;
        if (first == '-' && (text.Length == 1 || text[1] == ' '))
            return false;
        foreach (char c in text)
        {
            if (char.IsControl(c) || c is '\u0085' or '\u2028' or '\u2029' or '\uFEFF')
                return false;
        }
        if (text.Contains(": ") || text.Contains(" #") || text.EndsWith(":", System.StringComparison.Ordinal))
            return false;
        return !NotAString.IsMatch(text);
    }
}
