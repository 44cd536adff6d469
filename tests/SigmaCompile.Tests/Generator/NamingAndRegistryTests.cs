using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Generator;

/// <summary>Class names, the registry and the namespace option.</summary>
public sealed class NamingAndRegistryTests
{
    private static string RuleWith(string title, string id) => $"""
        title: {title}
        id: {id}
        logsource:
          product: test
        detection:
          sel:
            F: x
          condition: sel
        """;

    [Fact]
    public void Class_names_are_pascal_case_titles_and_collisions_get_an_id_suffix()
    {
        var rules = GeneratorHarness.CompileRules(new[]
        {
            GeneratorHarness.Rule("b.yml", RuleWith("Suspicious net.exe Use", "bbbbbbbb-0000-4000-8000-000000000000")),
            GeneratorHarness.Rule("a.yml", RuleWith("Suspicious Net.exe use", "aaaaaaaa-0000-4000-8000-000000000000")),
            GeneratorHarness.Rule("c.yml", RuleWith("3 AWS Things", "cccccccc-0000-4000-8000-000000000000")),
        });
        Assert.Equal(
            new[] { "SuspiciousNetExeUse", "SuspiciousNetExeUse_bbbbbbbb", "Rule3AwsThings" },
            rules.Select(r => r.GetType().Name).ToArray());
    }

    [Fact]
    public void Class_names_that_differ_only_in_case_are_told_apart_since_hint_names_ignore_case()
    {
        // "Outsi de" reads as OutsiDe: the two base names differ only in case, and Roslyn compares hint names ignoring
        // case (found by the mutation test; it failed the whole generator run).
        var rules = GeneratorHarness.CompileRules(new[]
        {
            GeneratorHarness.Rule("a.yml", RuleWith("Removed Outsi\tde Automation", "aaaaaaaa-0000-4000-8000-000000000000")),
            GeneratorHarness.Rule("b.yml", RuleWith("Removed Outside Automation", "bbbbbbbb-0000-4000-8000-000000000000")),
            GeneratorHarness.Rule("c.yml", RuleWith("sigma rules", "cccccccc-0000-4000-8000-000000000000")),
        });
        string[] names = rules.Select(r => r.GetType().Name).ToArray();
        Assert.Equal(new[] { "RemovedOutsiDeAutomation", "RemovedOutsideAutomation_bbbbbbbb", "SigmaRules_cccccccc" }, names);
    }

    [Theory]
    [InlineData("Details")]
    [InlineData("Matchers")]
    [InlineData("Instance")]
    [InlineData("Catalog Data")]
    [InlineData("Applied Filters")]
    [InlineData("Event Coverage")]
    [InlineData("Set")]
    public void A_title_equal_to_a_generated_member_gets_an_id_suffix_and_compiles(string title)
    {
        IDetectionRule rule = GeneratorHarness.CompileRules(new[] { GeneratorHarness.Rule("a.yml", RuleWith(title, "aaaaaaaa-0000-4000-8000-000000000000")) }).Single();
        Assert.Equal(title.Replace(" ", "") + "_aaaaaaaa", rule.GetType().Name);
        Assert.Equal(title, rule.Title);
        Assert.Empty(rule.Tags);
    }

    [Fact]
    public void The_registry_is_ordered_by_id_whatever_the_file_order()
    {
        var rules = GeneratorHarness.CompileRules(new[]
        {
            GeneratorHarness.Rule("z.yml", RuleWith("Zed", "00000000-0000-4000-8000-000000000001")),
            GeneratorHarness.Rule("a.yml", RuleWith("Alpha", "ffffffff-0000-4000-8000-000000000000")),
            GeneratorHarness.Rule("m.yml", RuleWith("Mid", "77777777-0000-4000-8000-000000000000")),
        });
        Assert.Equal(new[] { "Zed", "Mid", "Alpha" }, rules.Select(r => r.Title).ToArray());
        Assert.Same(rules[0], rules[0].GetType().GetField("Instance")!.GetValue(null));
    }

    [Fact]
    public void The_namespace_defaults_to_root_namespace_dot_rules_and_can_be_set()
    {
        var files = new[] { GeneratorHarness.Rule("a.yml", RuleWith("Alpha", "ffffffff-0000-4000-8000-000000000000")) };
        Assert.Equal("Demo.Rules", GeneratorHarness.CompileRules(files).Single().GetType().Namespace);

        Dictionary<string, string> options = GeneratorHarness.DefaultOptions();
        options["build_property.SigmaRulesNamespace"] = "Acme.Detections";
        Assert.Equal("Acme.Detections", GeneratorHarness.CompileRules(files, options).Single().GetType().Namespace);
    }

    [Fact]
    public void Only_yml_and_yaml_files_are_rules()
    {
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(new[]
        {
            GeneratorHarness.Rule("a.yaml", RuleWith("Alpha", "ffffffff-0000-4000-8000-000000000000")),
            GeneratorHarness.Rule("notes.txt", "not yaml at all: ["),
            GeneratorHarness.Rule("b.YML", RuleWith("Beta", "eeeeeeee-0000-4000-8000-000000000000")),
        });
        Assert.Empty(result.Diagnostics);
        Assert.Equal(new[] { "Alpha.g.cs", "Beta.g.cs", "SigmaRules.Correlations.g.cs", "SigmaRules.Set.g.cs", "SigmaRules.g.cs" }, result.Results.Single().GeneratedSources.Select(s => s.HintName)
            .Where(n => !n.EndsWith(".Catalog.g.cs", System.StringComparison.Ordinal)).OrderBy(n => n, System.StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void The_generated_header_names_the_source_file_relative_to_the_project()
    {
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(new[] { GeneratorHarness.Rule("aws/alpha.yml", RuleWith("Alpha", "ffffffff-0000-4000-8000-000000000000")) });
        string text = result.Results.Single().GeneratedSources.Single(s => s.HintName == "Alpha.g.cs").SourceText.ToString();
        Assert.Contains("// Generated by SigmaCompile from rules/aws/alpha.yml", text);
        Assert.Contains("// <auto-generated/>", text);
    }
}
