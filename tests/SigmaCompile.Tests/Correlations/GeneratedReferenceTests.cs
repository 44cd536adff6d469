using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SigmaCompile.Correlations;
using SigmaCompile.Tests.Infrastructure;
using Xunit;
using static SigmaCompile.Tests.Correlations.CorrelationRun;

namespace SigmaCompile.Tests.Correlations;

/// <summary>
/// What a generated correlation takes from the rules it refers to: references by id or name across files, chains,
/// aliases, field mapping by pipelines, and <c>generate</c>; on compiled generated code.
/// </summary>
public sealed class GeneratedReferenceTests
{
    [Fact]
    public void Rules_are_referred_to_by_id_or_by_name_in_another_file()
    {
        string correlation = "title: By id and name\ncorrelation:\n    type: temporal\n    rules:\n        - 11111111-1111-4111-8111-111111111111\n        - successful_logon\n    group-by: [User]\n    timespan: 5m\n";
        CompiledCorrelations compiled = CompiledCorrelations.Compile(("logons.yml", CorrelationDiagnosticTests.Logons), ("sub/correlation.yml", correlation));
        ICorrelationRule rule = compiled["By id and name"];
        Assert.Equal(new[] { "11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222" }, rule.Sources.Select(s => s.RuleId.ToString()));

        CorrelationRun run = compiled.Run();
        run.Feed(Event(0, ("EventID", 4624), ("User", "alice")));
        run.Feed(Event(10, ("EventID", 4625), ("User", "alice")));
        Assert.Single(run.Alerts);
    }

    [Fact]
    public void Aliases_read_a_group_by_name_from_a_different_field_per_rule()
    {
        CompiledCorrelations compiled = CompiledCorrelations.Compile(("aliases.yml", CorrelationSnapshotTests.AliasesExample));
        CorrelationSource error = compiled["Error then connection back"].Sources[0];
        Assert.Equal(new[] { "destination.ip", "source.ip" }, error.GroupFields.Select(f => f.Name));

        string Error(double at, string destination, string source) => Event(at, ("http.response.status_code", 500), ("destination.ip", destination), ("source.ip", source));
        string Connection(double at, string source, string destination) => Event(at, ("event.category", "network"), ("event.type", "connection"), ("event.outcome", "success"), ("source.ip", source), ("destination.ip", destination));

        CorrelationRun run = compiled.Run();
        run.Feed(Error(0, destination: "10.0.0.1", source: "203.0.113.9"));
        run.Feed(Connection(5, source: "10.0.0.1", destination: "198.51.100.7"));   // another remote: no alert
        run.Feed(Connection(8, source: "10.0.0.1", destination: "203.0.113.9"));    // the same pair, reversed: alert
        CorrelationAlert alert = Assert.Single(run.Alerts);
        Assert.Equal(new[] { new KeyValuePair<string, string>("internal_ip", "10.0.0.1"), new KeyValuePair<string, string>("remote_ip", "203.0.113.9") }, alert.Group);
    }

    [Fact]
    public void An_alias_names_the_inner_group_of_a_chained_correlation()
    {
        string yaml = CorrelationDiagnosticTests.Logons + """

            ---
            title: Many failures per computer and account
            name: many_failures
            correlation:
                type: event_count
                rules: [failed_logon]
                group-by: [TargetUserName]
                timespan: 10m
                condition: { gte: 3 }
            ---
            title: Failures then success
            correlation:
                type: temporal_ordered
                rules: [many_failures, successful_logon]
                group-by: [account]
                timespan: 10m
                aliases:
                    account:
                        many_failures: TargetUserName
                        successful_logon: User
            """;
        CompiledCorrelations compiled = CompiledCorrelations.Compile(("chain.yml", yaml));
        Assert.Equal(new[] { "TargetUserName" }, compiled["Failures then success"].Sources[0].GroupNames);

        CorrelationRun run = compiled.Run();
        for (int i = 0; i < 3; i++)
            run.Feed(Event(i * 10, ("EventID", 4625), ("TargetUserName", "alice")));
        run.Feed(Event(60, ("EventID", 4624), ("User", "alice")));
        CorrelationAlert alert = Assert.Single(run.Alerts);
        Assert.Equal("Failures then success", alert.Rule.Title);
        Assert.Equal("alice", alert.Group.Single().Value);
    }

