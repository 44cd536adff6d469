using System;
using System.Collections.Generic;
using System.Linq;
using SigmaCompile.Correlations;
using Xunit;
using static SigmaCompile.Tests.Correlations.CorrelationFixture;

namespace SigmaCompile.Tests.Correlations;

/// <summary>
/// The specification's example, "Multiple failed logins followed by successful login", written by hand: an
/// event_count of failed logins (gte 10 per User within 10m) chained into a temporal_ordered [many failures, success]
/// per User within 10m.
/// </summary>
public sealed class FailedLogonsExampleTests
{
    internal static readonly HandWrittenCorrelation ManyFailures = new()
    {
        Id = Guid.Parse("a8418a5a-5fc4-46b5-b23b-6c73beb19d41"),
        Name = "multiple_failed_login",
        Title = "Multiple failed logons",
        Type = CorrelationType.EventCount,
        Timespan = TimeSpan.FromMinutes(10),
        Condition = Condition(CorrelationOperator.GreaterThanOrEqual, 10),
        GroupBy = new[] { "User" },
        Sources = new[] { Source(FailedLogon, "User") },
    };

    internal static readonly HandWrittenCorrelation FailuresThenSuccess = new()
    {
        Id = Guid.Parse("b180ead8-d58f-40b2-ae54-c8940995b9b6"),
        Title = "Correlation - Multiple Failed Logins Followed by Successful Login",
        Level = RuleLevel.High,
        Type = CorrelationType.TemporalOrdered,
        Timespan = TimeSpan.FromMinutes(10),
        Condition = Condition(CorrelationOperator.GreaterThanOrEqual, 2),
        GroupBy = new[] { "User" },
        Sources = new[] { Inner(ManyFailures, "User"), Source(SuccessfulLogon, "User") },
    };

    // Ten failures and a success for alice within ten minutes; six failures and a success for bob, interleaved.
    internal static List<string> Events()
    {
        var events = new List<string>();
        for (int i = 0; i < 10; i++)
        {
            events.Add(CorrelationRun.Event(i * 30, ("EventID", 4625), ("User", "alice")));
            if (i < 6)
                events.Add(CorrelationRun.Event(i * 30 + 5, ("EventID", 4625), ("User", "bob")));
        }
        events.Add(CorrelationRun.Event(320, ("EventID", 4624), ("User", "alice")));
        events.Add(CorrelationRun.Event(330, ("EventID", 4624), ("User", "bob")));
        return events;
    }

    [Fact]
    public void Ten_failures_then_a_success_give_exactly_one_alert_for_that_user()
    {
        var run = new CorrelationRun(FailuresThenSuccess, ManyFailures);
        run.FeedAll(Events());
        run.Flush();

        CorrelationAlert alert = Assert.Single(run.Alerts);
        Assert.Same(FailuresThenSuccess, alert.Rule);
        Assert.Equal(CorrelationType.TemporalOrdered, alert.Type);
        Assert.Equal(new[] { new KeyValuePair<string, string>("User", "alice") }, alert.Group);
        Assert.Equal(2, alert.Value);
        // The inner alert stands at its tenth failure (270 s), then the success.
        Assert.Equal(CorrelationRun.Start.AddSeconds(270), alert.FirstTime);
        Assert.Equal(CorrelationRun.Start.AddSeconds(320), alert.LastTime);
        Assert.Equal(2, alert.EventCount);
        // Records: alice's tenth failure is event 16, her success event 17.
        Assert.Equal(new[] { 16L, 17L }, alert.Events.Select(e => e.Record));
    }

    [Fact]
    public void The_referenced_rules_report_only_through_the_correlation()
    {
        var run = new CorrelationRun(FailuresThenSuccess, ManyFailures);
        run.FeedAll(Events());
        // Neither logon rule is reported on its own, nor the inner event_count's alert (no generate anywhere).
        Assert.Empty(run.Detections);
        Assert.DoesNotContain(run.Alerts, a => a.Rule == ManyFailures);
    }

    [Fact]
    public void A_success_before_the_failures_is_the_wrong_order()
    {
        var run = new CorrelationRun(FailuresThenSuccess, ManyFailures);
        run.Feed(CorrelationRun.Event(0, ("EventID", 4624), ("User", "alice")));
        for (int i = 1; i <= 10; i++)
            run.Feed(CorrelationRun.Event(i * 10, ("EventID", 4625), ("User", "alice")));
        run.Flush();
        Assert.Empty(run.Alerts);
    }

    [Fact]
    public void Nine_failures_are_not_enough_and_a_late_success_is_outside_the_timespan()
    {
        var nine = new CorrelationRun(FailuresThenSuccess, ManyFailures);
        for (int i = 0; i < 9; i++)
            nine.Feed(CorrelationRun.Event(i * 10, ("EventID", 529), ("User", "carol")));
        nine.Feed(CorrelationRun.Event(100, ("EventID", 528), ("User", "carol")));
        nine.Flush();
        Assert.Empty(nine.Alerts);

        var late = new CorrelationRun(FailuresThenSuccess, ManyFailures);
        for (int i = 0; i < 10; i++)
            late.Feed(CorrelationRun.Event(i * 10, ("EventID", 4625), ("User", "carol")));
        // The tenth failure is at 90 s; a success 10 minutes and one second later is outside the timespan.
        late.Feed(CorrelationRun.Event(90 + 601, ("EventID", 4624), ("User", "carol")));
        late.Flush();
        Assert.Empty(late.Alerts);
    }
}
