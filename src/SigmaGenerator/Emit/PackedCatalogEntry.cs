using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Emit;

/// <summary>
/// A rule's catalog entry as the packed UTF-8 text <c>SigmaCompile.Catalog.RuleCatalogEntry.Unpack</c> reads, as
/// rows: each row is whole fields (a count, or one stage, predicate, indicator, tactic, event or filter), which
/// the emitter writes one per line of a raw UTF-8 literal. Every field ends with ␟ (U+241F); ␘ (U+2418) alone is
/// a null field; ␛ (U+241B) and four hex digits stand for a character the text cannot hold as it is (the three
/// marks, quotes, control characters and line breaks). Printable marks and a raw literal keep the rows legible
/// (backslashes as written); line breaks between fields are not part of the text.
/// </summary>
/// <remarks>
/// One UTF-8 literal per rule instead of object creations: the compiler and its analyzers bind one constant
/// instead of hundreds of expressions per rule, the cost a corpus build pays 3,780 times (docs/performance.md,
/// "The catalog packed"). Not string literals: a corpus's entries would overflow the assembly's 16 MB heap of user
/// strings, which UTF-8 literals (data) do not use. One literal, not one per row joined by <c>+</c>: the compiler
/// folds each <c>+</c> of UTF-8 literals into a new array, which made a corpus build half as long again.
/// </remarks>
internal static class PackedCatalogEntry
{
    // The runtime's Catalog/PackedFields.cs reads these same three characters.
    private const char FieldEnd = '\u241F';
    private const char Escape = '\u241B';
    private const char Null = '\u2418';

    public static IReadOnlyList<string> Pack(RuleCatalogModel model)
    {
        var rows = new List<string>();
        rows.Add(Row(Int(model.Stages.Count)));
        foreach (StageModel stage in model.Stages)
        {
            rows.Add(Row(Int(stage.Index), stage.Kind.ToString(), stage.Name, stage.Text, stage.Expanded, Int(stage.Predicates.Count)));
            foreach (StagePredicateModel predicate in stage.Predicates)
                rows.Add(Row(new[] { Int(predicate.Group), predicate.Field, predicate.Written }.Concat(List(predicate.Values)).Concat(List(predicate.MappedTo)).ToArray()));
        }

        rows.Add(Row(Int(model.Indicators.Count)));
        foreach (IndicatorModel row in model.Indicators)
            rows.Add(Row(new[] { row.Search, row.Field, row.Operator.ToString() }.Concat(List(row.Values)).Concat(new[] { row.Written, Flags(row) }).ToArray()));

        CoverageModel coverage = model.Coverage;
        rows.Add(Row(Int(coverage.Tactics.Count)));
        foreach (TacticModel tactic in coverage.Tactics)
            rows.Add(Row(tactic.ShortName, tactic.Name, tactic.Id));
        rows.Add(Row(List(coverage.Techniques).ToArray()));
        rows.Add(Row(List(coverage.Groups).ToArray()));
        rows.Add(Row(List(coverage.Software).ToArray()));
        rows.Add(Row(List(coverage.Cves).ToArray()));
        rows.Add(Row(List(coverage.OtherTags).ToArray()));

        rows.Add(Row(Int(model.Events.Count)));
        foreach (EventCoverageModel row in model.Events)
            rows.Add(Row(row.Provider, row.Event, row.Title, row.Kind.ToString()));

        rows.Add(Row(Int(model.Filters.Count)));
        foreach (AppliedFilterModel filter in model.Filters)
            rows.Add(Row(filter.Title, filter.Id, filter.SourcePath, filter.SearchPrefix));
        return rows;
    }

    private static IEnumerable<string> List(EquatableArray<string> items) => new[] { Int(items.Count) }.Concat(items);

    private static string Flags(IndicatorModel row) =>
        (row.Cased ? "c" : "") + (row.All ? "a" : "") + (row.Negated ? "n" : "") + (row.Filter ? "f" : "");

    private static string Row(params string?[] fields)
    {
        var builder = new StringBuilder();
        foreach (string? field in fields)
        {
            if (field is null)
            {
                builder.Append(Null);
            }
            else
            {
                foreach (char c in field)
                {
                    if (c is FieldEnd or Escape or Null or '"' or '\u0085' or '\u2028' or '\u2029' || c < ' ' || c == '\u007F')
                        builder.Append(Escape).Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else
                        builder.Append(c);
                }
            }
            builder.Append(FieldEnd);
        }
        return builder.ToString();
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
