using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SigmaCompile;
using SigmaCompile.Catalog;

namespace SigmaScan.Catalog;

/// <summary>
/// What every catalog view (terminal, HTML, Markdown) says about a rule, worded once: metadata as text, stage
/// headings, operator labels and the page file names. The views only lay it out.
/// </summary>
internal static class CatalogFacts
{
    private static readonly System.Text.UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Writes <c>index&lt;extension&gt;</c> and one <c>rules/&lt;page&gt;&lt;extension&gt;</c> per rule into
    /// <paramref name="folder"/>; returns the files written. Pages are told which rules the catalog includes, so
    /// they link only to pages that exist.
    /// </summary>
    public static IReadOnlyList<string> WriteFiles(
        string folder,
        IReadOnlyList<IDescribedRule> rules,
        string extension,
        Func<IReadOnlyList<IDescribedRule>, string> index,
        Func<IDescribedRule, HashSet<IDescribedRule>, string> page)
    {
        string pages = System.IO.Path.Combine(folder, "rules");
        System.IO.Directory.CreateDirectory(pages);
        var written = new List<string>();
        var included = new HashSet<IDescribedRule>(rules, ReferenceEqualityComparer.Instance);
        string indexPath = System.IO.Path.Combine(folder, "index" + extension);
        System.IO.File.WriteAllText(indexPath, index(rules), Utf8);
        written.Add(indexPath);
        foreach (IDescribedRule rule in rules)
        {
            string pagePath = System.IO.Path.Combine(pages, PageName(rule) + extension);
            System.IO.File.WriteAllText(pagePath, page(rule, included), Utf8);
            written.Add(pagePath);
        }
        return written;
    }

    /// <summary>The most same-action rules a page lists; the rest are counted.</summary>
    public const int SameActionShown = 200;

    public static string Level(RuleLevel level) => LevelNames.Text(level);

    public static string Status(RuleStatus status) => status == RuleStatus.Unknown ? "unknown" : status.ToString().ToLowerInvariant();

    /// <summary><c>aws/cloudtrail</c>: the logsource parts the rule gives, in the order product, category, service.</summary>
    public static string LogSource(LogSource source)
    {
        string text = string.Join("/", new[] { source.Product, source.Category, source.Service }.Where(p => !string.IsNullOrEmpty(p)));
        return text.Length == 0 ? "any" : text;
    }

