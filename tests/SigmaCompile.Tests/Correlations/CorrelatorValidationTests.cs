using System;
using System.Text.Json;
using SigmaCompile.Correlations;
using SigmaCompile.Matching;
using Xunit;
using static SigmaCompile.Tests.Correlations.CorrelationFixture;

namespace SigmaCompile.Tests.Correlations;

/// <summary>A correlator refuses invalid correlations and options with a message naming the rule and what to fix.</summary>
public sealed class CorrelatorValidationTests
{
    private static HandWrittenCorrelation Valid(string title = "valid") => new()
    {
        Title = title,
        Type = CorrelationType.EventCount,
        Timespan = TimeSpan.FromMinutes(1),
        Condition = Condition(CorrelationOperator.GreaterThanOrEqual, 2),
        GroupBy = new[] { "User" },
        Sources = new[] { Source(FailedLogon, "User") },
    };

    private static string Refusal(params ICorrelationRule[] rules) =>
        Assert.Throws<ArgumentException>(() => new Correlator(Set, rules)).Message;

    [Fact]
    public void Problems_of_a_correlation_are_named()
    {
        HandWrittenCorrelation rule = Valid();
        Assert.Contains("not among the detection rules", Refusal(new HandWrittenCorrelation
        {
            Title = "unknown", Type = CorrelationType.EventCount, Timespan = TimeSpan.FromMinutes(1),
            Condition = Condition(CorrelationOperator.GreaterThan, 1), Sources = new[] { Source(Guid.NewGuid()) },
        }));
        Assert.Contains("needs a positive timespan", Refusal(new HandWrittenCorrelation
        {
            Title = "zero", Type = CorrelationType.EventCount, Timespan = TimeSpan.Zero,
            Condition = Condition(CorrelationOperator.GreaterThan, 1), Sources = new[] { Source(FailedLogon) },
        }));
        Assert.Contains("gives 0 group fields", Refusal(new HandWrittenCorrelation
        {
            Title = "fields", Type = CorrelationType.EventCount, Timespan = TimeSpan.FromMinutes(1), GroupBy = new[] { "User" },
            Condition = Condition(CorrelationOperator.GreaterThan, 1), Sources = new[] { Source(FailedLogon) },
        }));
        Assert.Contains("without a percentile", Refusal(new HandWrittenCorrelation
        {
            Title = "percentile", Type = CorrelationType.ValuePercentile, Timespan = TimeSpan.FromMinutes(1),
            Condition = Condition(CorrelationOperator.GreaterThan, 1, "Bytes"), Sources = new[] { ValueSource(Transfer, "Bytes") },
        }));
        Assert.Contains("needs a value field", Refusal(new HandWrittenCorrelation
        {
            Title = "value", Type = CorrelationType.ValueSum, Timespan = TimeSpan.FromMinutes(1),
            Condition = Condition(CorrelationOperator.GreaterThan, 1, "Bytes"), Sources = new[] { Source(Transfer) },
        }));
        Assert.Contains("refers to no rules", Refusal(new HandWrittenCorrelation
        {
            Title = "empty", Type = CorrelationType.EventCount, Timespan = TimeSpan.FromMinutes(1),
            Condition = Condition(CorrelationOperator.GreaterThan, 1), Sources = Array.Empty<CorrelationSource>(),
        }));
        Assert.Contains("two correlation rules have the id", Refusal(rule, rule));
        // The message names the rule by title and id.
        string message = Refusal(new HandWrittenCorrelation
        {
            Id = Guid.Parse("d0000000-0000-4000-8000-000000000001"), Title = "named", Type = CorrelationType.EventCount,
            Timespan = TimeSpan.FromMinutes(-1), Condition = Condition(CorrelationOperator.GreaterThan, 1), Sources = new[] { Source(FailedLogon) },
        });
        Assert.StartsWith("correlation 'named' (d0000000-0000-4000-8000-000000000001) needs a positive timespan", message);
    }

