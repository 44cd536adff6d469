using System.Collections.Generic;
using System.Linq;

namespace SigmaCompile.Generator.Emit;

/// <summary>
/// Writes a rule set's string table (needles, predicate strings, ids, titles) as UTF-8 data, read by the runtime's
/// <c>RuleSets/TableText.cs</c>: the strings one after another, a few to a line of a raw UTF-8 literal, with their
/// lengths as written (<see cref="Lengths"/>). Line breaks separate lines and are never part of a string; ␛ (U+241B)
/// and four hex digits stand for a character the literal cannot hold as it is (see <see cref="RawUtf8Literal"/>).
/// </summary>
/// <remarks>
/// UTF-8 data rather than string literals: every string literal of an assembly shares one heap of at most 16 MB,
/// which the corpus's tables filled by 4.5 MB (docs/performance.md, "The set's tables as UTF-8 data"). Under C#
/// before 11, which has no UTF-8 literals, the same text is a string literal encoded when the set is built.
/// </remarks>
internal static class TableText
{
    /// <summary>Writes <c>name: literal,</c> for <paramref name="strings"/>, <paramref name="perLine"/> to a line.</summary>
    public static void Write(CodeWriter writer, string name, IReadOnlyList<string> strings, int perLine, bool utf8Literals)
    {
        var rows = new List<string>();
        for (int i = 0; i < strings.Count; i += perLine)
            rows.Add(string.Concat(strings.Skip(i).Take(perLine).Select(RawUtf8Literal.Escaped)));
        if (rows.Count == 0)
        {
            writer.Line(utf8Literals ? $"{name}: \"\"u8," : $"{name}: global::System.Array.Empty<byte>(),");
            return;
        }
        writer.Line($"{name}:");
        writer.Indent();
        if (utf8Literals)
        {
            RawUtf8Literal.Write(writer, rows, ",");
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
    public static IEnumerable<int> Lengths(IEnumerable<string> strings) => strings.Select(s => RawUtf8Literal.Escaped(s).Length);
}
