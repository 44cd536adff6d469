using System;
using System.Linq;
using SigmaCompile.Correlations;
using Xunit;
using static SigmaCompile.Tests.Correlations.CorrelationFixture;

namespace SigmaCompile.Tests.Correlations;

/// <summary>
/// event_count: sliding windows over event time, early firing for lower bounds with a fresh start after each alert,
/// groups, the timespan's edges, and conditions decided when the window closes.
/// </summary>
public sealed class EventCountTests
{
    private static HandWrittenCorrelation Failures(CorrelationOperator op, double bound, int minutes = 10, params string[] groupBy) => new()
    {
        Title = $"failures {CorrelationBound.Keyword(op)} {bound}",
        Type = CorrelationType.EventCount,
        Timespan = TimeSpan.FromMinutes(minutes),
        Condition = Condition(op, bound),
        GroupBy = groupBy.Length == 0 ? new[] { "User" } : groupBy,
        Sources = new[] { Source(FailedLogon, groupBy.Length == 0 ? new[] { "User" } : groupBy) },
    };

    private static string Failure(double seconds, string user = "alice") =>
        CorrelationRun.Event(seconds, ("EventID", 4625), ("User", user));

    [Fact]
    public void A_lower_bound_fires_at_the_event_that_reaches_it()
    {
        var rule = Failures(CorrelationOperator.GreaterThanOrEqual, 3);
        var run = new CorrelationRun(rule);
        Assert.Empty(run.Feed(Failure(0)));
        Assert.Empty(run.Feed(Failure(10)));
        CorrelationAlert alert = Assert.Single(run.Feed(Failure(20)));
        Assert.Equal(3, alert.Value);
        Assert.Equal(CorrelationRun.Start, alert.FirstTime);
        Assert.Equal(CorrelationRun.Start.AddSeconds(20), alert.LastTime);
        Assert.Equal(new[] { 1L, 2L, 3L }, alert.Events.Select(e => e.Record));
    }

    [Fact]
    public void One_burst_gives_one_alert_then_the_group_starts_afresh()
    {
        var run = new CorrelationRun(Failures(CorrelationOperator.GreaterThanOrEqual, 3));
        for (int i = 0; i < 8; i++)
            run.Feed(Failure(i * 10));
        // Events 1-3 fire; 4-6 start afresh and fire again; 7-8 are two, not enough.
        Assert.Equal(2, run.Alerts.Count);
        Assert.Equal(new[] { 4L, 5L, 6L }, run.Alerts[1].Events.Select(e => e.Record));
        Assert.Empty(run.Flush());
    }

    [Fact]
    public void Windows_slide_over_event_time_rather_than_falling_into_fixed_buckets()
    {
        // 10-minute window, gte 3: events at 0, 8, 12 and 14 minutes. Fixed 10-minute buckets would hold 2 and 2;
        // the window ending at 14 minutes holds 8, 12 and 14.
        var run = new CorrelationRun(Failures(CorrelationOperator.GreaterThanOrEqual, 3));
        Assert.Empty(run.Feed(Failure(0)));
        Assert.Empty(run.Feed(Failure(8 * 60)));
        Assert.Empty(run.Feed(Failure(12 * 60)));
        CorrelationAlert alert = Assert.Single(run.Feed(Failure(14 * 60)));
        Assert.Equal(CorrelationRun.Start.AddMinutes(8), alert.FirstTime);
        Assert.Equal(3, alert.EventCount);
        // The group started afresh: 15 and 16 minutes are two events, 17 the third (the timeline in docs/correlations.md).
        Assert.Empty(run.Feed(Failure(15 * 60)));
        Assert.Empty(run.Feed(Failure(16 * 60)));
        Assert.Equal(CorrelationRun.Start.AddMinutes(15), Assert.Single(run.Feed(Failure(17 * 60))).FirstTime);
    }

    [Fact]
    public void Just_under_the_threshold_does_not_fire()
    {
        var run = new CorrelationRun(Failures(CorrelationOperator.GreaterThan, 3));
        for (int i = 0; i < 3; i++)
            run.Feed(Failure(i));
        run.Flush();
        Assert.Empty(run.Alerts);
    }

    [Fact]
    public void Events_spread_wider_than_the_timespan_do_not_fire()
    {
        var run = new CorrelationRun(Failures(CorrelationOperator.GreaterThanOrEqual, 3, minutes: 1));
        run.Feed(Failure(0));
        run.Feed(Failure(40));
        run.Feed(Failure(81)); // 0 is now more than a minute back: the window holds 40 and 81.
        run.Flush();
        Assert.Empty(run.Alerts);
    }

    [Fact]
    public void The_timespan_includes_an_event_exactly_one_timespan_later_and_not_one_tick_more()
    {
        var rule = Failures(CorrelationOperator.GreaterThanOrEqual, 2, minutes: 1);
        var exactly = new CorrelationRun(rule);
        exactly.Feed(Failure(0));
        Assert.Single(exactly.Feed(Failure(60)));

        var beyond = new CorrelationRun(rule);
        beyond.Feed(Failure(0));
        beyond.Feed(Failure(60.0000001));
        beyond.Flush();
        Assert.Empty(beyond.Alerts);
    }

    [Fact]
    public void Groups_are_counted_apart_and_multiple_group_by_fields_are_anded()
    {
        var run = new CorrelationRun(Failures(CorrelationOperator.GreaterThanOrEqual, 2, 10, "User", "Computer"));
        run.Feed(CorrelationRun.Event(0, ("EventID", 4625), ("User", "alice"), ("Computer", "pc1")));
        run.Feed(CorrelationRun.Event(1, ("EventID", 4625), ("User", "alice"), ("Computer", "pc2")));
        run.Feed(CorrelationRun.Event(2, ("EventID", 4625), ("User", "bob"), ("Computer", "pc1")));
        Assert.Empty(run.Alerts);
        CorrelationAlert alert = Assert.Single(run.Feed(CorrelationRun.Event(3, ("EventID", 4625), ("User", "alice"), ("Computer", "pc2"))));
        Assert.Equal("alice", alert.GroupValue("User"));
        Assert.Equal("pc2", alert.GroupValue("Computer"));
        Assert.Null(alert.GroupValue("Other"));
    }