    /// <summary><c>product aws, service cloudtrail</c>.</summary>
    public static string LogSourceParts(LogSource source)
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(source.Product))
            parts.Add("product " + source.Product);
        if (!string.IsNullOrEmpty(source.Category))
            parts.Add("category " + source.Category);
        if (!string.IsNullOrEmpty(source.Service))
            parts.Add("service " + source.Service);
        return string.Join(", ", parts);
    }

    public static string Dates(IDetectionRule rule)
    {
        string date = rule.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        string modified = rule.Modified?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        if (modified.Length == 0)
            return date.Length == 0 ? "not given" : date;
        return (date.Length == 0 ? "not given" : date) + ", modified " + modified;
    }

    public static string Tactic(AttackTactic tactic) => tactic.Id.Length == 0 ? tactic.Name : $"{tactic.Name} ({tactic.Id})";

    public static string Tactics(RuleCoverage coverage) =>
        coverage.Tactics.Count == 0 ? "none" : string.Join(", ", coverage.Tactics.Select(Tactic));

    public static string Techniques(RuleCoverage coverage) =>
        coverage.Techniques.Count == 0 ? "none" : string.Join(", ", coverage.Techniques.Select(t => t.Id));

    /// <summary>Tags other than tactics and techniques, as labelled lines (groups, software, CVEs, other namespaces).</summary>
    public static IEnumerable<(string Label, string Text)> OtherCoverage(RuleCoverage coverage)
    {
        if (coverage.Groups.Count > 0)
            yield return ("groups", string.Join(", ", coverage.Groups));
        if (coverage.Software.Count > 0)
            yield return ("software", string.Join(", ", coverage.Software));
        if (coverage.Cves.Count > 0)
            yield return ("CVEs", string.Join(", ", coverage.Cves));
        foreach (IGrouping<string, RuleTag> group in coverage.OtherTags.GroupBy(t => t.Namespace.Length == 0 ? "(no namespace)" : t.Namespace))
            yield return (group.Key, string.Join(", ", group.Select(t => t.Name)));
    }

    public static string StageKind(RuleStageKind kind) => kind switch
    {
        RuleStageKind.Condition => "condition",
        RuleStageKind.Selection => "selection",
        RuleStageKind.Filter => "filter (used under not)",
        RuleStageKind.Unreferenced => "not used by the condition",
        RuleStageKind.AddedByPipeline => "added by a pipeline (must also hold)",
        _ => kind.ToString(),
    };

    /// <summary>How a search's predicates combine: <c>all of</c>, or <c>any of N maps</c> for a list of maps.</summary>
    public static string Combination(RuleStage stage)
    {
        if (stage.IsListOfMaps)
            return $"any of {stage.Predicates.Max(p => p.Group) + 1} maps";
        if (stage.Predicates.Count > 0 && stage.Predicates.All(p => p.Field is null))
            return "keywords";
        return stage.Predicates.Count == 1 ? "one predicate" : "all of";
    }

    /// <summary>The operator with what modifies it: <c>not eq</c>, <c>contains (all, cased)</c>.</summary>
    public static string Operator(RuleIndicator indicator)
    {
        var flags = new List<string>();
        if (indicator.All)
            flags.Add("all");
        if (indicator.Cased && indicator.Operator is not (IndicatorOperator.Exists or IndicatorOperator.Null))
            flags.Add("cased");
        string text = (indicator.Negated ? "not " : "") + indicator.OperatorName;
        return flags.Count == 0 ? text : $"{text} ({string.Join(", ", flags)})";
    }

    public static string Field(RuleIndicator indicator) => indicator.Field ?? "(any string)";

    /// <summary>The values of a row; a row without values (null) shows one dash.</summary>
    public static IReadOnlyList<string> Values(RuleIndicator indicator) => indicator.Values.Count == 0 ? new[] { "" } : indicator.Values;

    /// <summary>A value for plain text: a dash for none, quoted when spaces at its ends would not show.</summary>
    public static string Value(string value)
    {
        if (value.Length == 0)
            return "—";
        return char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]) ? "'" + value.Replace("'", "''") + "'" : value;
    }

    /// <summary>Where the row comes from: the search, marked when it is a filter.</summary>
    public static string Origin(RuleIndicator indicator) => indicator.Filter ? indicator.Search + " (filter)" : indicator.Search;

    /// <summary>How many other rules share one value of the row.</summary>
    public static int Others(RuleCatalog catalog, RuleIndicator indicator, string value) =>
        Math.Max(0, catalog.CountRulesWith(indicator, value) - 1);

    /// <summary>A filter's id as text, or <c>none</c> when the filter gives none.</summary>
    public static string FilterId(AppliedFilter filter) => filter.Id?.ToString("D") ?? "none";

    /// <summary>Which of the rule's stages are the filter's: its search prefix with a star (<c>_filter1_*</c>).</summary>
    public static string FilterSearches(AppliedFilter filter) => filter.SearchPrefix + "*";

    /// <summary>The titles of the filters applied to a rule, for the index's marker: <c>filtered by A; B</c>.</summary>
    public static string FilteredBy(IDescribedRule rule) => "filtered by " + string.Join("; ", rule.AppliedFilters.Select(f => f.Title));

    /// <summary>Whether an event coverage row names no event: the events cannot be determined, or none can match (its title says which).</summary>
    public static bool IsRemark(EventCoverageKind kind) => kind is EventCoverageKind.Undetermined or EventCoverageKind.NoEvent;

    /// <summary>
    /// The log collection checklist of the selected rules: each entry of the catalog's checklist with the number of
    /// those rules that need it, in the catalog's order; entries none of them needs are left out.
    /// </summary>
    public static IReadOnlyList<(EventChecklistEntry Entry, int Rules)> Checklist(RuleCatalog catalog, IReadOnlyList<IDescribedRule> rules)
    {
        var included = new HashSet<IDescribedRule>(rules, ReferenceEqualityComparer.Instance);
        return catalog.EventChecklist
            .Select(entry => (entry, entry.RuleIndexes.Count(i => included.Contains(catalog.Rules[i]))))
            .Where(e => e.Item2 > 0)
            .ToArray();
    }

    /// <summary>The file name of a rule's page, without extension: its id.</summary>
    public static string PageName(IDetectionRule rule) => rule.Id.ToString("D");

    /// <summary>The rules of the catalog that are in <paramref name="selected"/>, in catalog order.</summary>
    public static IReadOnlyList<IDescribedRule> Select(RuleCatalog catalog, IEnumerable<IDetectionRule> selected)
    {
        var wanted = new HashSet<IDetectionRule>(selected, ReferenceEqualityComparer.Instance);
        return catalog.Rules.Where(wanted.Contains).ToArray();
    }
}
