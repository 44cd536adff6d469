using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using SigmaCompile.Catalog;
using SigmaCompile.Tests.Infrastructure;

namespace SigmaCompile.Tests.Catalog;

/// <summary>Compiles rules in memory and returns the generated <c>SigmaRules.Catalog</c>.</summary>
internal static class CatalogHarness
{
    private static readonly Lazy<RuleCatalog> Repository = new(() => Compile(RepositoryRules()));

    /// <summary>The repository's rules/ folder, named as the generator sees it in a project (rules/aws/...).</summary>
    public static List<AdditionalText> RepositoryRules()
    {
        string root = Path.Combine(AppContext.BaseDirectory, "repo-rules");
        return Directory.EnumerateFiles(root, "*.yml", SearchOption.AllDirectories)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(path => (AdditionalText)GeneratorHarness.Rule(Path.GetRelativePath(root, path).Replace('\\', '/'), File.ReadAllText(path)))
            .ToList();
    }

    /// <summary>The catalog of the repository's rules (compiled once).</summary>
    public static RuleCatalog RepositoryCatalog => Repository.Value;

    public static RuleCatalog Compile(IEnumerable<AdditionalText> files, IReadOnlyDictionary<string, string>? options = null)
    {
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(files, options);
        var errors = result.Diagnostics.Concat(output.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
            throw new InvalidOperationException("Compilation failed:\n" + string.Join("\n", errors.Take(20)));
        return FromAssembly(GeneratorHarness.Load(output));
    }

    public static RuleCatalog FromAssembly(Assembly assembly)
    {
        Type registry = assembly.GetTypes().Single(t => t.Name == "SigmaRules");
        return (RuleCatalog)registry.GetProperty("Catalog")!.GetValue(null)!;
    }

    public static IDescribedRule Rule(this RuleCatalog catalog, string title) => catalog.Rules.Single(r => r.Title == title);
}
