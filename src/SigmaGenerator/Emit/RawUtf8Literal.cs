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

    /// <summary>
    /// As <see cref="Write"/>, the literal padded with lines of dots to one of a few sizes and sliced back to the
    /// lines' own length. Every distinct size of a UTF-8 literal is a type the runtime loads with the first literal
    /// read; a corpus's 3,780 catalog entries, each its own size, cost 7 to 9 ms of start-up that way (measured:
    /// docs/performance.md, "The tables read in place"). The sizes are sixteen to each power of two, so the padding
    /// is under a sixteenth of the text.
    /// </summary>
    public static void WritePadded(CodeWriter writer, IReadOnlyList<string> lines, string after)
    {
        int length = lines.Count == 0 ? 0 : lines.Count - 1;
        foreach (string line in lines)
            length += Encoding.UTF8.GetByteCount(line);
        int padding = PaddedSize(length) - length;
        var padded = new List<string>(lines);
        if (padding > 0)
        {
            // A line break, then dots: at most 100 to a line, each line after the first taking its own break.
            padded.Add(new string('.', System.Math.Min(padding - 1, DotsPerLine)));
            for (int left = padding - 1 - padded[^1].Length; left > 0; left -= padded[^1].Length + 1)
                padded.Add(new string('.', System.Math.Min(left - 1, DotsPerLine)));
        }
        Write(writer, padded, "[.." + length.ToString(CultureInfo.InvariantCulture) + "]" + after);
    }

    private const int DotsPerLine = 100;

    /// <summary><paramref name="length"/> rounded up to a sixteenth of its power of two (to 16 below 256).</summary>
    public static int PaddedSize(int length)
    {
        int step = 16;
        while (step * 32 <= length)
            step *= 2;
        return (length + step - 1) / step * step;
    }
}
