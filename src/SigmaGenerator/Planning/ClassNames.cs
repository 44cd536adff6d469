using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Planning;

/// <summary>
/// Class names for all rules at once: PascalCase of the title; where titles collide, the rule with the lowest
/// id keeps the plain name and the others add the start of their id, so names never depend on file order.
/// </summary>
internal static class ClassNames
{
    // Names a rule class cannot take: the registry and the aliases generated files use, the registry's members (which
    // would hide the class inside SigmaRules), and the members of a rule class (a member cannot share its
    // class's name), catalog members included.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        RegistryModel.ClassName, "SigmaMatching", "SigmaCatalog", "SigmaAtomKind", "Matchers", "Details", "Set", "All", "Catalog", "CatalogIndex",
        "IsMatch", "Matches", "Instance", "Id", "Title", "Status", "Level", "Description", "Author", "Date", "Modified", "References", "Tags",
        "Attack", "LogSource", "FalsePositives", "Condition", "SourcePath", "Stages", "Indicators", "Coverage", "CatalogData",
        "Correlations", "Name", "Type", "Timespan", "Generate", "GroupBy", "Sources",
        "EventCoverage", "AppliedFilters",
    };

    public static EquatableArray<RegistryEntry> Assign(ImmutableArray<RuleModel> rules)
    {
        var result = new List<RegistryEntry>();
        // Names are unique ignoring case: each becomes a hint name ("Name.g.cs"), which Roslyn compares ignoring
        // case, so "OutsideAccess" and "OutsiDeAccess" (titles "Outside Access", "Outsi de Access") must not both be taken.
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (IGrouping<string, RuleModel> group in rules
                     .GroupBy(r => BaseName(r.Metadata.Title), StringComparer.Ordinal)
                     .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            bool first = true;
            foreach (RuleModel rule in group.OrderBy(r => r.Metadata.Id, StringComparer.Ordinal).ThenBy(r => r.SourcePath, StringComparer.Ordinal))
            {
                string name = first && !Reserved.Contains(group.Key) && !used.Contains(group.Key) ? group.Key : group.Key + "_" + rule.Metadata.Id.Replace("-", "").Substring(0, 8);
                for (int n = 2; !used.Add(name); n++)
                    name = group.Key + "_" + rule.Metadata.Id.Replace("-", "") + "_" + n;
                result.Add(new RegistryEntry(rule.Metadata.Id, name, rule.SourcePath));
                first = false;
            }
        }
        return result.OrderBy(e => e.Id, StringComparer.Ordinal).ThenBy(e => e.SourcePath, StringComparer.Ordinal).ToEquatableArray();
    }

    /// <summary>
    /// Class names for correlation rules, by the same scheme, avoiding the names the detection rules took
    /// (<paramref name="taken"/>): ordered by id, like the detection rules' classes.
    /// </summary>
    public static EquatableArray<(string Id, string ClassName)> AssignCorrelations(IEnumerable<CorrelationModel> correlations, IEnumerable<string> taken)
    {
        var used = new HashSet<string>(taken, StringComparer.OrdinalIgnoreCase);
        var result = new List<(string Id, string ClassName)>();
        foreach (IGrouping<string, CorrelationModel> group in correlations
                     .GroupBy(c => BaseName(c.Metadata.Title), StringComparer.Ordinal)
                     .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            bool first = true;
            foreach (CorrelationModel correlation in group.OrderBy(c => c.Metadata.Id, StringComparer.Ordinal))
            {
                string id = correlation.Metadata.Id.Replace("-", "");
                string name = first && !Reserved.Contains(group.Key) && !used.Contains(group.Key) ? group.Key : group.Key + "_" + id.Substring(0, 8);
                for (int n = 2; !used.Add(name); n++)
                    name = group.Key + "_" + id + "_" + n;
                result.Add((correlation.Metadata.Id, name));
                first = false;
            }
        }
        return result.OrderBy(e => e.Id, StringComparer.Ordinal).ToEquatableArray();
    }

    public static string BaseName(string title) => Identifiers.PascalCase(title, "Rule");
}
