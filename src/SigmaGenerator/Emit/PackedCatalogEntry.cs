using System.Collections.Generic;
using System.Linq;
using SigmaCompile.Generator.Model;
using static SigmaCompile.Generator.Emit.PackedRows;

namespace SigmaCompile.Generator.Emit;

/// <summary>
/// A rule's catalog entry as the <see cref="PackedRows"/> <c>SigmaCompile.Catalog.RuleCatalogEntry.Unpack</c> reads:
/// the stages, each followed by its predicates; the indicators; the coverage lists; the covered events; the applied
/// filters. Each part starts with a row holding its count.
/// </summary>
internal static class PackedCatalogEntry
{
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

    private static string Flags(IndicatorModel row) =>
        (row.Cased ? "c" : "") + (row.All ? "a" : "") + (row.Negated ? "n" : "") + (row.Filter ? "f" : "");
}
