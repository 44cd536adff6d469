using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Correlations;

/// <summary>
/// Every correlation diagnostic: its id, severity, file, line and column, and that the detection rules and a valid
/// correlation beside the broken one still compile.
/// </summary>
public sealed class CorrelationDiagnosticTests
{
    internal const string Logons = """
        title: Failed logon
        id: 11111111-1111-4111-8111-111111111111
        name: failed_logon
        logsource:
            product: windows
            service: security
        detection:
            selection:
                EventID: 4625
            condition: selection
        ---
        title: Successful logon
        id: 22222222-2222-4222-8222-222222222222
        name: successful_logon
        logsource:
            product: windows
            service: security
        detection:
            selection:
                EventID: 4624
            condition: selection
        """;

    private const string Good = """
        title: Good correlation
        id: 33333333-3333-4333-8333-333333333333
        correlation:
            type: event_count
            rules: [failed_logon]
            group-by: [User]
            timespan: 5m
            condition:
                gte: 3
        """;

    // A correlation document whose correlation section is the given text (indented under 'correlation:').
    private static string Correlation(string section, string head = "") =>
        "title: Broken correlation\nid: 44444444-4444-4444-8444-444444444444\n" + head + "correlation:\n" +
        string.Join("\n", section.Trim('\n').Split('\n').Select(l => "    " + l)) + "\n";

    private static List<Diagnostic> Run(string broken, params (string Name, string Yaml)[] more)
    {
        var files = new List<(string, string)> { ("logons.yml", Logons), ("good.yml", Good), ("broken.yml", broken) };
        files.AddRange(more);
        (IReadOnlyList<Diagnostic> diagnostics, IReadOnlyList<string> sources) = CompiledCorrelations.Diagnose(files.ToArray());
        Assert.Contains("FailedLogon.g.cs", sources);
        Assert.Contains("SuccessfulLogon.g.cs", sources);
        Assert.Contains("GoodCorrelation.g.cs", sources);
        Assert.DoesNotContain("BrokenCorrelation.g.cs", sources);
        return diagnostics.ToList();
    }

    // The one diagnostic, expected at the first occurrence of 'at' in the broken file (1-based line and column).
    private static void Expect(string broken, string id, string at, string messagePart, int occurrence = 1, params (string, string)[] more)
    {
        Diagnostic diagnostic = Assert.Single(Run(broken, more));
        AssertAt(diagnostic, broken, id, at, messagePart, occurrence);
    }

