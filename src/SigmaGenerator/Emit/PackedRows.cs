using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Emit;

/// <summary>
/// The packed text the catalog is emitted as, read by the runtime's <c>Catalog/PackedFields.cs</c>: rows of whole
/// fields, which the emitter writes one per line of a raw UTF-8 literal. Every field ends with ␟ (U+241F); ␘ (U+2418)
/// alone is a null field; ␛ (U+241B) and four hex digits stand for a character the text cannot hold as it is (see
/// <see cref="RawUtf8Literal.Escaped"/>). Counts and indexes are decimal, enum members their
/// names, and a list is its count followed by its items. Printable marks and a raw literal keep the rows legible
/// (backslashes as written); line breaks between fields are not part of the text.
/// </summary>
/// <remarks>
/// One UTF-8 literal instead of object creations: the compiler and its analyzers bind one constant instead of
/// hundreds of expressions per rule, the cost a corpus build pays 3,780 times (docs/performance.md, "The catalog
/// packed"). Not string literals: a corpus's entries would overflow the assembly's 16 MB heap of user strings,
/// which UTF-8 literals (data) do not use. One literal, not one per row joined by <c>+</c>: joined UTF-8 literals
/// made the corpus compile half as long again.
/// </remarks>
internal static class PackedRows
{
    public static string Row(params string?[] fields)
    {
        var builder = new StringBuilder();
        foreach (string? field in fields)
        {
            // The runtime's Catalog/PackedFields.cs reads these marks.
            builder.Append(field is null ? RawUtf8Literal.Null.ToString() : RawUtf8Literal.Escaped(field)).Append(RawUtf8Literal.FieldEnd);
        }
        return builder.ToString();
    }

    /// <summary>A list as fields: its count, then its items.</summary>
    public static IEnumerable<string> List(EquatableArray<string> items) => new[] { Int(items.Count) }.Concat(items);

    /// <summary>A list of numbers as fields: its count, then its items.</summary>
    public static IEnumerable<string> List(EquatableArray<int> items) => new[] { Int(items.Count) }.Concat(items.Select(Int));

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
