using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using SigmaCompile;
using SigmaCompile.Correlations;
using SigmaCompile.Matching;
using SigmaCompile.Streaming.Correlation;
using SigmaStreaming.TestWorker.Rules;
using Xunit;

namespace SigmaStreaming.Tests.Units;

/// <summary>Which matches are alerts of their own, and where the matches that feed correlations go.</summary>
public sealed class CorrelationRoutingTests
{
    private static readonly IDetectionRule LoginFailed = TestLoginFailed.Instance;
    private static readonly IDetectionRule Probe = TestSyntheticProbe.Instance;
    private static readonly Guid A = Guid.Parse("aaaaaaaa-0000-4000-8000-000000000001");
    private static readonly Guid B = Guid.Parse("bbbbbbbb-0000-4000-8000-000000000002");
    private static readonly Guid C = Guid.Parse("cccccccc-0000-4000-8000-000000000003");

    private static CorrelationSource ByUser(IDetectionRule rule, string field = "user") =>
        CorrelationSource.Detection(rule.Title, rule.Id, new[] { new FieldPath(field) });

    private static List<CorrelationInput> Route(CorrelationRouting routing, string json, params IDetectionRule[] matches)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        var inputs = new List<CorrelationInput>();
        routing.Route(document.RootElement, matches, inputs);
        return inputs;
    }

    [Fact]
    public void A_rule_only_correlations_without_generate_use_reports_nothing_of_its_own()
    {
        var routing = new CorrelationRouting(new[] { new TestCorrelation(A, false, new[] { "user" }, ByUser(LoginFailed)) }, 8);
        Assert.False(routing.Reports(LoginFailed));
        Assert.True(routing.Feeds(LoginFailed));
        Assert.True(routing.Reports(Probe));
        Assert.False(routing.Feeds(Probe));
    }

    [Fact]
    public void One_correlation_with_generate_makes_the_rule_report()
    {
        var routing = new CorrelationRouting(new[]
        {
            new TestCorrelation(A, false, new[] { "user" }, ByUser(LoginFailed)),
            new TestCorrelation(B, true, new[] { "user" }, ByUser(LoginFailed)),
        }, 8);
        Assert.True(routing.Reports(LoginFailed));
    }

    [Fact]
    public void Events_of_one_group_go_to_one_partition_whatever_else_they_hold()
    {
        var routing = new CorrelationRouting(new[] { new TestCorrelation(A, false, new[] { "user" }, ByUser(LoginFailed)) }, 64);
        int[] partitions = new[]
            {
                """{"user":"alice","host":"a"}""",
                """{"user":"alice","host":"b","@timestamp":"2026-01-01T00:00:00Z"}""",
                """{"user":["alice","bob"]}""",
            }
            .Select(json => Route(routing, json, LoginFailed).Single().Partition).Distinct().ToArray();
        Assert.Single(partitions);
        Assert.Equal(PartitionHash.PartitionOf(A.ToString("D") + "\u001falice", 64), partitions[0]);
        // A number and its text are one group, as the correlator reads them.
        Assert.Equal(Route(routing, """{"user":4688}""", LoginFailed).Single().Partition, Route(routing, """{"user":"4688"}""", LoginFailed).Single().Partition);
    }

    [Fact]
    public void An_event_without_a_group_value_feeds_nothing()
    {
        var routing = new CorrelationRouting(new[] { new TestCorrelation(A, false, new[] { "user" }, ByUser(LoginFailed)) }, 8);
        Assert.Empty(Route(routing, """{"user":""}""", LoginFailed));
        Assert.Empty(Route(routing, """{"host":"a"}""", LoginFailed));
        Assert.Empty(Route(routing, """{"user":"alice"}""", Probe));
    }

    [Fact]
    public void Rules_giving_one_group_share_one_input_and_rules_giving_two_groups_get_one_each()
    {
        var routing = new CorrelationRouting(new[] { new TestCorrelation(A, false, new[] { "account" }, ByUser(LoginFailed, "user"), ByUser(Probe, "target")) }, 1024);
        CorrelationInput shared = Route(routing, """{"user":"alice","target":"alice"}""", LoginFailed, Probe).Single();
        Assert.Equal(new[] { LoginFailed.Id, Probe.Id }, shared.RuleIds);

        List<CorrelationInput> split = Route(routing, """{"user":"alice","target":"bob"}""", LoginFailed, Probe);
        Assert.Equal(2, split.Count);
        Assert.Equal(new[] { LoginFailed.Id }, split[0].RuleIds);
        Assert.Equal(new[] { Probe.Id }, split[1].RuleIds);
    }

    [Fact]
    public void A_chain_of_correlations_is_one_unit_routed_whole_to_one_partition()
    {
        var inner = new TestCorrelation(B, false, new[] { "user" }, ByUser(LoginFailed));
        var outer = new TestCorrelation(A, true, new[] { "user" }, CorrelationSource.Correlation("inner", B, new[] { "user" }));
        var lone = new TestCorrelation(C, false, new[] { "user" }, ByUser(Probe));
        var routing = new CorrelationRouting(new ICorrelationRule[] { lone, outer, inner }, 16);

        Assert.Equal(new[] { A, C }, routing.Units.Select(u => u.Id));
        CorrelationUnit chain = routing.Units[0];
        Assert.True(chain.IsChain);
        Assert.Equal(new[] { A, B }, chain.Correlations.Select(c => c.Id));
        int alice = Route(routing, """{"user":"alice"}""", LoginFailed).Single().Partition;
        int bob = Route(routing, """{"user":"bob"}""", LoginFailed).Single().Partition;
        Assert.Equal(PartitionHash.PartitionOf(A.ToString("D"), 16), alice);
        Assert.Equal(alice, bob);
    }

    [Fact]
    public void A_reference_to_a_correlation_that_is_not_given_is_refused()
    {
        var outer = new TestCorrelation(A, true, new[] { "user" }, CorrelationSource.Correlation("inner", B, new[] { "user" }));
        ArgumentException e = Assert.Throws<ArgumentException>(() => new CorrelationRouting(new[] { outer }, 4));
        Assert.Contains(B.ToString("D"), e.Message, StringComparison.Ordinal);
    }
}
