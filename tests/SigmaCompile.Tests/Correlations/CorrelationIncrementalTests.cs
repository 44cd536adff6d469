using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using SigmaCompile.Generator;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Correlations;

/// <summary>
/// Correlations in the incremental pipeline: editing a correlation re-plans the correlations and re-emits no
/// detection class; a whitespace edit changes no model; the output does not depend on file order or culture.
/// </summary>
public sealed class CorrelationIncrementalTests
{
    private static string Correlation(string title, string condition = "gte: 3") =>
        $"title: {title}\ncorrelation:\n    type: event_count\n    rules: [failed_logon]\n    group-by: [User]\n    timespan: 5m\n    condition: {{ {condition} }}\n";

    private static List<InMemoryAdditionalText> Files() => new()
    {
        GeneratorHarness.Rule("logons.yml", CorrelationDiagnosticTests.Logons),
        GeneratorHarness.Rule("a.yml", Correlation("Count A")),
        GeneratorHarness.Rule("b.yml", Correlation("Count B", "gt: 7")),
    };

    private static Dictionary<string, IncrementalStepRunReason[]> Reasons(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single().TrackedSteps
            .ToDictionary(step => step.Key, step => step.Value.SelectMany(run => run.Outputs).Select(o => o.Reason).ToArray());

    private static GeneratorDriver Edit(string text)
    {
        List<InMemoryAdditionalText> files = Files();
        GeneratorDriver driver = GeneratorHarness.CreateDriver(files, trackSteps: true);
        Compilation compilation = GeneratorHarness.EmptyCompilation();
        driver = driver.RunGenerators(compilation);
        return driver.ReplaceAdditionalText(files[1], GeneratorHarness.Rule("a.yml", text)).RunGenerators(compilation);
    }

    [Fact]
    public void Editing_a_correlation_replans_correlations_and_re_emits_no_detection_class()
    {
        Dictionary<string, IncrementalStepRunReason[]> reasons = Reasons(Edit(Correlation("Count A", "gte: 4")));
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(reasons[TrackingNames.Correlations]));
        Assert.DoesNotContain(IncrementalStepRunReason.Modified, reasons[TrackingNames.RuleModels]);
        Assert.DoesNotContain(IncrementalStepRunReason.Modified, reasons[TrackingNames.RuleEmitModels]);
        Assert.All(reasons[TrackingNames.Registry], r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
    }

    [Fact]
    public void A_whitespace_or_comment_edit_of_a_correlation_changes_no_model()
    {
        Dictionary<string, IncrementalStepRunReason[]> reasons = Reasons(Edit("# a comment\n\n" + Correlation("Count A").Replace("rules: [failed_logon]", "rules:   [ failed_logon ]")));
        Assert.Contains(IncrementalStepRunReason.Modified, reasons[TrackingNames.RuleSources]);
        Assert.DoesNotContain(IncrementalStepRunReason.Modified, reasons[TrackingNames.CorrelationModels]);
        Assert.All(reasons[TrackingNames.Correlations], r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
    }

    [Fact]
    public void Output_is_identical_in_any_file_order_and_culture()
    {
        List<InMemoryAdditionalText> files = Files();
        files.Add(GeneratorHarness.Rule("same-title.yml", "id: 0a000000-0000-4000-8000-000000000000\n" + Correlation("Count A", "lt: 2.5")));
        string[] Sources(IEnumerable<AdditionalText> input) => GeneratorHarness.Run(input).Result.Results.Single().GeneratedSources
            .OrderBy(s => s.HintName, StringComparer.Ordinal).Select(s => s.HintName + "\n" + s.SourceText).ToArray();
        string[] expected = Sources(files);
        CultureInfo original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("fi-FI");
            Assert.Equal(expected, Sources(Enumerable.Reverse(files)));
        }
        finally
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = original;
        }
        // Two correlations titled alike get distinct class names; 2.5 is written with a point in any culture.
        Assert.Equal(2, expected.Count(s => s.StartsWith("CountA", StringComparison.Ordinal)));
        Assert.Contains(expected, s => s.Contains("CorrelationOperator.LessThan, 2.5d", StringComparison.Ordinal));
    }
}
