using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using SigmaCompile.Generator.Diagnostics;
using SigmaCompile.Generator.Lowering;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Planning;

/// <summary>
/// The filters' references checked across files, after Collect: a reference that names no compiled rule, or only
/// rules whose log source the filter does not match, is a warning at the reference (the filter applies to nothing
/// there; the rest of the build is unaffected).
/// </summary>
internal static class FilterPlanner
{
    public static EquatableArray<DiagnosticInfo> Diagnose(ImmutableArray<ParseResult> results, RegistryModel registry)
    {
        var compiled = new HashSet<(string, string)>(registry.Rules.Select(r => (r.Id, r.SourcePath)));
        List<RuleMetadata> rules = results.SelectMany(r => r.Rules).Where(r => compiled.Contains((r.Metadata.Id, r.SourcePath))).Select(r => r.Metadata).ToList();
        var diagnostics = new List<DiagnosticInfo>();
        foreach (ParseResult result in results)
        {
            for (int f = 0; f < result.Filters.Count; f++)
            {
                FilterModel filter = result.Filters[f];
                for (int i = 0; i < filter.Rules.Count; i++)
                {
                    string reference = filter.Rules[i];
                    var named = rules.Where(r => r.Id == reference || r.Name == reference).ToList();
                    string? message = named.Count == 0
                        ? $"The filter names '{reference}', which is neither the id nor the name of a compiled rule in the rules folder; it filters nothing there"
                        : named.Any(r => FilterApplier.Matches(filter, r))
                            ? null
                            : $"The filter names '{reference}', whose log source ({LogSource(named[0])}) the filter's log source ({LogSource(filter.Product, filter.Category, filter.Service)}) does not match; the filter is not applied to it";
                    if (message is not null)
                        diagnostics.Add(DiagnosticInfo.Create(SigmaDiagnostics.FilterNotAppliedId, result.FullPath, result.FilterLocations[f].References[i], message));
                }
            }
        }
        return diagnostics.OrderBy(d => d.FilePath, StringComparer.Ordinal).ThenBy(d => d.Span.Start).ToEquatableArray();
    }

    private static string LogSource(RuleMetadata rule) => LogSource(rule.Product, rule.Category, rule.Service);

    private static string LogSource(string? product, string? category, string? service)
    {
        var parts = new List<string>();
        if (product is not null)
            parts.Add("product " + product);
        if (category is not null)
            parts.Add("category " + category);
        if (service is not null)
            parts.Add("service " + service);
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }
}