    [Fact]
    public void Group_and_value_fields_are_mapped_by_the_pipelines_of_the_referenced_rule()
    {
        string yaml = CorrelationDiagnosticTests.Logons + """

            ---
            title: Accounts per computer
            correlation:
                type: value_count
                rules: [failed_logon]
                group-by: [Computer]
                timespan: 10m
                condition: { field: TargetUserName, gte: 2 }
            """;
        var options = GeneratorHarness.DefaultOptions();
        options["build_property.SigmaPipelines"] = "windows-evtx";
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(new[] { GeneratorHarness.Rule("mapped.yml", yaml) }, options);
        Assert.Empty(result.Diagnostics);
        string source = result.Results.Single().GeneratedSources.Single(s => s.HintName == "AccountsPerComputer.g.cs").SourceText.ToString();
        Assert.Contains("group-by 'Computer' reads the event field 'Computer', mapped to 'Event.System.Computer'", source);
        Assert.Contains("FieldPath(\"Event.EventData.TargetUserName\", \"Event.UserData.*.TargetUserName\")", source);

        var assembly = GeneratorHarness.Load(output);
        var registry = assembly.GetTypes().Single(t => t.Name == "SigmaRules");
        var run = new CorrelationRun((RuleSets.RuleSet)registry.GetProperty("Set")!.GetValue(null)!, (IReadOnlyList<ICorrelationRule>)registry.GetProperty("Correlations")!.GetValue(null)!);
        string Failure(double at, string user) =>
            "{\"@timestamp\":\"" + Time(at).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) +
            "\",\"Event\":{\"System\":{\"EventID\":4625,\"Channel\":\"Security\",\"Computer\":\"ws1\"},\"EventData\":{\"TargetUserName\":\"" + user + "\"}}}";
        run.Feed(Failure(0, "alice"));
        run.Feed(Failure(10, "alice"));
        Assert.Empty(run.Alerts);
        run.Feed(Failure(20, "bob"));
        Assert.Equal("ws1", Assert.Single(run.Alerts).Group.Single().Value);
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public void Generate_decides_whether_the_referenced_rules_report_on_their_own(string generate, bool reported)
    {
        string correlation = $"title: Counted\ngenerate: {generate}\ncorrelation:\n    type: event_count\n    rules: [failed_logon]\n    group-by: [User]\n    timespan: 5m\n    condition: {{ gte: 2 }}\n";
        CompiledCorrelations compiled = CompiledCorrelations.Compile(("logons.yml", CorrelationDiagnosticTests.Logons), ("counted.yml", correlation));
        Assert.Equal(reported, compiled["Counted"].Generate);

        CorrelationRun run = compiled.Run();
        run.Feed(Event(0, ("EventID", 4625), ("User", "alice")));
        run.Feed(Event(5, ("EventID", 4625), ("User", "alice")));
        run.Feed(Event(10, ("EventID", 4624), ("User", "alice")));   // not referenced: always reported
        Assert.Single(run.Alerts);
        Assert.Equal(reported ? new[] { "Failed logon", "Failed logon", "Successful logon" } : new[] { "Successful logon" }, run.Detections.Select(d => d.Rule.Title));
    }

    [Fact]
    public void Generate_inside_the_correlation_section_is_read_too()
    {
        string correlation = "title: Counted\ncorrelation:\n    type: event_count\n    generate: true\n    rules: [failed_logon]\n    timespan: 5m\n    condition: { gte: 2 }\n";
        CompiledCorrelations compiled = CompiledCorrelations.Compile(("logons.yml", CorrelationDiagnosticTests.Logons), ("counted.yml", correlation));
        Assert.True(compiled["Counted"].Generate);
        Assert.Empty(compiled["Counted"].GroupBy);
    }

    [Fact]
    public void A_project_without_correlations_has_an_empty_list()
    {
        CompiledCorrelations compiled = CompiledCorrelations.Compile(("logons.yml", CorrelationDiagnosticTests.Logons));
        Assert.Empty(compiled.Correlations);
    }
}
