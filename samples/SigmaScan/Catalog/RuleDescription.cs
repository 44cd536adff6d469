using System.Collections.Generic;
using System.IO;
using System.Linq;
using SigmaCompile.Catalog;

namespace SigmaScan.Catalog;

/// <summary>A rule's catalog page for the terminal (<c>--describe</c>): plain text, aligned columns.</summary>
internal static class RuleDescription
{
    private const int ValuesShown = 25;
    private const int SameActionShown = 25;

    public static void Write(TextWriter output, IDescribedRule rule, RuleCatalog catalog)
    {
        output.WriteLine(rule.Title);
        output.WriteLine(new string('=', rule.Title.Length));
        output.WriteLine();
        var facts = new List<(string, string)>
        {
            ("id", rule.Id.ToString("D")),
            ("status", CatalogFacts.Status(rule.Status)),
            ("level", CatalogFacts.Level(rule.Level)),
            ("logsource", $"{CatalogFacts.LogSource(rule.LogSource)} ({CatalogFacts.LogSourceParts(rule.LogSource)})"),
            ("author", rule.Author.Length == 0 ? "not given" : rule.Author),
            ("date", CatalogFacts.Dates(rule)),
            ("source", rule.SourcePath),
        };
        Pairs(output, facts);

        if (rule.Description.Length > 0)
        {
            Heading(output, "Description");
            foreach (string line in rule.Description.TrimEnd().Split('\n'))
                output.WriteLine("  " + line.TrimEnd());
        }

        Heading(output, "ATT&CK");
        var coverage = new List<(string, string)>
        {
            ("tactics", CatalogFacts.Tactics(rule.Coverage)),
            ("techniques", CatalogFacts.Techniques(rule.Coverage)),
        };
        coverage.AddRange(CatalogFacts.OtherCoverage(rule.Coverage));
        Pairs(output, coverage);

        Heading(output, "Event coverage");
        WriteEventCoverage(output, rule.EventCoverage);

        if (rule.AppliedFilters.Count > 0)
        {
            Heading(output, "Filters applied");
            WriteFilters(output, rule.AppliedFilters);
        }

        Heading(output, "Stages");
        WriteStages(output, rule.Stages);

        Heading(output, "Indicators");
        WriteIndicators(output, rule, catalog);

        Heading(output, "Rules detecting the same action");
        IReadOnlyList<RuleOperation> operations = catalog.OperationsOf(rule);
        if (operations.Count == 0)
        {
            output.WriteLine("  (the rule filters on no event name, event id or process that SigmaScan recognises)");
        }
        else
        {
            foreach (RuleOperation operation in operations)
                output.WriteLine("  operation  " + operation.Name);
            IReadOnlyList<IDescribedRule> same = catalog.RulesDetectingSameAction(rule);
            if (same.Count == 0)
                output.WriteLine("  no other compiled rule filters on " + (operations.Count == 1 ? "it" : "them"));
            int width = same.Take(SameActionShown).Select(r => CatalogFacts.Level(r.Level).Length).DefaultIfEmpty(0).Max();
            foreach (IDescribedRule other in same.Take(SameActionShown))
                output.WriteLine($"  {other.Id:D}  {CatalogFacts.Level(other.Level).PadRight(width)}  {other.Title}");
            if (same.Count > SameActionShown)
                output.WriteLine($"  ... and {same.Count - SameActionShown} more");
        }

        if (rule.FalsePositives.Count > 0)
        {
            Heading(output, "False positives");
            foreach (string falsePositive in rule.FalsePositives)
                output.WriteLine("  " + falsePositive);
        }
        if (rule.References.Count > 0)
        {
            Heading(output, "References");
            foreach (string reference in rule.References)
                output.WriteLine("  " + reference);
        }
    }

    private static void Heading(TextWriter output, string text)
    {
        output.WriteLine();
        output.WriteLine(text);
    }

    private static void Pairs(TextWriter output, IReadOnlyList<(string Label, string Text)> pairs)
    {
        int width = pairs.Max(p => p.Label.Length) + 2;
        foreach ((string label, string text) in pairs)
            output.WriteLine("  " + label.PadRight(width) + text);
    }