    private static void AssertAt(Diagnostic diagnostic, string text, string id, string at, string messagePart, int occurrence = 1, string file = "broken.yml")
    {
        int index = -1;
        for (int i = 0; i < occurrence; i++)
            index = text.IndexOf(at, index + 1, System.StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{at}' is not in the test's YAML");
        int line = text.Take(index).Count(c => c == '\n') + 1;
        int column = index - text.LastIndexOf('\n', index == 0 ? 0 : index - 1);
        if (text.LastIndexOf('\n', index == 0 ? 0 : index - 1) < 0)
            column = index + 1;
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(GeneratorHarness.RulesDir + file, span.Path);
        Assert.Equal((line, column), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        Assert.Contains(messagePart, diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_valid_set_has_no_diagnostics()
    {
        (IReadOnlyList<Diagnostic> diagnostics, _) = CompiledCorrelations.Diagnose(("logons.yml", Logons), ("good.yml", Good));
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void SIGMA022_unknown_type() =>
        Expect(Correlation("type: event_counts\nrules: [failed_logon]\ntimespan: 5m\ncondition: { gte: 3 }"), "SIGMA022", "event_counts", "unknown correlation type 'event_counts'");

    [Fact]
    public void SIGMA022_missing_type() =>
        Expect(Correlation("rules: [failed_logon]\ntimespan: 5m\ncondition: { gte: 3 }"), "SIGMA022", "correlation:", "has no 'type'");

    [Fact]
    public void SIGMA022_correlation_not_a_mapping() =>
        Expect("title: Broken correlation\ncorrelation: [event_count]\n", "SIGMA022", "[event_count]", "must be a mapping");

    [Fact]
    public void SIGMA022_a_rule_listed_twice() =>
        Expect(Correlation("type: event_count\nrules: [failed_logon, failed_logon]\ntimespan: 5m\ncondition: { gte: 3 }"), "SIGMA022", "failed_logon", "listed twice", occurrence: 2);

    [Fact]
    public void SIGMA022_generate_not_a_boolean() =>
        Expect(Correlation("type: event_count\nrules: [failed_logon]\ntimespan: 5m\ncondition: { gte: 3 }", head: "generate: sometimes\n"), "SIGMA022", "sometimes", "'generate' must be true or false");

    [Fact]
    public void SIGMA022_a_chain_whose_inner_correlation_lacks_a_group_by_name()
    {
        string broken = Correlation("type: temporal_ordered\nrules: [many_failures, successful_logon]\ngroup-by: [User]\ntimespan: 10m");
        string inner = "title: Many failures\nname: many_failures\ncorrelation:\n    type: event_count\n    rules: [failed_logon]\n    group-by: [Computer]\n    timespan: 10m\n    condition: { gte: 3 }\n";
        Expect(broken, "SIGMA022", "many_failures", "does not group by 'User'", 1, ("inner.yml", inner));
    }

    [Fact]
    public void SIGMA023_no_rules() =>
        Expect(Correlation("type: event_count\ntimespan: 5m\ncondition: { gte: 3 }"), "SIGMA023", "type:", "add 'rules:'");

    [Fact]
    public void SIGMA023_empty_rules() =>
        Expect(Correlation("type: event_count\nrules: []\ntimespan: 5m\ncondition: { gte: 3 }"), "SIGMA023", "[]", "'rules' is empty");

    [Theory]
    [InlineData("10 minutes")]
    [InlineData("1.5h")]
    [InlineData("0s")]
    [InlineData("10M")]
    [InlineData("-5m")]
    public void SIGMA024_malformed_timespan(string timespan) =>
        Expect(Correlation($"type: event_count\nrules: [failed_logon]\ntimespan: {timespan}\ncondition: {{ gte: 3 }}"), "SIGMA024", timespan, "is not a positive whole number");

    [Fact]
    public void SIGMA024_missing_timespan() =>
        Expect(Correlation("type: event_count\nrules: [failed_logon]\ncondition: { gte: 3 }"), "SIGMA024", "type:", "has no 'timespan'");

    [Fact]
    public void SIGMA024_timespan_over_the_limit() =>
        Expect(Correlation("type: event_count\nrules: [failed_logon]\ntimespan: 366d\ncondition: { gte: 3 }"), "SIGMA024", "366d", "longer than the 365 days");

    [Fact]
    public void SIGMA025_missing_condition() =>
        Expect(Correlation("type: event_count\nrules: [failed_logon]\ntimespan: 5m"), "SIGMA025", "type:", "needs a 'condition'");

    [Theory]
    [InlineData("value_count")]
    [InlineData("value_sum")]
    [InlineData("value_avg")]
    public void SIGMA025_missing_field(string type) =>
        Expect(Correlation($"type: {type}\nrules: [failed_logon]\ntimespan: 5m\ncondition:\n    gte: 3"), "SIGMA025", "gte: 3", "needs 'field'");

    [Fact]
    public void SIGMA025_value_percentile_without_a_percentile() =>
        Expect(Correlation("type: value_percentile\nrules: [failed_logon]\ntimespan: 5m\ncondition:\n    field: bytes\n    gt: 100"), "SIGMA025", "field: bytes", "needs 'percentile'");

    [Fact]
    public void SIGMA025_a_bound_that_is_not_a_number() =>
        Expect(Correlation("type: event_count\nrules: [failed_logon]\ntimespan: 5m\ncondition:\n    gte: many"), "SIGMA025", "many", "'gte' must be compared with a number");

    [Fact]
    public void SIGMA025_no_bound() =>
        Expect(Correlation("type: value_count\nrules: [failed_logon]\ntimespan: 5m\ncondition:\n    field: User"), "SIGMA025", "field: User", "has no bound");

    [Fact]
    public void SIGMA026_unknown_operator() =>
        Expect(Correlation("type: event_count\nrules: [failed_logon]\ntimespan: 5m\ncondition:\n    ge: 3"), "SIGMA026", "ge: 3", "Unknown condition operator 'ge'");

    [Fact]
    public void SIGMA027_alias_naming_a_rule_not_referenced() =>
        Expect(Correlation("type: temporal\nrules: [failed_logon, successful_logon]\ngroup-by: [user]\ntimespan: 5m\naliases:\n    user:\n        failed_logon: TargetUserName\n        other_rule: SubjectUserName"),
            "SIGMA027", "other_rule", "does not list");

    [Fact]
    public void SIGMA027_alias_naming_a_rule_by_id() =>
        Expect(Correlation("type: temporal\nrules: [11111111-1111-4111-8111-111111111111, successful_logon]\ngroup-by: [user]\ntimespan: 5m\naliases:\n    user:\n        11111111-1111-4111-8111-111111111111: TargetUserName"),
            "SIGMA027", "11111111-1111-4111-8111-111111111111: ", "give that rule a 'name'");

    [Fact]
    public void SIGMA028_unknown_rule_reference() =>
        Expect(Correlation("type: event_count\nrules: [failed_logon, no_such_rule]\ntimespan: 5m\ncondition: { gte: 3 }"), "SIGMA028", "no_such_rule", "'no_such_rule' is neither the id nor the name");

    [Fact]
    public void SIGMA028_a_reference_to_a_rule_left_out_for_its_own_errors()
    {
        string brokenRule = "title: Broken rule\nname: broken_rule\ndetection:\n    selection:\n        F|contians: x\n    condition: selection\n";
        List<Diagnostic> diagnostics = Run(Correlation("type: event_count\nrules: [broken_rule]\ntimespan: 5m\ncondition: { gte: 3 }"), ("broken_rule.yml", brokenRule));
        Assert.Contains(diagnostics, d => d.Id == "SIGMA005");
        string broken = Correlation("type: event_count\nrules: [broken_rule]\ntimespan: 5m\ncondition: { gte: 3 }");
        AssertAt(Assert.Single(diagnostics, d => d.Id == "SIGMA028"), broken, "SIGMA028", "broken_rule", "fix the errors");
    }

    [Fact]
    public void SIGMA028_an_unknown_id() =>
        Expect(Correlation("type: event_count\nrules: [99999999-9999-4999-8999-999999999999]\ntimespan: 5m\ncondition: { gte: 3 }"), "SIGMA028", "99999999", "neither the id nor the name");

    [Fact]
    public void SIGMA029_ambiguous_name()
    {
        string twin = "title: Another failed logon\nname: failed_logon\nlogsource:\n    product: linux\ndetection:\n    selection:\n        result: failure\n    condition: selection\n";
        // The valid correlation names failed_logon too, so it is reported as well; the broken file's diagnostic is checked.
        List<Diagnostic> diagnostics = RunAllowingGoodToFail(Correlation("type: event_count\nrules: [failed_logon]\ntimespan: 5m\ncondition: { gte: 3 }"), ("twin.yml", twin));
        Diagnostic diagnostic = Assert.Single(diagnostics, d => d.Location.GetLineSpan().Path.EndsWith("broken.yml", System.StringComparison.Ordinal));
        AssertAt(diagnostic, Correlation("type: event_count\nrules: [failed_logon]\ntimespan: 5m\ncondition: { gte: 3 }"), "SIGMA029", "failed_logon", "belongs to several rules");
        Assert.Contains("Another failed logon", diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void SIGMA030_reference_cycle_is_reported_at_each_correlation_on_it()
    {
        string a = "title: Broken correlation\nname: a\ncorrelation:\n    type: temporal\n    rules: [b, failed_logon]\n    timespan: 5m\n";
        string b = "title: Broken too\nname: b\ncorrelation:\n    type: temporal\n    rules: [a, successful_logon]\n    timespan: 5m\n";
        List<Diagnostic> diagnostics = Run(a, ("broken_too.yml", b));
        Assert.Equal(2, diagnostics.Count);
        AssertAt(diagnostics.Single(d => d.Location.GetLineSpan().Path.EndsWith("broken.yml", System.StringComparison.Ordinal)), a, "SIGMA030", "b, failed", "refers back to itself");
        AssertAt(diagnostics.Single(d => d.Location.GetLineSpan().Path.EndsWith("broken_too.yml", System.StringComparison.Ordinal)), b, "SIGMA030", "a, succ", "refers back to itself", file: "broken_too.yml");
    }

    [Fact]
    public void SIGMA030_a_correlation_that_refers_to_itself() =>
        Expect("title: Broken correlation\nname: self\ncorrelation:\n    type: temporal\n    rules: [self, failed_logon]\n    timespan: 5m\n", "SIGMA030", "self, failed", "'self'");

    [Fact]
    public void SIGMA031_a_chain_deeper_than_the_limit()
    {
        // level1 counts failed logons; level N counts level N-1's alerts. Level 9 is one too deep.
        var files = new List<(string, string)>();
        for (int level = 1; level <= 8; level++)
        {
            string inner = level == 1 ? "failed_logon" : "level" + (level - 1);
            files.Add(($"level{level}.yml", $"title: Level {level}\nname: level{level}\ncorrelation:\n    type: event_count\n    rules: [{inner}]\n    group-by: [User]\n    timespan: 5m\n    condition: {{ gte: 1 }}\n"));
        }
        string broken = "title: Broken correlation\nname: level9\ncorrelation:\n    type: event_count\n    rules: [level8]\n    group-by: [User]\n    timespan: 5m\n    condition: { gte: 1 }\n";
        List<Diagnostic> diagnostics = Run(broken, files.ToArray());
        AssertAt(Assert.Single(diagnostics), broken, "SIGMA031", "level8]", "9 correlations deep; at most 8");
    }

    [Fact]
    public void SIGMA004_a_correlation_with_a_detection_rules_id() =>
        Expect("title: Broken correlation\nid: 11111111-1111-4111-8111-111111111111\ncorrelation:\n    type: event_count\n    rules: [successful_logon]\n    timespan: 5m\n    condition: { gte: 3 }\n",
            "SIGMA004", "id:", "also used by 'rules/logons.yml'");

    [Fact]
    public void A_field_the_type_does_not_read_is_a_warning_and_the_correlation_compiles()
    {
        string yaml = "title: Counted\ncorrelation:\n    type: event_count\n    rules: [failed_logon]\n    timespan: 5m\n    condition:\n        field: User\n        gte: 3\n";
        (IReadOnlyList<Diagnostic> diagnostics, IReadOnlyList<string> sources) = CompiledCorrelations.Diagnose(("logons.yml", Logons), ("counted.yml", yaml));
        Diagnostic warning = Assert.Single(diagnostics);
        Assert.Equal(("SIGMA019", DiagnosticSeverity.Warning), (warning.Id, warning.Severity));
        Assert.Contains("reads no 'field'", warning.GetMessage(CultureInfo.InvariantCulture));
        Assert.Contains("Counted.g.cs", sources);
    }

    private static List<Diagnostic> RunAllowingGoodToFail(string broken, params (string Name, string Yaml)[] more)
    {
        var files = new List<(string, string)> { ("logons.yml", Logons), ("broken.yml", broken) };
        files.AddRange(more);
        return CompiledCorrelations.Diagnose(files.ToArray()).Diagnostics.ToList();
    }
}
