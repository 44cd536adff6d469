using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using SigmaCompile.Generator.Diagnostics;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Planning;

/// <summary>
/// The registry of all rules, planned after Collect: one rule per id (the file whose path sorts first; the others
/// are reported), class names, the namespace as a valid C# name; and each rule's emit model, which carries
/// everything its writer needs besides the rule (class name, namespace, ATT&amp;CK coverage).
/// </summary>
internal static class RegistryPlanner
{
    public static RegistryModel Plan(ImmutableArray<RuleModel> rules, GeneratorOptions options) =>
        new(NamespaceName(options.Namespace), ClassNames.Assign(Distinct(rules)));

    /// <summary>The rule's emit model, or null for a rule the registry left out (a duplicate id: reported, not compiled).</summary>
    public static RuleEmitModel? EmitModel(RuleModel rule, RegistryModel registry)
    {
        foreach (RegistryEntry entry in registry.Rules)
        {
            if (entry.Id == rule.Metadata.Id && entry.SourcePath == rule.SourcePath)
                return new RuleEmitModel(rule, entry.ClassName, registry.Namespace, CoverageBuilder.Build(rule.Metadata.Tags));
        }
        return null;
    }

    /// <summary>
    /// Rules of different files that share an id: the first by path is compiled, each other one is reported at its
    /// id. (Two documents of one file that share an id are reported when the file is read.)
    /// </summary>
    public static EquatableArray<DiagnosticInfo> DuplicateIds(ImmutableArray<ParseResult> results)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var located = results
            .SelectMany(r => r.Rules.Select((rule, i) => (Rule: rule, r.FullPath, r.RuleLocations[i].Id)))
            .ToList();
        foreach (var group in located.GroupBy(r => r.Rule.Metadata.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var ordered = group.OrderBy(r => r.Rule.SourcePath, StringComparer.Ordinal).ToList();
            foreach (var duplicate in ordered.Skip(1))
                diagnostics.Add(DiagnosticInfo.Create(SigmaDiagnostics.DuplicateIdId, duplicate.FullPath, duplicate.Id, group.Key, ordered[0].Rule.SourcePath));
        }
        return diagnostics.OrderBy(d => d.FilePath, StringComparer.Ordinal).ToEquatableArray();
    }

    // Two files with one id: the first by path is compiled, the others reported (see DuplicateIds).
    private static ImmutableArray<RuleModel> Distinct(ImmutableArray<RuleModel> rules) =>
        rules.GroupBy(r => r.Metadata.Id, StringComparer.Ordinal)
            .Select(g => g.OrderBy(r => r.SourcePath, StringComparer.Ordinal).First())
            .ToImmutableArray();

    // Keeps a namespace a valid C# name whatever the project calls itself.
    private static string NamespaceName(string ns)
    {
        var parts = ns.Split('.').Select(p => Identifiers.PascalCase(p, "N")).Where(p => p.Length > 0);
        string joined = string.Join(".", parts);
        return joined.Length == 0 ? "SigmaRules" : joined;
    }
}
