using System;
using System.Linq;
using SigmaCompile.Correlations;
using Xunit;
using static SigmaCompile.Tests.Correlations.CorrelationFixture;

namespace SigmaCompile.Tests.Correlations;

/// <summary>
/// temporal: every referenced rule matched in the group within the timespan, in any order; temporal_ordered: in the
/// order listed, where the aggregated value is the longest run of listed rules seen in that order.
/// </summary>
public sealed class TemporalTests
{
    private static HandWrittenCorrelation Recon(CorrelationType type, double atLeast = 3) => new()
    {
        Title = "Reconnaissance " + type,
        Type = type,
        Timespan = TimeSpan.FromMinutes(5),
        Condition = Condition(CorrelationOperator.GreaterThanOrEqual, atLeast),
        GroupBy = new[] { "User" },
        Sources = new[] { Source(Whoami, "User"), Source(Ipconfig, "User"), Source(NetUser, "User") },
    };

    private static string Command(double seconds, string command, string user = "alice") =>
        CorrelationRun.Event(seconds, ("Command", command), ("User", user));

    [Fact]
    public void Temporal_fires_when_every_rule_matched_in_any_order()
    {
        var run = new CorrelationRun(Recon(CorrelationType.Temporal));
        run.Feed(Command(0, "net user"));
        run.Feed(Command(10, "net user"));
        run.Feed(Command(20, "ipconfig"));
        CorrelationAlert alert = Assert.Single(run.Feed(Command(30, "whoami")));
        Assert.Equal(3, alert.Value);
        Assert.Equal(4, alert.EventCount);
    }

    [Fact]
    public void Temporal_does_not_fire_with_a_rule_missing_outside_the_timespan_or_in_another_group()
    {
        var missing = new CorrelationRun(Recon(CorrelationType.Temporal));
        missing.FeedAll(new[] { Command(0, "whoami"), Command(1, "ipconfig"), Command(2, "whoami") });
        missing.Flush();
        Assert.Empty(missing.Alerts);

        var spread = new CorrelationRun(Recon(CorrelationType.Temporal));
        spread.FeedAll(new[] { Command(0, "whoami"), Command(200, "ipconfig"), Command(301, "net user") });
        spread.Flush();
        Assert.Empty(spread.Alerts);

        var split = new CorrelationRun(Recon(CorrelationType.Temporal));
        split.FeedAll(new[] { Command(0, "whoami"), Command(1, "ipconfig"), Command(2, "net user", "bob") });
        split.Flush();
        Assert.Empty(split.Alerts);
    }

    [Fact]
    public void A_temporal_condition_counts_distinct_rules()
    {
        var run = new CorrelationRun(Recon(CorrelationType.Temporal, atLeast: 2));
        run.Feed(Command(0, "whoami"));
        Assert.Empty(run.Feed(Command(1, "whoami")));
        CorrelationAlert alert = Assert.Single(run.Feed(Command(2, "net user")));
        Assert.Equal(2, alert.Value);
    }

    [Fact]
    public void Temporal_ordered_fires_in_the_listed_order()
    {
        var run = new CorrelationRun(Recon(CorrelationType.TemporalOrdered));
        run.Feed(Command(0, "whoami"));
        run.Feed(Command(1, "ipconfig"));
        CorrelationAlert alert = Assert.Single(run.Feed(Command(2, "net user")));
        Assert.Equal(new[] { 1L, 2L, 3L }, alert.Events.Select(e => e.Record));
    }

    [Fact]
    public void Temporal_ordered_does_not_fire_in_the_wrong_order()
    {
        var run = new CorrelationRun(Recon(CorrelationType.TemporalOrdered));
        run.FeedAll(new[] { Command(0, "net user"), Command(1, "ipconfig"), Command(2, "whoami") });
        run.Flush();
        Assert.Empty(run.Alerts);
    }

    [Fact]
    public void Temporal_ordered_finds_the_order_among_repeated_and_interleaved_events()
    {
        // ipconfig, whoami, net user, ipconfig, whoami, net user: whoami (2nd) then ipconfig (4th) then net user (6th).
        var run = new CorrelationRun(Recon(CorrelationType.TemporalOrdered));
        string[] commands = { "ipconfig", "whoami", "net user", "ipconfig", "whoami" };
        for (int i = 0; i < commands.Length; i++)
            Assert.Empty(run.Feed(Command(i, commands[i])));
        CorrelationAlert alert = Assert.Single(run.Feed(Command(5, "net user")));
        Assert.Equal(3, alert.Value);
    }

    [Fact]
    public void Temporal_ordered_with_a_smaller_condition_counts_rules_seen_in_order()
    {
        // Two of [whoami, ipconfig, net user] in order: ipconfig then net user.
        var run = new CorrelationRun(Recon(CorrelationType.TemporalOrdered, atLeast: 2));
        Assert.Empty(run.Feed(Command(0, "net user")));
        Assert.Empty(run.Feed(Command(1, "ipconfig")));
        Assert.Single(run.Feed(Command(2, "net user")));
    }

    [Fact]
    public void Events_at_the_same_time_keep_their_arrival_order()
    {
        var run = new CorrelationRun(Recon(CorrelationType.TemporalOrdered));
        run.Feed(Command(7, "whoami"));
        run.Feed(Command(7, "ipconfig"));
        Assert.Single(run.Feed(Command(7, "net user")));

        var reversed = new CorrelationRun(Recon(CorrelationType.TemporalOrdered));
        reversed.FeedAll(new[] { Command(7, "net user"), Command(7, "ipconfig"), Command(7, "whoami") });
        reversed.Flush();
        Assert.Empty(reversed.Alerts);
    }
}
