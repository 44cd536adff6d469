using System;
using SigmaCompile.Correlations;
using Xunit;
using static SigmaCompile.Tests.Correlations.CorrelationFixture;

namespace SigmaCompile.Tests.Correlations;

/// <summary>
/// Events that arrive out of order: within the allowed lateness (the timespan by default) they count in the window
/// their time puts them in; older ones are counted as late and skipped.
/// </summary>
public sealed class OutOfOrderTests
{
    private static HandWrittenCorrelation Failures(CorrelationOperator op, double bound) => new()
    {
        Title = "failures",
        Type = CorrelationType.EventCount,
        Timespan = TimeSpan.FromMinutes(1),
        Condition = Condition(op, bound),
        GroupBy = new[] { "User" },
        Sources = new[] { Source(FailedLogon, "User") },
    };

    private static string Failure(double seconds) => CorrelationRun.Event(seconds, ("EventID", 4625), ("User", "alice"));

    [Fact]
    public void An_event_arriving_late_within_the_lateness_completes_the_window_it_belongs_to()
    {
        var run = new CorrelationRun(Failures(CorrelationOperator.GreaterThanOrEqual, 3));
        run.Feed(Failure(0));
        run.Feed(Failure(50));
        CorrelationAlert alert = Assert.Single(run.Feed(Failure(20)));
        Assert.Equal(CorrelationRun.Start, alert.FirstTime);
        Assert.Equal(CorrelationRun.Time(50), alert.LastTime);
        Assert.Equal(new[] { 1L, 3L, 2L }, System.Linq.Enumerable.Select(alert.Events, e => e.Record));
        Assert.Equal(0, run.Correlator.LateEvents);
    }

    [Fact]
    public void A_late_event_can_complete_a_window_that_ends_after_it()
    {
        var run = new CorrelationRun(Failures(CorrelationOperator.GreaterThanOrEqual, 3));
        run.Feed(Failure(100));
        run.Feed(Failure(130));
        // 30 s is 100 s behind the watermark, more than the lateness; 90 s joins the window [70 s, 130 s].
        Assert.Empty(run.Feed(Failure(30)));
        Assert.Equal(1, run.Correlator.LateEvents);
        CorrelationAlert alert = Assert.Single(run.Feed(Failure(90)));
        Assert.Equal(CorrelationRun.Time(90), alert.FirstTime);
        Assert.Equal(CorrelationRun.Time(130), alert.LastTime);
    }

    [Fact]
    public void An_event_older_than_the_lateness_is_counted_as_late_and_skipped()
    {
        var run = new CorrelationRun(Failures(CorrelationOperator.GreaterThanOrEqual, 2));
        run.Feed(Failure(200));
        run.Feed(Failure(139)); // 61 s behind the latest event time, and the lateness is the timespan: 60 s
        Assert.Empty(run.Alerts);
        Assert.Equal(1, run.Correlator.LateEvents);
        Assert.Single(run.Feed(Failure(140))); // exactly 60 s behind still counts
    }

    [Fact]
    public void The_lateness_can_be_set()
    {
        var run = new CorrelationRun(new CorrelatorOptions { AllowedLateness = TimeSpan.Zero }, Failures(CorrelationOperator.GreaterThanOrEqual, 2));
        run.Feed(Failure(10));
        run.Feed(Failure(9));
        Assert.Equal(1, run.Correlator.LateEvents);
        Assert.Single(run.Feed(Failure(10)));
    }

    [Fact]
    public void A_late_event_before_the_anchor_moves_a_window_that_waits_for_its_close()
    {
        // lt 3 within 1 minute. 30 s and 40 s alone make a window of 2; the late 10 s anchors the window at 10 s,
        // which then holds 10, 30 and 40: not fewer than 3.
        var alone = new CorrelationRun(Failures(CorrelationOperator.LessThan, 3));
        alone.Feed(Failure(30));
        alone.Feed(Failure(40));
        Assert.Single(alone.Flush());

        var withLate = new CorrelationRun(Failures(CorrelationOperator.LessThan, 3));
        withLate.Feed(Failure(30));
        withLate.Feed(Failure(40));
        withLate.Feed(Failure(10));
        Assert.Empty(withLate.Flush());
    }

    [Fact]
    public void Temporal_ordered_orders_by_event_time_not_arrival()
    {
        var rule = new HandWrittenCorrelation
        {
            Type = CorrelationType.TemporalOrdered,
            Timespan = TimeSpan.FromMinutes(1),
            Condition = Condition(CorrelationOperator.GreaterThanOrEqual, 3),
            GroupBy = new[] { "User" },
            Sources = new[] { Source(Whoami, "User"), Source(Ipconfig, "User"), Source(NetUser, "User") },
        };
        var run = new CorrelationRun(rule);
        run.Feed(CorrelationRun.Event(10, ("Command", "ipconfig"), ("User", "alice")));
        run.Feed(CorrelationRun.Event(20, ("Command", "net user"), ("User", "alice")));
        Assert.Single(run.Feed(CorrelationRun.Event(5, ("Command", "whoami"), ("User", "alice"))));
    }
}
