using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SigmaCompile.Generator;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Catalog;

/// <summary>
/// The catalog keeps the generator incremental: one rule's edit rebuilds that rule's catalog entry and the
/// cross-rule index, and re-emits no other rule's matcher or catalog part.
/// </summary>
public sealed class CatalogIncrementalTests
{
    private static InMemoryAdditionalText File(int n, string value) => GeneratorHarness.Rule($"rule{n}.yml", $"""
        title: Cloud Rule {n}
        id: {n:D8}-0000-4000-8000-000000000000
        logsource:
          product: aws
          service: cloudtrail
        detection:
          sel:
            eventSource: shared.amazonaws.com
            eventName: {value}
          condition: sel
        """);

    private static Dictionary<string, IncrementalStepRunReason[]> Reasons(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single().TrackedSteps
            .ToDictionary(step => step.Key, step => step.Value.SelectMany(run => run.Outputs).Select(o => o.Reason).ToArray());

    [Fact]
    public void Editing_one_rule_rebuilds_its_entry_and_the_index_only()
    {
        List<InMemoryAdditionalText> files = Enumerable.Range(1, 5).Select(n => File(n, "Call" + n)).ToList();
        GeneratorDriver driver = GeneratorHarness.CreateDriver(files, trackSteps: true);
        Compilation compilation = GeneratorHarness.EmptyCompilation();
        driver = driver.RunGenerators(compilation);

        // Rule 3 now looks for rule 1's call: the index changes (a shared indicator, a same-action pair).
        driver = driver.ReplaceAdditionalText(files[2], File(3, "Call1")).RunGenerators(compilation);
        Dictionary<string, IncrementalStepRunReason[]> reasons = Reasons(driver);
        Assert.Equal(1, reasons[TrackingNames.RuleCatalogEntries].Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(4, reasons[TrackingNames.RuleCatalogEntries].Count(r => r == IncrementalStepRunReason.Cached));
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(reasons[TrackingNames.CatalogIndex]));
        Assert.Equal(4, reasons[TrackingNames.RuleEmitModels].Count(r => r == IncrementalStepRunReason.Cached));

        // Of the outputs, only rule 3's two parts, the registry's catalog part and the fused rule set (whose
        // prefilter atoms include rule 3's) are produced again.
        GeneratorRunResult run = driver.GetRunResult().Results.Single();
        var produced = run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(step => step.Outputs)
            .Where(o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New)
            .Count();
        Assert.Equal(4, produced);
        string index = run.GeneratedSources.Single(s => s.HintName == "SigmaRules.Catalog.g.cs").SourceText.ToString();
        // The shared indicator's row of the packed answers, a line of its own: field, operator, value, number of rules.
        Assert.Contains(" eventName\u241FEqual\u241FCall1\u241F2\u241F\n", index);
    }

    [Fact]
    public void A_whitespace_only_edit_leaves_the_catalog_unchanged()
    {
        List<InMemoryAdditionalText> files = Enumerable.Range(1, 3).Select(n => File(n, "Call" + n)).ToList();
        GeneratorDriver driver = GeneratorHarness.CreateDriver(files, trackSteps: true);
        Compilation compilation = GeneratorHarness.EmptyCompilation();
        driver = driver.RunGenerators(compilation);
        var edited = GeneratorHarness.Rule("rule2.yml", "# a comment\n" + File(2, "Call2").GetText()!.ToString() + "\n\n");
        driver = driver.ReplaceAdditionalText(files[1], edited).RunGenerators(compilation);
        Dictionary<string, IncrementalStepRunReason[]> reasons = Reasons(driver);
        Assert.DoesNotContain(IncrementalStepRunReason.Modified, reasons[TrackingNames.RuleCatalogEntries]);
        Assert.All(reasons[TrackingNames.CatalogIndex], r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
    }

    [Fact]
    public void SigmaCatalog_false_leaves_the_catalog_out()
    {
        Dictionary<string, string> options = GeneratorHarness.DefaultOptions();
        options["build_property.SigmaCatalog"] = "false";
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(new[] { File(1, "Call1") }, options);
        Assert.Equal(new[] { "CloudRule1.g.cs", "SigmaRules.Correlations.g.cs", "SigmaRules.Set.g.cs", "SigmaRules.g.cs" }, result.Results.Single().GeneratedSources.Select(s => s.HintName).OrderBy(n => n, System.StringComparer.Ordinal));
        System.Type rule = GeneratorHarness.Load(output).GetTypes().Single(t => t.Name == "CloudRule1");
        Assert.True(typeof(IDetectionRule).IsAssignableFrom(rule));
        Assert.False(typeof(SigmaCompile.Catalog.IDescribedRule).IsAssignableFrom(rule));
    }
}
