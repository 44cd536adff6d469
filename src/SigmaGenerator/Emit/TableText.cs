using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SigmaCompile.Generator.Emit;

/// <summary>
/// Writes a rule set's string tables (field paths, needles, predicate strings, ids, titles) as UTF-8 data, read in place by the
/// runtime's <c>RuleSets/TableStrings.cs</c>: each table a method returning its text (the runtime's
/// <c>Utf8TableText</c>), the strings one after another, a few to a line of a raw UTF-8 literal, with their lengths
/// in bytes as written (<see cref="Table.Lengths"/>). Line breaks separate lines and are never part of a string; ␛
/// (U+241B) and four hex digits stand for a character the literal cannot hold as it is (see <see cref="RawUtf8Literal"/>).
/// </summary>
/// <remarks>
/// UTF-8 data rather than string literals: every string literal of an assembly shares one heap of at most 16 MB,
/// which the corpus's tables filled by 4.5 MB (docs/performance.md, "The set's tables as UTF-8 data"). A method
/// rather than bytes passed in, so that the runtime keeps no copy ("The tables read in place"). Under C# before 11,
/// which has no UTF-8 literals, the same text is a string literal encoded once, into a field of
/// <see cref="EncodedClass"/>.
/// </remarks>
internal static class TableText
{
    /// <summary>The nested class that holds the tables' encoded text under C# before 11.</summary>
    public const string EncodedClass = "EncodedText";

    /// <summary>A table: the method that returns it, a comment saying what it holds, its strings, how many to a line.</summary>
    public sealed class Table(string method, string comment, IReadOnlyList<string> strings, int perLine)
    {
        public string Method { get; } = method;

        public string Comment { get; } = comment;

        /// <summary>The strings as written (<see cref="RawUtf8Literal.Escaped"/>), escaped once for the text and the lengths.</summary>
        public IReadOnlyList<string> Escaped { get; } = strings.Select(RawUtf8Literal.Escaped).ToList();

        public int PerLine { get; } = perLine;

        /// <summary>Each string's length in bytes as written (an escape is seven), as the runtime reads the text.</summary>
        public IEnumerable<int> Lengths => Escaped.Select(Encoding.UTF8.GetByteCount);
    }

    /// <summary>
    /// Writes each table's method; under C# before 11, then the class whose fields hold the encoded text (a class of
    /// its own, so the fields are set before any table is read, wherever the tables' user stands).
    /// </summary>
    public static void Write(CodeWriter writer, IReadOnlyList<Table> tables, bool utf8Literals)
    {
        foreach (Table table in tables)
        {
            List<string> rows = Rows(table);
            writer.Line();
            writer.Line($"// {table.Comment}");
            string head = $"private static global::System.ReadOnlySpan<byte> {table.Method}() =>";
            if (rows.Count == 0)
            {
                writer.Line(head + " default;");
            }
            else if (utf8Literals)
            {
                writer.Line(head);
                writer.Indent();
                RawUtf8Literal.Write(writer, rows, ";");
                writer.Outdent();
            }
            else
            {
                writer.Line($"{head} {EncodedClass}.{table.Method};");
            }
        }
        if (utf8Literals)
            return;
        writer.Line();
        writer.Open($"private static class {EncodedClass}");
        foreach (Table table in tables.Where(t => t.Escaped.Count > 0))
        {
            List<string> rows = Rows(table);
            writer.Line($"public static readonly byte[] {table.Method} = global::System.Text.Encoding.UTF8.GetBytes(");
            writer.Indent();
            for (int r = 0; r < rows.Count; r++)
                writer.Line(CSharp.String(rows[r]) + (r + 1 < rows.Count ? " +" : ");"));
            writer.Outdent();
        }
        writer.Close();
    }

    private static List<string> Rows(Table table)
    {
        var rows = new List<string>();
        for (int i = 0; i < table.Escaped.Count; i += table.PerLine)
            rows.Add(string.Concat(table.Escaped.Skip(i).Take(table.PerLine)));
        return rows;
    }
}
