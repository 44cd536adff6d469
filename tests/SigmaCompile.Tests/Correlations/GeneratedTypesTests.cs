using System.Collections.Generic;
using System.Linq;
using SigmaCompile.Correlations;
using Xunit;
using static SigmaCompile.Tests.Correlations.CorrelationRun;

namespace SigmaCompile.Tests.Correlations;

/// <summary>
/// Every correlation type and every condition operator, compiled from YAML by the generator and run through a
/// <see cref="Correlator"/>: events that fire, and events that must not (under the threshold, outside the timespan,
/// another group, the wrong order). The engine's own semantics tests cover the corners; these prove the generated
/// classes say what the YAML says.
/// </summary>
public sealed class GeneratedTypesTests
{
    private const string Detections = """
        title: Probe
        id: 50000000-0000-4000-8000-000000000001
        name: probe
        logsource:
            product: test
        detection:
            selection:
                Kind: probe
            condition: selection
        ---
        title: Step A
        id: 50000000-0000-4000-8000-00000000000a
        name: step_a
        logsource:
            product: test
        detection:
            selection:
                Step: a
            condition: selection
        ---
        title: Step B
        id: 50000000-0000-4000-8000-00000000000b
        name: step_b
        logsource:
            product: test
        detection:
            selection:
                Step: b
            condition: selection
        ---
        title: Step C
        id: 50000000-0000-4000-8000-00000000000c
        name: step_c
        logsource:
            product: test
        detection:
            selection:
                Step: c
            condition: selection
        """;

    // One correlation document over the probe rule, per User within one minute.
    private static string Over(string title, string type, string condition, string rules = "[probe]", string timespan = "1m") => $"""
        title: {title}
        correlation:
            type: {type}
            rules: {rules}
            group-by: [User]
            timespan: {timespan}
            condition: {condition}
        """;

    private static readonly CompiledCorrelations Compiled = CompiledCorrelations.Compile(
        ("detections.yml", Detections),
        ("correlations.yml", string.Join("\n---\n", new[]
        {
            Over("Count gt 2", "event_count", "{ gt: 2 }"),
            Over("Count gte 3", "event_count", "{ gte: 3 }"),
            Over("Count lt 3", "event_count", "{ lt: 3 }"),
            Over("Count lte 2", "event_count", "{ lte: 2 }"),
            Over("Count eq 3", "event_count", "{ eq: 3 }"),
            Over("Count neq 3", "event_count", "{ neq: 3 }"),
            Over("Count from 3 to 4", "event_count", "{ gte: 3, lte: 4 }"),
            Over("Hosts", "value_count", "{ field: Host, gte: 3 }"),
            Over("Bytes sum", "value_sum", "{ field: Bytes, gt: 100 }"),
            Over("Bytes average", "value_avg", "{ field: Bytes, gte: 50 }"),
            Over("Bytes p90 over 36.9", "value_percentile", "{ field: Bytes, percentile: 90, gt: 36.9 }"),
            Over("Bytes p90 over 37.1", "value_percentile", "{ field: Bytes, percentile: 90, gt: 37.1 }"),
            Over("Bytes median", "value_median", "{ field: Bytes, gte: 2.5 }"),
            Over("All steps", "temporal", "null", rules: "[step_a, step_b, step_c]", timespan: "5m"),
            Over("Steps in order", "temporal_ordered", "null", rules: "[step_a, step_b, step_c]", timespan: "5m"),
        })));

    private static List<CorrelationAlert> AlertsOf(string title, IEnumerable<string> events)
    {
        CorrelationRun run = Compiled.Run();
        run.FeedAll(events);
        run.Flush();
        return run.AlertsOf(Compiled[title]).ToList();
    }

    private static string Probe(double seconds, string user = "alice", string host = "h1", double bytes = 0) =>
        Event(seconds, ("Kind", "probe"), ("User", user), ("Host", host), ("Bytes", bytes));

    private static IEnumerable<string> Probes(int count, string user = "alice") => Enumerable.Range(0, count).Select(i => Probe(i * 10, user));

    [Fact]
    public void The_generated_classes_carry_the_types_and_conditions_written()
    {
        Assert.Equal(CorrelationType.ValuePercentile, Compiled["Bytes p90 over 36.9"].Type);
        Assert.Equal("field: Bytes, percentile: 90, gt: 36.9", Compiled["Bytes p90 over 36.9"].Condition.ToString());
        Assert.Equal("gte: 3, lte: 4", Compiled["Count from 3 to 4"].Condition.ToString());
        Assert.Equal(System.TimeSpan.FromMinutes(5), Compiled["All steps"].Timespan);
        Assert.Equal(new[] { "User" }, Compiled["Hosts"].GroupBy);
        Assert.Equal("Host", Compiled["Hosts"].Sources.Single().ValueField!.Name);
    }

