using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SigmaCompile.Generator;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Generator;

/// <summary>Caching proven on tracked step reasons, value-only pipeline models, and deterministic output.</summary>
public sealed class IncrementalTests
{
    private static readonly string[] RuleSteps = { TrackingNames.RuleSources, TrackingNames.ParsedRules, TrackingNames.RuleModels, TrackingNames.RuleEmitModels };

    private static string RuleText(int n, string extra = "") => $"""
        title: Rule Number {n}
        id: {n:D8}-0000-4000-8000-000000000000
        logsource:
          product: test
        detection:
          sel:
            F|contains: value{n}
          condition: sel
        {extra}
        """;

    private static InMemoryAdditionalText File(int n, string extra = "") => GeneratorHarness.Rule($"rule{n}.yml", RuleText(n, extra));

    private static (GeneratorDriver Driver, Compilation Compilation) FirstRun(IEnumerable<AdditionalText> files)
    {
        GeneratorDriver driver = GeneratorHarness.CreateDriver(files, trackSteps: true);
        Compilation compilation = GeneratorHarness.EmptyCompilation();
        driver = driver.RunGenerators(compilation);
        return (driver, compilation);
    }

    private static Dictionary<string, IncrementalStepRunReason[]> Reasons(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single().TrackedSteps
            .ToDictionary(step => step.Key, step => step.Value.SelectMany(run => run.Outputs).Select(o => o.Reason).ToArray());

    [Fact]
    public void An_unrelated_csharp_edit_leaves_every_rule_step_cached()
    {
        (GeneratorDriver driver, Compilation compilation) = FirstRun(Enumerable.Range(1, 5).Select(n => File(n)));
        compilation = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { }"));
        driver = driver.RunGenerators(compilation);
        Dictionary<string, IncrementalStepRunReason[]> reasons = Reasons(driver);
        foreach (string step in RuleSteps.Append(TrackingNames.Registry))
            Assert.All(reasons[step], reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        Assert.All(driver.GetRunResult().Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(r => r.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Editing_one_rule_reruns_only_that_rule()
    {
        List<InMemoryAdditionalText> files = Enumerable.Range(1, 5).Select(n => File(n)).ToList();
        (GeneratorDriver driver, Compilation compilation) = FirstRun(files);
        InMemoryAdditionalText edited = GeneratorHarness.Rule("rule3.yml", RuleText(3).Replace("value3", "changed3"));
        driver = driver.ReplaceAdditionalText(files[2], edited).RunGenerators(compilation);
        Dictionary<string, IncrementalStepRunReason[]> reasons = Reasons(driver);
        foreach (string step in new[] { TrackingNames.ParsedRules, TrackingNames.RuleModels, TrackingNames.RuleEmitModels })
        {
            Assert.Equal(1, reasons[step].Count(r => r == IncrementalStepRunReason.Modified));
            Assert.Equal(4, reasons[step].Count(r => r == IncrementalStepRunReason.Cached));
        }
        // The class names did not change, so the registry is unchanged and not re-emitted.
        Assert.All(reasons[TrackingNames.Registry], r => Assert.Equal(IncrementalStepRunReason.Unchanged, r));
    }

    [Theory]
    [InlineData("# a comment added at the end")]
    [InlineData("   ")]
    public void A_whitespace_or_comment_only_edit_leaves_the_model_unchanged(string extra)
    {
        List<InMemoryAdditionalText> files = Enumerable.Range(1, 3).Select(n => File(n)).ToList();
        (GeneratorDriver driver, Compilation compilation) = FirstRun(files);
        var edited = GeneratorHarness.Rule("rule2.yml", "# leading comment\n\n" + RuleText(2, extra).Replace("  sel:", "  sel:   "));
        driver = driver.ReplaceAdditionalText(files[1], edited).RunGenerators(compilation);
        Dictionary<string, IncrementalStepRunReason[]> reasons = Reasons(driver);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons[TrackingNames.RuleSources]);
        Assert.DoesNotContain(IncrementalStepRunReason.Modified, reasons[TrackingNames.RuleModels]);
        Assert.Contains(IncrementalStepRunReason.Unchanged, reasons[TrackingNames.RuleModels]);
        Assert.DoesNotContain(IncrementalStepRunReason.Modified, reasons[TrackingNames.RuleEmitModels]);
    }

    [Fact]
    public void Adding_a_rule_leaves_the_others_cached()
    {
        (GeneratorDriver driver, Compilation compilation) = FirstRun(Enumerable.Range(1, 4).Select(n => File(n)));
        driver = driver.AddAdditionalTexts(new AdditionalText[] { File(5) }.ToImmutableArray()).RunGenerators(compilation);
        Dictionary<string, IncrementalStepRunReason[]> reasons = Reasons(driver);
        Assert.Equal(4, reasons[TrackingNames.ParsedRules].Count(r => r == IncrementalStepRunReason.Cached));
        Assert.Equal(1, reasons[TrackingNames.ParsedRules].Count(r => r == IncrementalStepRunReason.New));
        Assert.Equal(4, reasons[TrackingNames.RuleEmitModels].Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(reasons[TrackingNames.Registry]));
    }

    [Fact]
    public void Pipeline_models_hold_no_compiler_objects()
    {
        var files = new List<AdditionalText>
        {
            File(1), File(2), GeneratorHarness.Rule("bad.yml", "title: Bad\ndetection:\n  condition: nothing\n"),
            GeneratorHarness.Rule("correlation.yml", "title: Many\ncorrelation:\n  type: event_count\n  rules: [00000001-0000-4000-8000-000000000000]\n  group-by: [User]\n  timespan: 5m\n  condition: { gte: 3 }\n"),
        };
        (GeneratorDriver driver, _) = FirstRun(files);
        // Our own named steps; Roslyn's "SourceOutput" step holds the reported Diagnostics by design.
        var ours = typeof(TrackingNames).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet();
        var steps = driver.GetRunResult().Results.Single().TrackedSteps.Where(s => ours.Contains(s.Key)).ToList();
        Assert.Equal(ours.Count, steps.Count);
        foreach (var step in steps)
            foreach (var run in step.Value)
                foreach (var (value, _) in run.Outputs)
                    AssertValueOnly(value, step.Key, new HashSet<object>(ReferenceEqualityComparer.Instance), 0);
    }

    private static readonly Type[] Forbidden =
    {
        typeof(ISymbol), typeof(SyntaxNode), typeof(Compilation), typeof(AdditionalText), typeof(Location),
        typeof(SemanticModel), typeof(SyntaxTree), typeof(Microsoft.CodeAnalysis.Text.SourceText),
    };

    private static void AssertValueOnly(object? value, string step, HashSet<object> seen, int depth)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || depth > 20)
            return;
        Type type = value.GetType();
        Assert.False(Forbidden.Any(f => f.IsAssignableFrom(type)), $"step {step} holds a {type.FullName}");
        if (!type.IsValueType && !seen.Add(value))
            return;
        if (value is IEnumerable sequence)
        {
            foreach (object? item in sequence)
                AssertValueOnly(item, step, seen, depth + 1);
        }
        foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            AssertValueOnly(field.GetValue(value), step, seen, depth + 1);
    }

    [Fact]
    public void Output_is_identical_in_any_file_order_and_culture()
    {
        List<InMemoryAdditionalText> files = Enumerable.Range(1, 6).Select(n => File(n)).ToList();
        files.Add(GeneratorHarness.Rule("same-title.yml", RuleText(7).Replace("Rule Number 7", "Rule Number 1")));
        files.Add(GeneratorHarness.Rule("numbers.yml", RuleText(8).Replace("F|contains: value8", "F|gte: 1.5")));
        string[] Sources(IEnumerable<AdditionalText> input)
        {
            var result = GeneratorHarness.Run(input).Result.Results.Single();
            return result.GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal).Select(s => s.HintName + "\n" + s.SourceText).ToArray();
        }
        string[] expected = Sources(files);
        CultureInfo original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("fi-FI");
            string[] reversed = Sources(Enumerable.Reverse(files));
            Assert.Equal(expected, reversed);
        }
        finally
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = original;
        }
        Assert.Contains(expected, s => s.Contains("RuleNumber1_00000007"));
    }
}
