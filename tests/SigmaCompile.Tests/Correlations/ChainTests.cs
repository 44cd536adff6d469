using System;
using System.Linq;
using SigmaCompile.Correlations;
using Xunit;
using static SigmaCompile.Tests.Correlations.CorrelationFixture;

namespace SigmaCompile.Tests.Correlations;

/// <summary>
/// Chains beyond the specification's example: inner windows decided at close still reach the outer correlation, an
/// inner alert's value feeds value types, and an inner alert without the outer's group takes no part.
/// </summary>
public sealed class ChainTests
{
    private static string Failure(double seconds, string user = "alice") => CorrelationRun.Event(seconds, ("EventID", 4625), ("User", user));

    [Fact]
    public void Alerts_of_windows_decided_at_close_reach_the_outer_correlation()
    {
        // Inner: fewer than 3 failures in a minute (decided a minute after the window ends). Outer: two such quiet
        // minutes within 10 minutes. The inner alerts come long after their time, and still count.
        var quiet = new HandWrittenCorrelation
        {
            Title = "quiet minute",
            Type = CorrelationType.EventCount,
            Timespan = TimeSpan.FromMinutes(1),
            Condition = Condition(CorrelationOperator.LessThan, 3),
            GroupBy = new[] { "User" },
            Sources = new[] { Source(FailedLogon, "User") },
        };
        var twice = new HandWrittenCorrelation
        {
            Title = "two quiet minutes",
            Type = CorrelationType.EventCount,
            Timespan = TimeSpan.FromMinutes(10),
            Condition = Condition(CorrelationOperator.GreaterThanOrEqual, 2),
            GroupBy = new[] { "User" },
            Sources = new[] { Inner(quiet, "User") },
        };
        var run = new CorrelationRun(twice, quiet);
        run.Feed(Failure(0));
        run.Feed(Failure(200));
        run.Feed(CorrelationRun.Event(500, ("EventID", 1))); // event time moves on: both inner windows close
        CorrelationAlert alert = Assert.Single(run.Alerts);
        Assert.Same(twice, alert.Rule);
        Assert.Equal(CorrelationRun.Start, alert.FirstTime);
        Assert.Equal(CorrelationRun.Time(200), alert.LastTime);
        Assert.Equal(0, run.Correlator.LateEvents);
    }

    [Fact]
    public void The_inner_alerts_value_is_the_outer_value()
    {
        // Inner: bursts of at least 2 failures; outer: the sum of burst sizes over 10 minutes reaches 5.
        var burst = new HandWrittenCorrelation
        {
            Title = "burst",
            Type = CorrelationType.EventCount,
            Timespan = TimeSpan.FromMinutes(1),
            Condition = Condition(CorrelationOperator.GreaterThanOrEqual, 2),
            GroupBy = new[] { "User" },
            Sources = new[] { Source(FailedLogon, "User") },
        };
        var total = new HandWrittenCorrelation
        {
            Title = "burst total",
            Type = CorrelationType.ValueSum,
            Timespan = TimeSpan.FromMinutes(10),
            Condition = Condition(CorrelationOperator.GreaterThanOrEqual, 5, "burst"),
            GroupBy = new[] { "User" },
            Sources = new[] { Inner(burst, "User") },
        };
        var run = new CorrelationRun(total, burst);
        for (int i = 0; i < 6; i++)
            run.Feed(Failure(i));
        // Bursts of 2, 2 and 2: the sum reaches 6 at the third.
        CorrelationAlert alert = Assert.Single(run.Alerts);
        Assert.Equal(6, alert.Value);
        Assert.Equal(3, alert.EventCount);
        Assert.Equal(new[] { 2L, 4L, 6L }, alert.Events.Select(e => e.Record));
    }

    [Fact]
    public void An_inner_alert_without_the_outer_group_takes_no_part_and_is_counted()
    {
        var anyone = new HandWrittenCorrelation
        {
            Title = "any two failures",
            Type = CorrelationType.EventCount,
            Timespan = TimeSpan.FromMinutes(1),
            Condition = Condition(CorrelationOperator.GreaterThanOrEqual, 2),
            Sources = new[] { Source(FailedLogon) },
        };
        var perUser = new HandWrittenCorrelation
        {
            Title = "per user",
            Type = CorrelationType.EventCount,
            Timespan = TimeSpan.FromMinutes(10),
            Condition = Condition(CorrelationOperator.GreaterThanOrEqual, 1),
            GroupBy = new[] { "User" },
            Sources = new[] { Inner(anyone, "User") },
        };
        var run = new CorrelationRun(perUser, anyone);
        run.Feed(Failure(0));
        run.Feed(Failure(1));
        Assert.Empty(run.Alerts);
        Assert.Equal(1, run.Correlator.EventsWithoutGroup);
    }
}