    [Theory]
    [InlineData("Count gt 2", 2, false)]
    [InlineData("Count gt 2", 3, true)]
    [InlineData("Count gte 3", 2, false)]
    [InlineData("Count gte 3", 3, true)]
    [InlineData("Count lt 3", 2, true)]
    [InlineData("Count lt 3", 3, false)]
    [InlineData("Count lte 2", 2, true)]
    [InlineData("Count lte 2", 3, false)]
    [InlineData("Count eq 3", 2, false)]
    [InlineData("Count eq 3", 3, true)]
    [InlineData("Count eq 3", 4, false)]
    [InlineData("Count neq 3", 3, false)]
    [InlineData("Count neq 3", 4, true)]
    [InlineData("Count from 3 to 4", 2, false)]
    [InlineData("Count from 3 to 4", 4, true)]
    [InlineData("Count from 3 to 4", 5, false)]
    public void Every_operator_fires_exactly_when_the_count_meets_it(string title, int events, bool fires) =>
        Assert.Equal(fires ? 1 : 0, AlertsOf(title, Probes(events)).Count);

    [Fact]
    public void Event_count_does_not_fire_outside_the_timespan_or_across_groups()
    {
        Assert.Empty(AlertsOf("Count gte 3", new[] { Probe(0), Probe(40), Probe(101) }));
        Assert.Empty(AlertsOf("Count gte 3", new[] { Probe(0), Probe(10), Probe(20, user: "bob") }));
        CorrelationAlert alert = Assert.Single(AlertsOf("Count gte 3", new[] { Probe(0), Probe(10, user: "bob"), Probe(20), Probe(30) }));
        Assert.Equal("alice", alert.Group.Single().Value);
    }

    [Fact]
    public void Value_count_counts_distinct_values_of_its_field()
    {
        Assert.Single(AlertsOf("Hosts", new[] { Probe(0, host: "a"), Probe(10, host: "b"), Probe(20, host: "c") }));
        Assert.Empty(AlertsOf("Hosts", new[] { Probe(0, host: "a"), Probe(10, host: "a"), Probe(20, host: "b") }));
    }

    [Fact]
    public void Value_sum_adds_its_field()
    {
        Assert.Single(AlertsOf("Bytes sum", new[] { Probe(0, bytes: 60), Probe(10, bytes: 50) }));
        Assert.Empty(AlertsOf("Bytes sum", new[] { Probe(0, bytes: 60), Probe(10, bytes: 40) }));
    }

    [Fact]
    public void Value_avg_averages_its_field()
    {
        Assert.Single(AlertsOf("Bytes average", new[] { Probe(0, bytes: 40), Probe(10, bytes: 60), Probe(20, bytes: 70) }));
        Assert.Empty(AlertsOf("Bytes average", new[] { Probe(0, bytes: 40), Probe(10, bytes: 50), Probe(20, bytes: 20) }));
    }

    [Fact]
    public void Value_percentile_interpolates_between_ranks()
    {
        // 10, 20, 30, 40: the 90th percentile is 37 (docs/correlations.md).
        string[] events = { Probe(0, bytes: 40), Probe(10, bytes: 10), Probe(20, bytes: 30), Probe(30, bytes: 20) };
        Assert.Equal(37, Assert.Single(AlertsOf("Bytes p90 over 36.9", events)).Value, 9);
        Assert.Empty(AlertsOf("Bytes p90 over 37.1", events));
        Assert.Single(AlertsOf("Bytes median", new[] { Probe(0, bytes: 1), Probe(10, bytes: 2), Probe(20, bytes: 3), Probe(30, bytes: 4) }));
        Assert.Empty(AlertsOf("Bytes median", new[] { Probe(0, bytes: 1), Probe(10, bytes: 2), Probe(20, bytes: 3) }));
    }

    private static string Step(double seconds, string step, string user = "alice") => Event(seconds, ("Step", step), ("User", user));

    [Fact]
    public void Temporal_needs_every_rule_within_the_timespan_in_any_order()
    {
        Assert.Single(AlertsOf("All steps", new[] { Step(0, "c"), Step(10, "a"), Step(20, "b") }));
        Assert.Empty(AlertsOf("All steps", new[] { Step(0, "a"), Step(10, "b") }));
        Assert.Empty(AlertsOf("All steps", new[] { Step(0, "a"), Step(10, "b"), Step(301, "c") }));
        Assert.Empty(AlertsOf("All steps", new[] { Step(0, "a"), Step(10, "b"), Step(20, "c", user: "bob") }));
    }

    [Fact]
    public void Temporal_ordered_needs_the_listed_order()
    {
        Assert.Single(AlertsOf("Steps in order", new[] { Step(0, "a"), Step(10, "b"), Step(20, "c") }));
        Assert.Empty(AlertsOf("Steps in order", new[] { Step(0, "c"), Step(10, "b"), Step(20, "a") }));
        Assert.Single(AlertsOf("All steps", new[] { Step(0, "c"), Step(10, "b"), Step(20, "a") }));
    }
}
