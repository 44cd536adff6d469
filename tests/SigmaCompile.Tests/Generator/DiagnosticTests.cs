using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Generator;

/// <summary>Every diagnostic: its id, severity, file, line and column (1-based, as the build prints them).</summary>
public sealed class DiagnosticTests
{
    private const string Head = "title: Broken\nid: 5b0c9d8e-7f6a-4b5c-9d8e-7f6a5b4c3d2e\nlogsource:\n  product: test\n";

    private static Diagnostic Single(string yaml, string path = "broken.yml")
    {
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(new[]
        {
            GeneratorHarness.Rule(path, yaml),
            GeneratorHarness.Rule("good.yml", "title: Good\nid: 6b0c9d8e-7f6a-4b5c-9d8e-7f6a5b4c3d2e\ndetection:\n  sel:\n    F: x\n  condition: sel\n"),
        });
        Assert.Contains(result.Results.Single().GeneratedSources, s => s.HintName == "Good.g.cs");
        return Assert.Single(result.Diagnostics);
    }

    private static void Expect(Diagnostic diagnostic, string id, DiagnosticSeverity severity, int line, int column, string? messagePart = null)
    {
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(severity, diagnostic.Severity);
        Assert.Equal(GeneratorHarness.RulesDir + "broken.yml", span.Path);
        Assert.Equal((line, column), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        if (messagePart is not null)
            Assert.Contains(messagePart, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void SIGMA001_invalid_yaml_points_at_the_error() =>
        Expect(Single(Head + "detection:\n  sel:\n    F: [unclosed\n  condition: sel\n"), "SIGMA001", DiagnosticSeverity.Error, 7, 8, "unclosed");

    [Fact]
    public void SIGMA001_duplicate_keys() =>
        Expect(Single(Head + "detection:\n  sel:\n    F: x\n    F: y\n  condition: sel\n"), "SIGMA001", DiagnosticSeverity.Error, 8, 5, "appears twice");

    [Fact]
    public void SIGMA002_no_detection() =>
        Expect(Single(Head), "SIGMA002", DiagnosticSeverity.Error, 1, 1, "no 'detection'");

    [Fact]
    public void SIGMA002_no_condition() =>
        Expect(Single(Head + "detection:\n  sel:\n    F: x\n"), "SIGMA002", DiagnosticSeverity.Error, 6, 3, "no 'condition'");

    [Fact]
    public void SIGMA002_no_title() =>
        Expect(Single("id: 5b0c9d8e-7f6a-4b5c-9d8e-7f6a5b4c3d2e\ndetection:\n  sel:\n    F: x\n  condition: sel\n"), "SIGMA002", DiagnosticSeverity.Error, 1, 1, "no 'title'");

    [Fact]
    public void SIGMA003_id_not_a_uuid() =>
        Expect(Single("title: Broken\nid: not-a-uuid\ndetection:\n  sel:\n    F: x\n  condition: sel\n"), "SIGMA003", DiagnosticSeverity.Error, 2, 5, "'not-a-uuid'");

    [Fact]
    public void SIGMA004_two_rules_with_one_id_reports_the_second_and_compiles_the_first()
    {
        string rule = "title: {0}\nid: 5b0c9d8e-7f6a-4b5c-9d8e-7f6a5b4c3d2e\ndetection:\n  sel:\n    F: x\n  condition: sel\n";
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(new[]
        {
            GeneratorHarness.Rule("broken.yml", string.Format(rule, "Second")),
            GeneratorHarness.Rule("a-first.yml", string.Format(rule, "First")),
        });
        Expect(Assert.Single(result.Diagnostics), "SIGMA004", DiagnosticSeverity.Error, 2, 1, "rules/a-first.yml");
        Assert.Contains(result.Results.Single().GeneratedSources, s => s.HintName == "First.g.cs");
        Assert.DoesNotContain(result.Results.Single().GeneratedSources, s => s.HintName == "Second.g.cs");
    }

    [Fact]
    public void SIGMA005_unknown_modifier_suggests_the_closest() =>
        Expect(Single(Head + "detection:\n  sel:\n    F|contians: x\n  condition: sel\n"), "SIGMA005", DiagnosticSeverity.Error, 7, 5, "did you mean 'contains'?");

    [Theory]
    [InlineData("F|contains|all: x", "'all' needs a list")]
    [InlineData("F|re|cased: x", "'cased'")]
    [InlineData("F|contains|startswith: x", "cannot follow")]
    [InlineData("F|cidr|contains: 10.0.0.0/8", "cannot be combined")]
    [InlineData("F|wide: x", "base64")]
    [InlineData("F|i: x", "flag of 're'")]
    public void SIGMA006_invalid_modifier_chains(string item, string messagePart) =>
        Expect(Single(Head + "detection:\n  sel:\n    " + item + "\n  condition: sel\n"), "SIGMA006", DiagnosticSeverity.Error, 7, 5, messagePart);

    [Fact]
    public void SIGMA007_condition_syntax_points_at_the_token() =>
        Expect(Single(Head + "detection:\n  sel:\n    F: x\n  condition: sel and or sel\n"), "SIGMA007", DiagnosticSeverity.Error, 8, 22, "'or'");

    [Fact]
    public void SIGMA007_unclosed_parenthesis() =>
        Expect(Single(Head + "detection:\n  sel:\n    F: x\n  condition: (sel\n"), "SIGMA007", DiagnosticSeverity.Error, 8, 18, "not closed");

    [Fact]
    public void SIGMA008_unknown_identifier_points_at_it() =>
        Expect(Single(Head + "detection:\n  selection:\n    F: x\n  condition: selection and not filter\n"), "SIGMA008", DiagnosticSeverity.Error, 8, 32, "'filter'");

    [Fact]
    public void SIGMA008_pattern_matching_nothing() =>
        Expect(Single(Head + "detection:\n  selection:\n    F: x\n  condition: 1 of sel_*\n"), "SIGMA008", DiagnosticSeverity.Error, 8, 19, "matches no search identifier");

    [Fact]
    public void SIGMA009_invalid_regex_with_the_engines_message() =>
        Expect(Single(Head + "detection:\n  sel:\n    F|re: 'a(b'\n  condition: sel\n"), "SIGMA009", DiagnosticSeverity.Error, 7, 11, "'a(b'");

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0/8")]
    [InlineData("not-an-ip")]
    [InlineData("fe80::/129")]
    public void SIGMA010_invalid_cidr(string cidr) =>
        Expect(Single(Head + "detection:\n  sel:\n    F|cidr: '" + cidr + "'\n  condition: sel\n"), "SIGMA010", DiagnosticSeverity.Error, 7, 13, cidr);

    [Fact]
    public void SIGMA011_unresolved_placeholder_names_it_and_is_a_warning() =>
        Expect(Single(Head + "detection:\n  sel:\n    F|expand: '%admins%'\n  condition: sel\n"), "SIGMA011", DiagnosticSeverity.Warning, 7, 15, "'%admins%'");

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n")]
    [InlineData("# only a comment\n")]
    public void SIGMA012_empty_file(string text) =>
        Expect(Single(text), "SIGMA012", DiagnosticSeverity.Error, 1, 1);

    [Fact]
    public void SIGMA013_not_utf8()
    {
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(new[]
        {
            new InMemoryAdditionalText(GeneratorHarness.RulesDir + "broken.yml", "title: Caf\u00e9", encoding: Encoding.Latin1),
        });
        Expect(Assert.Single(result.Diagnostics), "SIGMA013", DiagnosticSeverity.Error, 1, 1);
    }

    [Fact]
    public void SIGMA013_binary_garbage() =>
        Expect(Single("\0\u0001\u0002binary"), "SIGMA013", DiagnosticSeverity.Error, 1, 1);

    [Fact]
    public void SIGMA014_sigma1_action_global_collections_are_a_warning_and_skipped() =>
        Expect(Single("action: global\ntitle: Shared\nlogsource:\n  product: test\n---\nid: 5b0c9d8e-7f6a-4b5c-9d8e-7f6a5b4c3d2e\ndetection:\n  sel:\n    F: x\n  condition: sel\n"),
            "SIGMA014", DiagnosticSeverity.Warning, 1, 1, "Sigma 1 rule collection");

    [Fact]
    public void SIGMA015_invalid_detection_shape() =>
        Expect(Single(Head + "detection:\n  sel:\n    F:\n      nested: map\n  condition: sel\n"), "SIGMA015", DiagnosticSeverity.Error, 8, 7, "'F'");

    [Fact]
    public void SIGMA016_invalid_value_for_a_modifier() =>
        Expect(Single(Head + "detection:\n  sel:\n    F|gt: many\n  condition: sel\n"), "SIGMA016", DiagnosticSeverity.Error, 7, 11, "not a number");

    [Fact]
    public void SIGMA017_invalid_placeholder_file_points_at_the_entry()
    {
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(new AdditionalText[]
        {
            GeneratorHarness.Rule("good.yml", "title: Good\nid: 6b0c9d8e-7f6a-4b5c-9d8e-7f6a5b4c3d2e\ndetection:\n  sel:\n    F: x\n  condition: sel\n"),
            new InMemoryAdditionalText(GeneratorHarness.RulesDir + "broken.yml", "admins:\n  - alice\nnested:\n  deeper: map\n", "placeholders"),
        });
        Expect(Assert.Single(result.Diagnostics), "SIGMA017", DiagnosticSeverity.Error, 3, 1, "'nested'");
        Assert.Contains(result.Results.Single().GeneratedSources, s => s.HintName == "Good.g.cs");
    }

    [Fact]
    public void SIGMA020_invalid_pipeline_points_at_the_key()
    {
        var options = GeneratorHarness.DefaultOptions();
        options["build_property.SigmaPipelines"] = "broken.yml";
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(new AdditionalText[]
        {
            GeneratorHarness.Rule("good.yml", "title: Good\nid: 6b0c9d8e-7f6a-4b5c-9d8e-7f6a5b4c3d2e\ndetection:\n  sel:\n    F: x\n  condition: sel\n"),
            new InMemoryAdditionalText(GeneratorHarness.RulesDir + "broken.yml", "name: p\ntransformations:\n  - type: field_name_mapping\n    mapping:\n      A: B\n    bogus: 1\n", "pipeline"),
        }, options);
        Expect(Assert.Single(result.Diagnostics), "SIGMA020", DiagnosticSeverity.Error, 6, 5, "'bogus'");
        Assert.Contains(result.Results.Single().GeneratedSources, s => s.HintName == "Good.g.cs");
    }

    [Fact]
    public void SIGMA021_unknown_pipeline_has_no_file_to_point_at()
    {
        var options = GeneratorHarness.DefaultOptions();
        options["build_property.SigmaPipelines"] = "no-such-pipeline";
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(new AdditionalText[] { GeneratorHarness.Rule("good.yml", "title: Good\ndetection:\n  sel:\n    F: x\n  condition: sel\n") }, options);
        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("SIGMA021", DiagnosticSeverity.Error), (diagnostic.Id, diagnostic.Severity));
        Assert.Equal(Location.None, diagnostic.Location);
    }

    [Fact]
    public void SIGMA018_windash_explosion_is_bounded() =>
        Expect(Single(Head + "detection:\n  sel:\n    F|windash: '-a -b -c -d -e -f -g'\n  condition: sel\n"), "SIGMA018", DiagnosticSeverity.Error, 7, 16);

    [Fact]
    public void SIGMA019_unknown_level_is_a_warning_and_the_rule_still_compiles()
    {
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(new[]
        {
            GeneratorHarness.Rule("broken.yml", Head + "level: severe\ndetection:\n  sel:\n    F: x\n  condition: sel\n"),
        });
        Expect(Assert.Single(result.Diagnostics), "SIGMA019", DiagnosticSeverity.Warning, 5, 8, "'severe'");
        Assert.Contains(result.Results.Single().GeneratedSources, s => s.HintName == "Broken.g.cs");
    }

    [Theory]
    [InlineData("error", DiagnosticSeverity.Error)]
    [InlineData("ERROR", DiagnosticSeverity.Error)]
    [InlineData("suggestion", DiagnosticSeverity.Info)]
    [InlineData("silent", DiagnosticSeverity.Hidden)]
    public void An_editorconfig_section_relevels_a_diagnostic_in_its_file(string value, DiagnosticSeverity severity)
    {
        var sectionKeys = new System.Collections.Generic.Dictionary<string, string> { ["sigma_diagnostic.sigma019.severity"] = value };
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(new[]
        {
            new InMemoryAdditionalText(GeneratorHarness.RulesDir + "broken.yml", Head + "level: severe\ndetection:\n  sel:\n    F: x\n  condition: sel\n", editorConfig: sectionKeys),
            GeneratorHarness.Rule("other.yml", Head.Replace("5b0c9d8e", "7b0c9d8e", System.StringComparison.Ordinal).Replace("Broken", "Other", System.StringComparison.Ordinal) + "level: severe\ndetection:\n  sel:\n    F: x\n  condition: sel\n"),
        });
        Diagnostic relevelled = Assert.Single(result.Diagnostics, d => d.Location.GetLineSpan().Path.EndsWith("broken.yml", System.StringComparison.Ordinal));
        Expect(relevelled, "SIGMA019", severity, 5, 8, "'severe'");
        // Another file keeps the default, and the rule still compiles.
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(result.Diagnostics, d => d.Location.GetLineSpan().Path.EndsWith("other.yml", System.StringComparison.Ordinal)).Severity);
        Assert.Contains(result.Results.Single().GeneratedSources, s => s.HintName == "Broken.g.cs");
    }

    [Fact]
    public void An_editorconfig_section_turns_a_diagnostic_off_or_leaves_it_with_default_and_unknown_values()
    {
        static System.Collections.Immutable.ImmutableArray<Diagnostic> Run(string key, string value) => GeneratorHarness.Run(new[]
        {
            new InMemoryAdditionalText(GeneratorHarness.RulesDir + "broken.yml", Head + "level: severe\ndetection:\n  sel:\n    F: x\n  condition: sel\n",
                editorConfig: new System.Collections.Generic.Dictionary<string, string> { [key] = value }),
        }).Result.Diagnostics;

        Assert.Empty(Run("sigma_diagnostic.sigma019.severity", "none"));
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(Run("sigma_diagnostic.sigma019.severity", "default")).Severity);
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(Run("sigma_diagnostic.sigma019.severity", "loud")).Severity);
        // Another id in the section leaves this one alone.
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(Run("sigma_diagnostic.sigma005.severity", "none")).Severity);
    }

    [Fact]
    public void An_error_turned_into_a_warning_still_leaves_the_rule_out()
    {
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(new[]
        {
            new InMemoryAdditionalText(GeneratorHarness.RulesDir + "broken.yml", Head + "detection:\n  sel:\n    F|contians: x\n  condition: sel\n",
                editorConfig: new System.Collections.Generic.Dictionary<string, string> { ["sigma_diagnostic.sigma005.severity"] = "warning" }),
        });
        Expect(Assert.Single(result.Diagnostics), "SIGMA005", DiagnosticSeverity.Warning, 7, 5);
        Assert.DoesNotContain(result.Results.Single().GeneratedSources, s => s.HintName == "Broken.g.cs");
    }

    [Fact]
    public void Every_descriptor_is_tracked_in_the_release_file_and_named_in_the_diagnostics_doc()
    {
        string releases = System.IO.File.ReadAllText(System.IO.Path.Combine(SharedData.RepositoryRoot, "src", "SigmaGenerator", "AnalyzerReleases.Unshipped.md"));
        string doc = System.IO.File.ReadAllText(System.IO.Path.Combine(SharedData.RepositoryRoot, "docs", "diagnostics.md"));
        foreach (DiagnosticDescriptor descriptor in SigmaCompile.Generator.Diagnostics.SigmaDiagnostics.Descriptors)
        {
            Assert.Contains($"{descriptor.Id} | SigmaCompile | {descriptor.DefaultSeverity} |", releases);
            Assert.Contains($"`{descriptor.Id}`", doc);
        }
    }
}
