using System;
using SigmaCompile.Correlations;
using Xunit;
using static SigmaCompile.Tests.Correlations.CorrelationFixture;

namespace SigmaCompile.Tests.Correlations;

/// <summary>
/// State stays within the configured caps: the least recently fed groups are evicted (and counted), a group that alone
/// holds too many events loses its oldest, and a million distinct groups never grow state past the cap.
/// </summary>
public sealed class BoundedStateTests
{
    private static readonly HandWrittenCorrelation TwoPerUser = new()
    {
        Title = "two per user",
        Type = CorrelationType.EventCount,
        Timespan = TimeSpan.FromHours(1),
        Condition = Condition(CorrelationOperator.GreaterThanOrEqual, 2),
        GroupBy = new[] { "User" },
        Sources = new[] { Source(FailedLogon, "User") },
    };

    private static string Failure(double seconds, string user) => CorrelationRun.Event(seconds, ("EventID", 4625), ("User", user));

    [Fact]
    public void Past_the_group_cap_the_least_recently_fed_groups_are_evicted()
    {
        var run = new CorrelationRun(new CorrelatorOptions { MaxLiveGroups = 3 }, TwoPerUser);
        run.Feed(Failure(0, "u1"));
        run.Feed(Failure(1, "u2"));
        run.Feed(Failure(2, "u3"));
        run.Feed(Failure(3, "u1")); // fires: u1's group is gone, u2 and u3 remain
        run.Feed(Failure(4, "u4"));
        run.Feed(Failure(5, "u5"));
        run.Feed(Failure(6, "u6")); // the cap evicts u2, then u3
        Assert.Equal(3, run.Correlator.LiveGroups);
        Assert.Equal(2, run.Correlator.EvictedGroups);
        run.Feed(Failure(7, "u2")); // starts afresh: no alert, and u4 is evicted
        Assert.Single(run.Alerts);
        Assert.Single(run.Feed(Failure(8, "u5")));
    }

    [Fact]
    public void Past_the_event_cap_other_groups_are_evicted_then_the_oldest_events_of_the_one_fed()
    {
        var many = new HandWrittenCorrelation
        {
            Type = CorrelationType.EventCount,
            Timespan = TimeSpan.FromHours(1),
            Condition = Condition(CorrelationOperator.GreaterThanOrEqual, 100),
            GroupBy = new[] { "User" },
            Sources = new[] { Source(FailedLogon, "User") },
        };
        var run = new CorrelationRun(new CorrelatorOptions { MaxStoredEvents = 4 }, many);
        run.Feed(Failure(0, "bob"));
        for (int i = 1; i <= 6; i++)
        {
            run.Feed(Failure(i, "alice"));
            Assert.True(run.Correlator.StoredEvents <= 4);
        }
        Assert.Equal(1, run.Correlator.EvictedGroups);
        Assert.Equal(2, run.Correlator.DroppedEvents);
        Assert.Equal(1, run.Correlator.LiveGroups);
    }

    [Fact]
    public void A_million_events_with_unique_groups_never_hold_more_than_the_caps()
    {
        const int cap = 1000;
        var correlator = new Correlator(Set, new[] { TwoPerUser }, new CorrelatorOptions { MaxLiveGroups = cap, MaxStoredEvents = cap });
        var output = new CorrelatorOutput();
        int most = 0;
        int mostQueued = 0;
        for (int i = 0; i < 1_000_000; i++)
        {
            using var document = System.Text.Json.JsonDocument.Parse("{\"EventID\":4625,\"User\":\"u" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"}");
            // All at one time, so no window ever expires: only the caps bound the state.
            correlator.Process(document.RootElement, CorrelationRun.Start, new EventReference("million", i), output);
            most = Math.Max(most, Math.Max(correlator.LiveGroups, correlator.StoredEvents));
            mostQueued = Math.Max(mostQueued, correlator.QueuedGroups);
        }
        Assert.Equal(cap, most);
        // A new group is queued before the cap evicts another, so the rebuild bound is met at cap + 1 live groups.
        Assert.True(mostQueued <= 2 * (cap + 1) + 64, $"{mostQueued} groups queued");
        Assert.Equal(1_000_000 - cap, correlator.EvictedGroups);
        Assert.Equal(0, correlator.DroppedEvents);
    }
}
