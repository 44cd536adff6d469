using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using SigmaCompile.Catalog;

namespace SigmaScan.Catalog;

/// <summary>
/// The catalog as Markdown, beside the HTML: <c>index.md</c> (a table of every rule) and <c>rules/&lt;id&gt;.md</c>
/// per rule, with the same sections as the HTML pages.
/// </summary>
internal static class MarkdownCatalog
{
    /// <summary>Writes the catalog of <paramref name="rules"/> into <paramref name="folder"/>; returns the files written.</summary>
    public static IReadOnlyList<string> Write(string folder, IReadOnlyList<IDescribedRule> rules, RuleCatalog catalog) =>
        CatalogFacts.WriteFiles(folder, rules, ".md", selected => Index(selected, catalog), (rule, included) => Page(rule, catalog, included));

    /// <summary>Text safe in a table cell: one line, pipes escaped.</summary>
    private static string Cell(string text) => text.Replace("\r", " ").Replace("\n", " ").Replace("|", "\\|");

    /// <summary>A code span that survives backticks in the text.</summary>
    private static string Code(string text)
    {
        if (text.Length == 0)
            return "";
        string fence = text.Contains('`') ? "``" : "`";
        string padded = text.StartsWith('`') || text.EndsWith('`') ? " " + text + " " : text;
        return fence + padded + fence;
    }