    [Fact]
    public void Without_group_by_all_events_form_one_group()
    {
        var rule = new HandWrittenCorrelation
        {
            Type = CorrelationType.EventCount,
            Timespan = TimeSpan.FromMinutes(5),
            Condition = Condition(CorrelationOperator.GreaterThanOrEqual, 3),
            Sources = new[] { Source(FailedLogon) },
        };
        var run = new CorrelationRun(rule);
        run.Feed(Failure(0, "alice"));
        run.Feed(Failure(1, "bob"));
        CorrelationAlert alert = Assert.Single(run.Feed(Failure(2, "carol")));
        Assert.Empty(alert.Group);
    }

    [Fact]
    public void Several_referenced_rules_count_together_and_an_event_counts_once()
    {
        var rule = new HandWrittenCorrelation
        {
            Type = CorrelationType.EventCount,
            Timespan = TimeSpan.FromMinutes(5),
            Condition = Condition(CorrelationOperator.GreaterThanOrEqual, 3),
            GroupBy = new[] { "User" },
            Sources = new[] { Source(FailedLogon, "User"), Source(SuccessfulLogon, "User") },
        };
        var run = new CorrelationRun(rule);
        run.Feed(Failure(0));
        run.Feed(CorrelationRun.Event(1, ("EventID", 4624), ("User", "alice")));
        Assert.Single(run.Feed(Failure(2)));
    }

    [Theory]
    [InlineData(CorrelationOperator.LessThan, 3, 2, true)]
    [InlineData(CorrelationOperator.LessThan, 2, 2, false)]
    [InlineData(CorrelationOperator.LessThanOrEqual, 2, 2, true)]
    [InlineData(CorrelationOperator.LessThanOrEqual, 1, 2, false)]
    [InlineData(CorrelationOperator.Equal, 2, 2, true)]
    [InlineData(CorrelationOperator.Equal, 2, 3, false)]
    [InlineData(CorrelationOperator.NotEqual, 2, 3, true)]
    [InlineData(CorrelationOperator.NotEqual, 3, 3, false)]
    public void Upper_bounds_and_equality_are_decided_when_the_window_closes(CorrelationOperator op, double bound, int events, bool fires)
    {
        var run = new CorrelationRun(Failures(op, bound, minutes: 1));
        for (int i = 0; i < events; i++)
            Assert.Empty(run.Feed(Failure(i)));
        Assert.Equal(fires ? 1 : 0, run.Flush().Count);
    }

    [Fact]
    public void A_window_anchored_at_the_first_event_closes_when_event_time_passes_its_end_and_the_lateness()
    {
        // lt 3 within 1 minute, lateness = the timespan: the window [0 s, 60 s] closes once event time passes 120 s.
        var rule = Failures(CorrelationOperator.LessThan, 3, minutes: 1);
        var run = new CorrelationRun(rule);
        run.Feed(Failure(0));
        run.Feed(Failure(30));
        run.Feed(Failure(70)); // after the window's end: it starts the next window
        Assert.Empty(run.Feed(CorrelationRun.Event(120, ("EventID", 1)))); // an unrelated event moves event time to 120 s
        CorrelationAlert first = Assert.Single(run.Feed(CorrelationRun.Event(120.5, ("EventID", 1))));
        Assert.Equal(2, first.Value);
        Assert.Equal(CorrelationRun.Start.AddSeconds(30), first.LastTime);
        // The second window [70 s, 130 s] closes past 190 s, or at the end of the input.
        CorrelationAlert second = Assert.Single(run.Flush());
        Assert.Equal(1, second.Value);
        Assert.Equal(CorrelationRun.Start.AddSeconds(70), second.FirstTime);
    }

    [Fact]
    public void AdvanceTo_closes_windows_on_a_quiet_stream()
    {
        var run = new CorrelationRun(Failures(CorrelationOperator.LessThan, 5, minutes: 1));
        run.Feed(Failure(0));
        var output = new CorrelatorOutput();
        run.Correlator.AdvanceTo(CorrelationRun.Start.AddSeconds(120), output);
        Assert.Empty(output.Alerts);
        run.Correlator.AdvanceTo(CorrelationRun.Start.AddSeconds(121), output);
        Assert.Single(output.Alerts);
        Assert.Equal(0, run.Correlator.LiveGroups);
        run.Correlator.AdvanceTo(CorrelationRun.Start, output); // back in time: nothing moves
        Assert.Equal(CorrelationRun.Start.AddSeconds(121), run.Correlator.Watermark);
    }

    [Fact]
    public void A_group_whose_window_has_passed_is_dropped()
    {
        var run = new CorrelationRun(Failures(CorrelationOperator.GreaterThanOrEqual, 5, minutes: 1));
        run.Feed(Failure(0, "alice"));
        run.Feed(Failure(1, "bob"));
        Assert.Equal(2, run.Correlator.LiveGroups);
        Assert.Equal(2, run.Correlator.StoredEvents);
        // Past 0 s + timespan + lateness, neither can share a window with an event still to come.
        run.Feed(CorrelationRun.Event(122, ("EventID", 1)));
        Assert.Equal(0, run.Correlator.LiveGroups);
        Assert.Equal(0, run.Correlator.StoredEvents);
    }
}
