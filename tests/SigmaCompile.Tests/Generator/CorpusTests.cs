using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using SigmaCompile.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SigmaCompile.Tests.Generator;

/// <summary>The whole SigmaHQ corpus (../shared/sigma) through the generator, in memory.</summary>
public sealed class CorpusTests(ITestOutputHelper output)
{
    /// <summary>Placeholder values for the corpus's |expand rules, shipped with the tests.</summary>
    internal static string PlaceholdersPath => Path.Combine(AppContext.BaseDirectory, "Fixtures", "corpus-placeholders.yml");

    internal static List<AdditionalText> CorpusFiles(bool withPlaceholders)
    {
        string root = SharedData.PathOf("sigma");
        var files = Directory.EnumerateFiles(root, "*.yml", SearchOption.AllDirectories)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(path => (AdditionalText)new InMemoryAdditionalText(path, File.ReadAllText(path)))
            .ToList();
        if (withPlaceholders)
            files.Add(new InMemoryAdditionalText(PlaceholdersPath, File.ReadAllText(PlaceholdersPath), "placeholders"));
        return files;
    }

    // Generated files other than the registry's (SigmaRules*.g.cs) and the catalog parts (*.Catalog.g.cs) are rule classes.
    private static int RuleClasses(GeneratorDriverRunResult result) =>
        result.Results.Single().GeneratedSources.Count(s =>
            !s.HintName.StartsWith("SigmaRules", StringComparison.Ordinal) && !s.HintName.EndsWith(".Catalog.g.cs", StringComparison.Ordinal));

    [SharedDataFact]
    public void Every_corpus_rule_compiles_to_one_class_with_no_errors()
    {
        List<AdditionalText> files = CorpusFiles(withPlaceholders: true);
        var options = GeneratorHarness.DefaultOptions();
        options["build_property.SigmaRulesDirectory"] = SharedData.PathOf("sigma");
        (GeneratorDriverRunResult result, Compilation compilation) = GeneratorHarness.Run(files, options);

        var generatorErrors = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        foreach (Diagnostic diagnostic in generatorErrors.Take(50))
            output.WriteLine(diagnostic.ToString());
        Assert.Empty(generatorErrors);
        Assert.All(result.Results, r => Assert.Null(r.Exception));

        int ruleFiles = files.Count - 1;
        int classes = RuleClasses(result);
        Assert.Equal(ruleFiles, classes);

        var compileErrors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        foreach (Diagnostic diagnostic in compileErrors.Take(20))
            output.WriteLine(diagnostic.ToString());
        Assert.Empty(compileErrors);
    }

    [SharedDataFact]
    public void Without_placeholder_values_only_the_expand_rules_are_left_out_each_with_its_warning()
    {
        List<AdditionalText> files = CorpusFiles(withPlaceholders: false);
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(files);
        Assert.Empty(result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        var warnings = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).ToList();
        Assert.NotEmpty(warnings);
        Assert.All(warnings, d => Assert.Equal("SIGMA011", d.Id));
        var leftOut = warnings.Select(d => d.Location.GetLineSpan().Path).Distinct().ToList();
        Assert.All(leftOut, path => Assert.Contains("|expand", File.ReadAllText(path)));
        Assert.Equal(files.Count - leftOut.Count, RuleClasses(result));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }
}