    /// <summary>Plain text with Markdown's inline specials escaped.</summary>
    private static string Text(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '|')
                builder.Append('\\');
            builder.Append(c);
        }
        return builder.ToString();
    }

    private static string Index(IReadOnlyList<IDescribedRule> rules, RuleCatalog catalog)
    {
        var md = new StringBuilder();
        md.Append("# Sigma rule catalog\n\n");
        md.Append(rules.Count.ToString(CultureInfo.InvariantCulture)).Append(" compiled rules");
        int filtered = rules.Count(r => r.AppliedFilters.Count > 0);
        md.Append(filtered > 0 ? ", " + filtered.ToString(CultureInfo.InvariantCulture) + " of them tuned by Sigma filters (marked *filtered*)" : "").Append(".\n\n");
        md.Append("| title | level | status | logsource | tags |\n| --- | --- | --- | --- | --- |\n");
        foreach (IDescribedRule rule in rules.OrderBy(r => r.Title, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Id))
        {
            md.Append("| [").Append(Cell(Text(rule.Title))).Append("](rules/").Append(CatalogFacts.PageName(rule)).Append(".md)").Append(rule.AppliedFilters.Count > 0 ? " *filtered*" : "").Append(" | ")
                .Append(CatalogFacts.Level(rule.Level)).Append(" | ").Append(CatalogFacts.Status(rule.Status)).Append(" | ")
                .Append(Cell(Code(CatalogFacts.LogSource(rule.LogSource)))).Append(" | ")
                .Append(Cell(string.Join(" ", rule.Tags.Select(t => Code(t.ToString()))))).Append(" |\n");
        }
        md.Append("\n## Log collection checklist\n\n");
        md.Append("Every event the rules above can match, with how many of them need it: the logs to collect for them to fire.\n\n");
        md.Append("| provider | event | title | rules |\n| --- | --- | --- | ---: |\n");
        foreach ((EventChecklistEntry entry, int count) in CatalogFacts.Checklist(catalog, rules))
        {
            md.Append("| ").Append(Cell(Code(entry.Provider))).Append(" | ").Append(Cell(Code(entry.Event))).Append(" | ")
                .Append(Cell(Text(entry.Title))).Append(" | ").Append(count.ToString(CultureInfo.InvariantCulture)).Append(" |\n");
        }
        return md.ToString();
    }

    private static string Page(IDescribedRule rule, RuleCatalog catalog, HashSet<IDescribedRule> included)
    {
        var md = new StringBuilder();
        md.Append("[← all rules](../index.md)\n\n# ").Append(Text(rule.Title)).Append("\n\n");
        md.Append("| | |\n| --- | --- |\n");
        Row(md, "id", Code(rule.Id.ToString("D")));
        Row(md, "status", CatalogFacts.Status(rule.Status));
        Row(md, "level", CatalogFacts.Level(rule.Level));
        Row(md, "logsource", Code(CatalogFacts.LogSource(rule.LogSource)) + " (" + Text(CatalogFacts.LogSourceParts(rule.LogSource)) + ")");
        Row(md, "author", Text(rule.Author.Length == 0 ? "not given" : rule.Author));
        Row(md, "date", CatalogFacts.Dates(rule));
        Row(md, "source", Code(rule.SourcePath));
        if (rule.Description.Length > 0)
            md.Append("\n## Description\n\n").Append(Text(rule.Description.Trim())).Append('\n');

        md.Append("\n## ATT&CK coverage\n\n| | |\n| --- | --- |\n");
        Row(md, "tactics", Text(CatalogFacts.Tactics(rule.Coverage)));
        Row(md, "techniques", Text(CatalogFacts.Techniques(rule.Coverage)));
        foreach ((string label, string text) in CatalogFacts.OtherCoverage(rule.Coverage))
            Row(md, Text(label), Text(text));
        if (rule.Tags.Count > 0)
            md.Append("\nTags: ").Append(string.Join(", ", rule.Tags.Select(t => Code(t.ToString())))).Append('\n');

        md.Append("\n## Event coverage\n\n| provider | event | title |\n| --- | --- | --- |\n");
        foreach (CoveredEvent covered in rule.EventCoverage)
        {
            md.Append(CatalogFacts.IsRemark(covered.Kind)
                ? "| | | " + Cell(Text(covered.Title)) + " |\n"
                : "| " + Cell(Code(covered.Provider)) + " | " + Cell(Code(covered.Event)) + " | " + Cell(Text(covered.Title)) + " |\n");
        }

        if (rule.AppliedFilters.Count > 0)
        {
            md.Append("\n## Filters applied\n\n");
            md.Append("Sigma filters that name this rule: its condition excludes what each matches, in this order.\n\n");
            md.Append("| title | id | file | searches |\n| --- | --- | --- | --- |\n");
            foreach (AppliedFilter filter in rule.AppliedFilters)
            {
                md.Append("| ").Append(Cell(Text(filter.Title))).Append(" | ").Append(filter.Id is null ? "none" : Code(CatalogFacts.FilterId(filter))).Append(" | ")
                    .Append(Cell(Code(filter.SourcePath))).Append(" | ").Append(Cell(Code(CatalogFacts.FilterSearches(filter)))).Append(" |\n");
            }
        }

        md.Append("\n## Stages\n\n| # | stage | what it holds |\n| --- | --- | --- |\n");
        foreach (RuleStage stage in rule.Stages)
        {
            string holds;
            if (stage.Kind == RuleStageKind.Condition)
                holds = Code(stage.Text) + (stage.Expanded != stage.Text ? "<br>compiled as " + Code(stage.Expanded) : "");
            else
            {
                var parts = new List<string> { Text(CatalogFacts.Combination(stage)) + ":" };
                int group = -1;
                foreach (StagePredicate predicate in stage.Predicates)
                {
                    string bullet = !stage.IsListOfMaps ? "" : predicate.Group != group ? "− " : "&nbsp;&nbsp;";
                    group = predicate.Group;
                    string mapped = predicate.MappedTo.Count > 0 ? " mapped to " + Code(string.Join(" | ", predicate.MappedTo)) : "";
                    parts.Add(bullet + Code(predicate.ToString()) + mapped);
                }
                holds = string.Join("<br>", parts);
            }
            string kind = stage.Kind == RuleStageKind.Condition ? "" : " (" + Text(CatalogFacts.StageKind(stage.Kind)) + ")";
            md.Append("| ").Append(stage.Index.ToString(CultureInfo.InvariantCulture)).Append(" | ").Append(Code(stage.Name)).Append(kind)
                .Append(" | ").Append(Cell(holds)).Append(" |\n");
        }

        md.Append("\n## Indicators\n\n");
        if (rule.Indicators.Count == 0)
        {
            md.Append("None.\n");
        }
        else
        {
            md.Append("*other rules*: how many other compiled rules look for the same field, operator and value (case-insensitive).\n\n");
            md.Append("| field | operator | value | other rules | search |\n| --- | --- | --- | ---: | --- |\n");
            foreach (RuleIndicator indicator in rule.Indicators)
            {
                IReadOnlyList<string> values = CatalogFacts.Values(indicator);
                for (int v = 0; v < values.Count; v++)
                {
                    md.Append("| ").Append(v == 0 ? Cell(Code(CatalogFacts.Field(indicator))) : "").Append(" | ")
                        .Append(v == 0 ? Cell(Text(CatalogFacts.Operator(indicator))) : "").Append(" | ")
                        .Append(Cell(values[v].Length == 0 ? "—" : Code(values[v]))).Append(" | ")
                        .Append(CatalogFacts.Others(catalog, indicator, values[v]).ToString(CultureInfo.InvariantCulture)).Append(" | ")
                        .Append(v == 0 ? Cell(Code(CatalogFacts.Origin(indicator))) : "").Append(" |\n");
                }
            }
        }

        md.Append("\n## Rules detecting the same action\n\n");
        IReadOnlyList<RuleOperation> operations = catalog.OperationsOf(rule);
        if (operations.Count == 0)
        {
            md.Append("The rule filters on no event name, event id or process that the catalog recognises.\n");
        }
        else
        {
            md.Append("Operations: ").Append(string.Join(", ", operations.Select(o => Code(o.Name)))).Append("\n\n");
            IReadOnlyList<IDescribedRule> same = catalog.RulesDetectingSameAction(rule);
            if (same.Count == 0)
                md.Append("No other compiled rule filters on them.\n");
            foreach (IDescribedRule other in same.Take(CatalogFacts.SameActionShown))
            {
                md.Append("- ").Append(included.Contains(other)
                        ? "[" + Text(other.Title) + "](" + CatalogFacts.PageName(other) + ".md)"
                        : Text(other.Title) + " (not in this catalog)")
                    .Append(" (").Append(CatalogFacts.Level(other.Level)).Append(", ").Append(Code(CatalogFacts.LogSource(other.LogSource))).Append(")\n");
            }
            if (same.Count > CatalogFacts.SameActionShown)
                md.Append("- and ").Append((same.Count - CatalogFacts.SameActionShown).ToString(CultureInfo.InvariantCulture)).Append(" more\n");
        }

        if (rule.FalsePositives.Count > 0)
        {
            md.Append("\n## False positives\n\n");
            foreach (string falsePositive in rule.FalsePositives)
                md.Append("- ").Append(Text(falsePositive)).Append('\n');
        }
        if (rule.References.Count > 0)
        {
            md.Append("\n## References\n\n");
            foreach (string reference in rule.References)
            {
                bool web = (reference.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || reference.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
                    && !reference.Any(c => char.IsWhiteSpace(c) || c is '<' or '>');
                md.Append("- ").Append(web ? "<" + reference + ">" : Text(reference)).Append('\n');
            }
        }
        return md.ToString();
    }

    private static void Row(StringBuilder md, string label, string value) =>
        md.Append("| ").Append(label).Append(" | ").Append(Cell(value)).Append(" |\n");
}