    [Fact]
    public void Chains_must_name_known_correlations_and_must_not_cycle()
    {
        var a = new HandWrittenCorrelation
        {
            Id = Guid.Parse("c0000000-0000-4000-8000-00000000000a"), Title = "A", Type = CorrelationType.EventCount,
            Timespan = TimeSpan.FromMinutes(1), Condition = Condition(CorrelationOperator.GreaterThan, 1),
            Sources = new[] { CorrelationSource.Correlation("B", Guid.Parse("c0000000-0000-4000-8000-00000000000b"), Array.Empty<string>()) },
        };
        var b = new HandWrittenCorrelation
        {
            Id = Guid.Parse("c0000000-0000-4000-8000-00000000000b"), Title = "B", Type = CorrelationType.EventCount,
            Timespan = TimeSpan.FromMinutes(1), Condition = Condition(CorrelationOperator.GreaterThan, 1),
            Sources = new[] { CorrelationSource.Correlation("A", a.Id, Array.Empty<string>()) },
        };
        Assert.Contains("not among the correlation rules", Refusal(a));
        Assert.Contains("cycle: A -> B -> A", Refusal(a, b));
        var self = new HandWrittenCorrelation
        {
            Title = "self", Type = CorrelationType.EventCount, Timespan = TimeSpan.FromMinutes(1),
            Condition = Condition(CorrelationOperator.GreaterThan, 1), Sources = new[] { CorrelationSource.Correlation("self", Guid.Empty, Array.Empty<string>()) },
        };
        Assert.Contains("refers to itself", Refusal(new HandWrittenCorrelation
        {
            Id = Guid.Empty, Title = self.Title, Type = self.Type, Timespan = self.Timespan, Condition = self.Condition, Sources = self.Sources,
        }));
    }

    [Fact]
    public void Chains_are_run_inner_first_whatever_order_they_are_given_in()
    {
        var correlator = new Correlator(Set, new ICorrelationRule[] { FailedLogonsExampleTests.FailuresThenSuccess, FailedLogonsExampleTests.ManyFailures });
        Assert.Equal(new ICorrelationRule[] { FailedLogonsExampleTests.ManyFailures, FailedLogonsExampleTests.FailuresThenSuccess }, correlator.Correlations);
    }

    [Fact]
    public void Options_out_of_range_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new Correlator(Set, new[] { Valid() }, new CorrelatorOptions { MaxLiveGroups = 0 }));
        Assert.Throws<ArgumentException>(() => new Correlator(Set, new[] { Valid() }, new CorrelatorOptions { MaxStoredEvents = 0 }));
        Assert.Throws<ArgumentException>(() => new Correlator(Set, new[] { Valid() }, new CorrelatorOptions { MaxEventReferencesPerAlert = -1 }));
        Assert.Throws<ArgumentException>(() => new Correlator(Set, new[] { Valid() }, new CorrelatorOptions { AllowedLateness = TimeSpan.FromSeconds(-1) }));
    }

    [Fact]
    public void Alerts_carry_at_most_the_configured_number_of_event_references()
    {
        var run = new CorrelationRun(new CorrelatorOptions { MaxEventReferencesPerAlert = 3 }, FailedLogonsExampleTests.ManyFailures);
        for (int i = 0; i < 10; i++)
            run.Feed(CorrelationRun.Event(i, ("EventID", 4625), ("User", "alice")));
        CorrelationAlert alert = Assert.Single(run.Alerts);
        Assert.Equal(10, alert.EventCount);
        Assert.Equal(new[] { 1L, 2L, 3L }, System.Linq.Enumerable.Select(alert.Events, e => e.Record));
    }

    [Fact]
    public void Hosts_can_hand_in_matches_and_time_themselves_and_any_json_is_safe()
    {
        var correlator = Correlator.FromRules(All, new[] { Valid() });
        var output = new CorrelatorOutput();
        var matches = new[] { Detection(FailedLogon) };
        using JsonDocument document = JsonDocument.Parse("{\"User\": \"alice\"}");
        correlator.ProcessMatches(document.RootElement, CorrelationRun.Start, matches, new EventReference("worker", 1), output);
        Assert.Empty(output.Alerts);
        correlator.ProcessMatches(document.RootElement, CorrelationRun.Start, matches, new EventReference("worker", 2), output);
        Assert.Single(output.Alerts);

        foreach (string json in new[] { "[]", "\"text\"", "null", "42", "{\"@timestamp\": {}}" })
        {
            using JsonDocument odd = JsonDocument.Parse(json);
            correlator.Process(odd.RootElement, new EventReference("odd", 0), output);
            correlator.ProcessMatches(odd.RootElement, null, matches, new EventReference("odd", 0), output);
            Assert.Empty(output.Alerts);
        }
        correlator.Process(default, CorrelationRun.Start, new EventReference("default", 0), output);
        Assert.Empty(output.Detections);
    }

    [Fact]
    public void Sources_refuse_null_fields_and_names()
    {
        Assert.Throws<ArgumentException>(() => CorrelationSource.Detection("x", Guid.Empty, new FieldPath[] { null! }));
        Assert.Throws<ArgumentException>(() => CorrelationSource.Correlation("x", Guid.Empty, new string[] { null! }));
        Assert.Equal("detection x", CorrelationSource.Detection("x", Guid.Empty, new[] { new FieldPath("a.b") }).ToString());
    }
}
