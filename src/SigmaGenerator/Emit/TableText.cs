using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SigmaCompile.Generator.Emit;

/// <summary>
/// Writes a rule set's string table (needles, predicate strings, ids, titles) as UTF-8 data, read by the runtime's
/// <c>RuleSets/TableText.cs</c>: the strings one after another, a few to a line of a raw UTF-8 literal, with their
/// lengths as written (<see cref="Lengths"/>). Line breaks separate lines and are never part of a string; ␛ (U+241B)
/// and four hex digits stand for a character the literal cannot hold as it is (line breaks, quotes, control
/// characters, ␛ itself, a lone surrogate). A line of whitespace alone keeps it: a raw literal takes off only the
/// closing quotes' indentation, which every line has.
/// </summary>
/// <remarks>
/// UTF-8 data rather than string literals: every string literal of an assembly shares one heap of at most 16 MB,
/// which the corpus's tables filled by 4.5 MB (docs/performance.md, "The set's tables as UTF-8 data"). Under C#
/// before 11, which has no UTF-8 literals, the same text is a string literal encoded when the set is built.
/// </remarks>
internal static class TableText
{
    private const char Escape = '\u241B';

    /// <summary>Writes <c>name: literal,</c> for <paramref name="strings"/>, <paramref name="perLine"/> to a line.</summary>
    public static void Write(CodeWriter writer, string name, IReadOnlyList<string> strings, int perLine, bool utf8Literals)
    {
        var rows = new List<string>();
        for (int i = 0; i < strings.Count; i += perLine)
            rows.Add(string.Concat(strings.Skip(i).Take(perLine).Select(Escaped)));
        if (rows.Count == 0)
        {
            writer.Line(utf8Literals ? $"{name}: \"\"u8," : $"{name}: global::System.Array.Empty<byte>(),");
            return;
        }
        writer.Line($"{name}:");
        writer.Indent();
        if (utf8Literals)
        {
            // The closing quotes' indentation is taken off every line; a row's own leading whitespace stays.
            writer.Line("\"\"\"");
            foreach (string row in rows)
                writer.Line(row);
            writer.Line("\"\"\"u8,");
        }
        else
        {
            writer.Line("global::System.Text.Encoding.UTF8.GetBytes(");
            writer.Indent();
            for (int r = 0; r < rows.Count; r++)
                writer.Line(CSharp.String(rows[r]) + (r + 1 < rows.Count ? " +" : "),"));
            writer.Outdent();
        }
        writer.Outdent();
    }

    /// <summary>Each string's length as written (an escape is five characters).</summary>
    public static IEnumerable<int> Lengths(IEnumerable<string> strings) => strings.Select(s => Escaped(s).Length);

    private static string Escaped(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool pairs = char.IsHighSurrogate(c) ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
                : char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(text[i - 1]);
            bool lone = char.IsSurrogate(c) && !pairs;
            if (lone || c is Escape or '"' or '\u0085' or '\u2028' or '\u2029' || c < ' ' || c == '\u007F')
                builder.Append(Escape).Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else
                builder.Append(c);
        }
        return builder.ToString();
    }
}
