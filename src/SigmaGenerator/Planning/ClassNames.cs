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
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        RegistryModel.ClassName, "SigmaMatching", "SigmaCatalog", "SigmaAtomKind", "Matchers", "Details", "Set", "All", "Catalog", "CatalogIndex",
        "IsMatch", "Matches", "Instance", "Id", "Title", "Status", "Level", "Description", "Author", "Date", "Modified", "References", "Tags",
        "Attack", "LogSource", "FalsePositives", "Condition", "SourcePath", "Stages", "Indicators", "Coverage", "CatalogEntry",
    };

    public static EquatableArray<RegistryEntry> Assign(ImmutableArray<RuleModel> rules)
    {
        var result = new List<RegistryEntry>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (IGrouping<string, RuleModel> group in rules
                     .GroupBy(r => BaseName(r.Metadata.Title), StringComparer.Ordinal)
                     .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            bool first = true;
            foreach (RuleModel rule in group.OrderBy(r => r.Metadata.Id, StringComparer.Ordinal).ThenBy(r => r.SourcePath, StringComparer.Ordinal))
            {
                string name = first && !Reserved.Contains(group.Key) ? group.Key : group.Key + "_" + rule.Metadata.Id.Replace("-", "").Substring(0, 8);
                for (int n = 2; !used.Add(name); n++)
                    name = group.Key + "_" + rule.Metadata.Id.Replace("-", "") + "_" + n;
                result.Add(new RegistryEntry(rule.Metadata.Id, name, rule.SourcePath));
                first = false;
            }
        }
        return result.OrderBy(e => e.Id, StringComparer.Ordinal).ThenBy(e => e.SourcePath, StringComparer.Ordinal).ToEquatableArray();
    }

    public static string BaseName(string title) => Identifiers.PascalCase(title, "Rule");
}
