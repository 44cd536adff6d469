using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Semantics;

/// <summary>expand: '%name%' placeholders replaced by the values of a placeholder file (several values are OR).</summary>
public sealed class PlaceholderTests
{
    private const string Placeholders =
        "Admins:\n" +
        "  - 'admin-*'\n" +
        "  - 'root'\n" +
        "DomainControllers:\n" +
        "  - 'DC01'\n" +
        "  - 'DC02'\n" +
        "  - 'DC0?-backup'\n" +
        "Share: 'ADMIN$'\n" +
        "Literal:\n" +
        "  - 'a\\*b'\n" +
        "Domain:\n" +
        "  - 'corp.example'\n" +
        "  - 'ad.example'\n";

    private static readonly ConcurrentDictionary<string, IDetectionRule> Cache = new();

    private static IDetectionRule Compile(string detection) =>
        Cache.GetOrAdd(detection, d => GeneratorHarness.CompileRules(new AdditionalText[]
        {
            GeneratorHarness.Rule("rule.yml", Detections.Rule(d)),
            new InMemoryAdditionalText(GeneratorHarness.ProjectDir + "placeholders.yml", Placeholders, "placeholders"),
        }).Single());

    private static bool Match(string detection, string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return Compile(detection).IsMatch(document.RootElement);
    }

    private static bool MatchF(string detection, string value) => Match(detection, Events.With("F", value));

    [Theory]
    [InlineData("DC01", true)]
    [InlineData("dc02", true)]
    [InlineData("DC03", false)]
    [InlineData("DC01x", false)]
    [InlineData("xDC01", false)]
    [InlineData("%DomainControllers%", false)]
    public void Plain_expand_is_whole_value_equality_with_any_placeholder_value(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|expand: '%DomainControllers%'\ncondition: sel", value));

    [Theory]
    [InlineData("logon from DC02 ok", true)]
    [InlineData("logon from dc01", true)]
    [InlineData("logon from DC07-BACKUP", true)]
    [InlineData("logon from DC0-backup", false)]
    [InlineData("logon from DC3", false)]
    public void Contains_expand_searches_for_any_placeholder_value(string value, bool expected)
    {
        Assert.Equal(expected, MatchF("sel:\n  F|contains|expand: '%DomainControllers%'\ncondition: sel", value));
        Assert.Equal(expected, MatchF("sel:\n  F|expand|contains: '%DomainControllers%'\ncondition: sel", value));
    }

    [Theory]
    [InlineData("admin-bob", true)]
    [InlineData("ADMIN-", true)]
    [InlineData("root", true)]
    [InlineData("xadmin-bob", false)]
    [InlineData("admin", false)]
    [InlineData("rooted", false)]
    public void Placeholder_values_keep_their_wildcards(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|expand: '%Admins%'\ncondition: sel", value));

    [Theory]
    [InlineData("a*b", true)]
    [InlineData("axb", false)]
    public void Escaped_wildcards_in_placeholder_values_are_literal(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|expand: '%Literal%'\ncondition: sel", value));

    [Theory]
    [InlineData("\\\\fileserver\\ADMIN$", true)]
    [InlineData("\\\\fileserver\\admin$", true)]
    [InlineData("\\\\fileserver\\C$", false)]
    public void A_placeholder_with_one_value_and_surrounding_text(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|expand: '\\\\*\\%Share%'\ncondition: sel", value));

    [Theory]
    [InlineData("admin-bob@corp.example", true)]
    [InlineData("root@ad.example", true)]
    [InlineData("root@evil.example", false)]
    [InlineData("guest@corp.example", false)]
    public void Several_placeholders_in_one_value_expand_to_every_combination(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|expand: '%Admins%@%Domain%'\ncondition: sel", value));

    [Theory]
    [InlineData("DC01", true)]
    [InlineData("root", true)]
    [InlineData("other", false)]
    public void A_list_of_placeholder_values_is_or(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|expand:\n    - '%DomainControllers%'\n    - '%Admins%'\ncondition: sel", value));

    [Theory]
    [InlineData("logon to DC02 by root", true)]
    [InlineData("LOGON TO dc01 BY ADMIN-bob", true)]
    [InlineData("logon to DC05-backup by root", true)]
    [InlineData("logon to WS01 by root", false)]
    [InlineData("logon to DC01 by guest", false)]
    public void Contains_expand_all_needs_every_value_with_any_of_its_placeholder_values(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|contains|expand|all:\n    - ' %DomainControllers% '\n    - 'by %Admins%'\ncondition: sel", value));

    [Theory]
    [InlineData("DC01", false)]
    [InlineData("WS01", true)]
    public void Not_expand_filters_placeholder_values(string value, bool expected) =>
        Assert.Equal(expected, Match("sel:\n  F|expand: '%DomainControllers%'\ncondition: not sel", Events.With("F", value)));

    [Fact]
    public void An_unresolved_placeholder_leaves_its_rule_out_with_a_warning_and_the_other_rules_compile()
    {
        const string unresolved = """
            title: Needs Admins
            id: 1a2b3c4d-0000-4000-8000-000000000001
            logsource:
              product: test
            detection:
              sel:
                User|expand: '%Admins%'
                Host|expand: '%Servers%'
              condition: sel
            """;
        var files = new AdditionalText[]
        {
            GeneratorHarness.Rule("needs_admins.yml", unresolved),
            GeneratorHarness.Rule("good.yml", Detections.Rule("sel:\n  F: x\ncondition: sel")),
            new InMemoryAdditionalText(GeneratorHarness.ProjectDir + "placeholders.yml", "Admins: root\n", "placeholders"),
        };

        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(files);

        Diagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal(("SIGMA011", DiagnosticSeverity.Warning), (warning.Id, warning.Severity));
        FileLinePositionSpan span = warning.Location.GetLineSpan();
        Assert.Equal(GeneratorHarness.RulesDir + "needs_admins.yml", span.Path);
        Assert.Equal((8, 18), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1)); // the '%Servers%' value
        string message = warning.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("'%Servers%'", message, StringComparison.Ordinal);
        Assert.Contains("SigmaPlaceholders", message, StringComparison.Ordinal);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.DoesNotContain(result.Results.Single().GeneratedSources, s => s.HintName.StartsWith("NeedsAdmins", StringComparison.Ordinal));

        var all = (System.Collections.Generic.IReadOnlyList<IDetectionRule>)GeneratorHarness.Load(output)
            .GetTypes().Single(t => t.Name == "SigmaRules").GetProperty("All")!.GetValue(null)!;
        Assert.Equal("Test Rule", Assert.Single(all).Title);
    }

    [Fact]
    public void An_unresolved_placeholder_never_becomes_a_literal()
    {
        // Compiled alone, the rule is left out: there is no rule that could match the literal text "%Unknown%".
        var rules = GeneratorHarness.CompileRules(new AdditionalText[]
        {
            GeneratorHarness.Rule("rule.yml", Detections.Rule("sel:\n  F|expand: '%Unknown%'\ncondition: sel")),
            new InMemoryAdditionalText(GeneratorHarness.ProjectDir + "placeholders.yml", Placeholders, "placeholders"),
        });
        Assert.Empty(rules);
    }

    [Fact]
    public void Expand_without_a_placeholder_is_a_compile_error() =>
        Assert.Throws<InvalidOperationException>(() => MatchF("sel:\n  F|expand: 'DC01'\ncondition: sel", "DC01"));

    [Fact]
    public void Without_expand_percent_signs_are_literal() =>
        Assert.True(MatchF("sel:\n  F: '%DomainControllers%'\ncondition: sel", "%domaincontrollers%"));
}
