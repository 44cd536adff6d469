using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SigmaCompile.Generator.Emit;

/// <summary>
/// Raw UTF-8 literals of text lines, as the catalog (<see cref="PackedRows"/>) and the rule set's string tables
/// (<see cref="TableText"/>) are written; the runtime's <c>Catalog/EscapedText.cs</c> reads the escapes. ␛ (U+241B)
/// and four hex digits stand for a character a line cannot hold as it is: line breaks, quotes (so no run of them
/// can end the literal), control characters, a lone surrogate (UTF-8 has none), and ␛ itself with the catalog's
/// two other marks, ␟ and ␘, so that text never holds one by chance.
/// </summary>
internal static class RawUtf8Literal
{
    public const char Escape = '\u241B';
    public const char FieldEnd = '\u241F';
    public const char Null = '\u2418';

    /// <summary><paramref name="text"/> with every character a line of the literal cannot hold escaped.</summary>
    public static string Escaped(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool pairs = char.IsHighSurrogate(c) ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
                : char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(text[i - 1]);
            bool lone = char.IsSurrogate(c) && !pairs;
            if (lone || c is Escape or FieldEnd or Null or '"' or '\u0085' or '\u2028' or '\u2029' || c < ' ' || c == '\u007F')
                builder.Append(Escape).Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else
                builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>
    /// The literal, a line of it per line given (each already <see cref="Escaped"/>), then <paramref name="after"/>.
    /// The closing quotes' indentation is taken off every line; a line's own leading whitespace stays, and a line of
    /// whitespace alone keeps it.
    /// </summary>
    public static void Write(CodeWriter writer, IEnumerable<string> lines, string after)
    {
        writer.Line("\"\"\"");
        foreach (string line in lines)
            writer.Line(line);
        writer.Line("\"\"\"u8" + after);
    }
}