    /// <summary>Provider, event and title in aligned columns; a row that names no event is its remark alone.</summary>
    private static void WriteEventCoverage(TextWriter output, IReadOnlyList<CoveredEvent> events)
    {
        var rows = new List<string[]> { new[] { "provider", "event", "title" } };
        rows.AddRange(events.Where(e => !CatalogFacts.IsRemark(e.Kind)).Select(e => new[] { e.Provider, e.Event, e.Title }));
        if (rows.Count > 1)
        {
            int[] widths = Enumerable.Range(0, 3).Select(c => rows.Max(r => r[c].Length)).ToArray();
            foreach (string[] row in rows)
                output.WriteLine(("  " + string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c])))).TrimEnd());
        }
        foreach (CoveredEvent remark in events.Where(e => CatalogFacts.IsRemark(e.Kind)))
            output.WriteLine("  " + remark.Title);
    }

    /// <summary>The filters in the order applied, aligned: title, id, file, and the stages that are theirs.</summary>
    private static void WriteFilters(TextWriter output, IReadOnlyList<AppliedFilter> filters)
    {
        var rows = new List<string[]> { new[] { "title", "id", "file", "searches" } };
        rows.AddRange(filters.Select(f => new[] { f.Title, CatalogFacts.FilterId(f), f.SourcePath, CatalogFacts.FilterSearches(f) }));
        int[] widths = Enumerable.Range(0, 4).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (string[] row in rows)
            output.WriteLine(("  " + string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c])))).TrimEnd());
    }

    private static void WriteStages(TextWriter output, IReadOnlyList<RuleStage> stages)
    {
        int width = stages.Max(s => s.Name.Length) + 2;
        foreach (RuleStage stage in stages)
        {
            string head = $"  {stage.Index,2}  {stage.Name.PadRight(width)}";
            string pad = new string(' ', head.Length);
            if (stage.Kind == RuleStageKind.Condition)
            {
                output.WriteLine(head + stage.Text);
                if (stage.Expanded != stage.Text)
                    output.WriteLine(pad + "= " + stage.Expanded);
                continue;
            }
            string kind = stage.Kind == RuleStageKind.Selection ? "" : CatalogFacts.StageKind(stage.Kind) + "; ";
            output.WriteLine(head + kind + CatalogFacts.Combination(stage) + ":");
            int group = -1;
            foreach (StagePredicate predicate in stage.Predicates)
            {
                string bullet = !stage.IsListOfMaps ? "" : predicate.Group != group ? "- " : "  ";
                group = predicate.Group;
                output.WriteLine(pad + "  " + bullet + predicate);
                if (predicate.MappedTo.Count > 0)
                    output.WriteLine(pad + "  " + (bullet.Length > 0 ? "  " : "") + "  (mapped to " + string.Join(" | ", predicate.MappedTo) + ")");
            }
        }
    }

    private static void WriteIndicators(TextWriter output, IDescribedRule rule, RuleCatalog catalog)
    {
        if (rule.Indicators.Count == 0)
        {
            output.WriteLine("  none");
            return;
        }
        var rows = new List<string[]> { new[] { "field", "operator", "value", "other rules", "search" } };
        foreach (RuleIndicator indicator in rule.Indicators)
        {
            IReadOnlyList<string> values = CatalogFacts.Values(indicator);
            for (int v = 0; v < values.Count && v < ValuesShown; v++)
            {
                rows.Add(new[]
                {
                    v == 0 ? CatalogFacts.Field(indicator) : "",
                    v == 0 ? CatalogFacts.Operator(indicator) : "",
                    CatalogFacts.Value(values[v]),
                    CatalogFacts.Others(catalog, indicator, values[v]).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    v == 0 ? CatalogFacts.Origin(indicator) : "",
                });
            }
            if (values.Count > ValuesShown)
                rows.Add(new[] { "", "", $"... {values.Count - ValuesShown} more values", "", "" });
        }
        int[] widths = Enumerable.Range(0, 5).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (string[] row in rows)
        {
            string line = "  " + string.Join("  ", row.Select((cell, c) => c == 3 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c])));
            output.WriteLine(line.TrimEnd());
        }
    }
}
