using System;
using System.Linq;
using SigmaCompile.Correlations;
using Xunit;
using static SigmaCompile.Tests.Correlations.CorrelationFixture;

namespace SigmaCompile.Tests.Correlations;

/// <summary>
/// generate: a rule referred to by correlations reports its own matches (or alerts) only when one of them has
/// <c>generate: true</c>; a rule no correlation refers to reports as usual.
/// </summary>
public sealed class GenerateTests
{
    private static HandWrittenCorrelation Count(Guid rule, bool generate) => new()
    {
        Title = "count " + rule,
        Type = CorrelationType.EventCount,
        Timespan = TimeSpan.FromMinutes(1),
        Condition = Condition(CorrelationOperator.GreaterThanOrEqual, 2),
        Generate = generate,
        GroupBy = new[] { "User" },
        Sources = new[] { Source(rule, "User") },
    };

    private static Guid[] ReportedIds(CorrelationRun run) => run.Detections.Select(d => d.Rule.Id).Distinct().OrderBy(id => id).ToArray();

    [Fact]
    public void A_referenced_rule_reports_only_through_the_correlation_by_default()
    {
        var run = new CorrelationRun(Count(FailedLogon, generate: false));
        run.Feed(CorrelationRun.Event(0, ("EventID", 4625), ("User", "alice")));
        run.Feed(CorrelationRun.Event(1, ("EventID", 1), ("User", "alice")));
        Assert.Equal(new[] { Unrelated }, ReportedIds(run));
    }

    [Fact]
    public void Generate_makes_the_referenced_rule_report_its_own_matches_too()
    {
        var run = new CorrelationRun(Count(FailedLogon, generate: true));
        run.Feed(CorrelationRun.Event(0, ("EventID", 4625), ("User", "alice")));
        run.Feed(CorrelationRun.Event(1, ("EventID", 4625), ("User", "alice")));
        Assert.Equal(new[] { 1L, 2L }, run.Detections.Select(d => d.Record));
        Assert.Single(run.Alerts);
    }

    [Fact]
    public void One_generating_correlation_among_several_is_enough()
    {
        HandWrittenCorrelation silent = Count(FailedLogon, generate: false);
        HandWrittenCorrelation loud = Count(FailedLogon, generate: true);
        var run = new CorrelationRun(silent, loud);
        run.Feed(CorrelationRun.Event(0, ("EventID", 4625), ("User", "alice")));
        Assert.Equal(new[] { FailedLogon }, ReportedIds(run));
    }

    [Fact]
    public void Detections_are_reported_in_rule_set_order_even_without_time_or_group()
    {
        var run = new CorrelationRun(Count(FailedLogon, generate: true));
        // No @timestamp and no User: the match is reported, the correlation skips the event and counts why.
        run.Feed("{\"EventID\": 4625}");
        Assert.Equal(new[] { FailedLogon }, ReportedIds(run));
        Assert.Equal(1, run.Correlator.EventsWithoutTime);
        run.Feed(CorrelationRun.Event(0, ("EventID", 4625)));
        Assert.Equal(1, run.Correlator.EventsWithoutGroup);
    }

    [Fact]
    public void An_inner_correlation_reports_only_when_an_outer_one_generates()
    {
        HandWrittenCorrelation inner = Count(FailedLogon, generate: false);
        HandWrittenCorrelation outer(bool generate) => new()
        {
            Title = "outer",
            Type = CorrelationType.EventCount,
            Timespan = TimeSpan.FromMinutes(5),
            Condition = Condition(CorrelationOperator.GreaterThanOrEqual, 2),
            Generate = generate,
            GroupBy = new[] { "User" },
            Sources = new[] { Inner(inner, "User") },
        };
        string[] events = Enumerable.Range(0, 4).Select(i => CorrelationRun.Event(i, ("EventID", 4625), ("User", "alice"))).ToArray();

        var quiet = new CorrelationRun(outer(false), inner);
        quiet.FeedAll(events);
        Assert.Equal(new[] { "outer" }, quiet.Alerts.Select(a => a.Rule.Title));

        var loud = new CorrelationRun(outer(true), inner);
        loud.FeedAll(events);
        Assert.Equal(new[] { inner.Title, inner.Title, "outer" }, loud.Alerts.Select(a => a.Rule.Title));
    }
}
