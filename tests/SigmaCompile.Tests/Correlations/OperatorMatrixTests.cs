using System;
using System.Collections.Generic;
using System.Linq;
using SigmaCompile.Correlations;
using Xunit;
using static SigmaCompile.Tests.Correlations.CorrelationFixture;

namespace SigmaCompile.Tests.Correlations;

/// <summary>
/// Every correlation type with every operator: a window whose aggregated value is 3 fires under a bound that 3 meets
/// and does not under the nearest bound it misses, whether the condition is decided early or at window close.
/// </summary>
public sealed class OperatorMatrixTests
{
    public static IEnumerable<object[]> Cases()
    {
        foreach (CorrelationType type in Enum.GetValues<CorrelationType>())
        {
            yield return new object[] { type, CorrelationOperator.GreaterThan, 2.0, true };
            yield return new object[] { type, CorrelationOperator.GreaterThan, 3.0, false };
            yield return new object[] { type, CorrelationOperator.GreaterThanOrEqual, 3.0, true };
            yield return new object[] { type, CorrelationOperator.GreaterThanOrEqual, 3.5, false };
            yield return new object[] { type, CorrelationOperator.LessThan, 3.5, true };
            yield return new object[] { type, CorrelationOperator.LessThan, 3.0, false };
            yield return new object[] { type, CorrelationOperator.LessThanOrEqual, 3.0, true };
            yield return new object[] { type, CorrelationOperator.LessThanOrEqual, 2.5, false };
            yield return new object[] { type, CorrelationOperator.Equal, 3.0, true };
            yield return new object[] { type, CorrelationOperator.Equal, 4.0, false };
            yield return new object[] { type, CorrelationOperator.NotEqual, 4.0, true };
            yield return new object[] { type, CorrelationOperator.NotEqual, 3.0, false };
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_window_worth_three_meets_exactly_the_bounds_three_meets(CorrelationType type, CorrelationOperator op, double bound, bool fires)
    {
        (HandWrittenCorrelation rule, string[] events) = Scenario(type, op, bound);
        var run = new CorrelationRun(rule);
        run.FeedAll(events);
        run.Flush();
        // Bob's single event is a group of its own, decided on its own.
        var alerts = run.Alerts.Where(a => a.GroupValue("User") == "alice").ToList();
        if (!fires)
        {
            Assert.Empty(alerts);
            return;
        }
        CorrelationAlert alert = Assert.Single(alerts);
        Assert.Equal(3, alert.Value);
        Assert.Equal(type, alert.Type);
    }

    [Fact]
    public void Averages_and_percentiles_wait_for_the_window_even_under_a_lower_bound()
    {
        // An average of 10 after the first event would meet gte 5, but the window's average is 4.
        var rule = new HandWrittenCorrelation
        {
            Type = CorrelationType.ValueAvg,
            Timespan = TimeSpan.FromMinutes(1),
            Condition = Condition(CorrelationOperator.GreaterThanOrEqual, 5, "Bytes"),
            GroupBy = new[] { "User" },
            Sources = new[] { ValueSource(Transfer, "Bytes", "User") },
        };
        var run = new CorrelationRun(rule);
        Assert.Empty(run.Feed(TransferEvent(0, 10)));
        run.Feed(TransferEvent(1, 1));
        run.Feed(TransferEvent(2, 1));
        Assert.Empty(run.Flush());
    }

    private static string TransferEvent(double seconds, double bytes, string user = "alice") =>
        CorrelationRun.Event(seconds, ("EventID", 5156), ("User", user), ("Bytes", bytes));

    private static string Command(double seconds, string command, string user = "alice") =>
        CorrelationRun.Event(seconds, ("Command", command), ("User", user));

    // A rule of the type and condition, and events whose window is worth 3 (after an event of another user, in a group of its own).
    private static (HandWrittenCorrelation Rule, string[] Events) Scenario(CorrelationType type, CorrelationOperator op, double bound)
    {
        CorrelationSource[] recon = { Source(Whoami, "User"), Source(Ipconfig, "User"), Source(NetUser, "User") };
        (CorrelationSource[] Sources, string? Field, double? Percentile, string[] Events) scenario = type switch
        {
            CorrelationType.EventCount => (new[] { Source(FailedLogon, "User") }, null, null, new[]
            {
                CorrelationRun.Event(0, ("EventID", 4625), ("User", "alice")),
                CorrelationRun.Event(1, ("EventID", 4625), ("User", "alice")),
                CorrelationRun.Event(2, ("EventID", 4625), ("User", "alice")),
            }),
            CorrelationType.ValueCount => (new[] { ValueSource(FailedLogon, "Computer", "User") }, "Computer", null, new[]
            {
                CorrelationRun.Event(0, ("EventID", 4625), ("User", "alice"), ("Computer", "pc1")),
                CorrelationRun.Event(1, ("EventID", 4625), ("User", "alice"), ("Computer", "pc2")),
                CorrelationRun.Event(2, ("EventID", 4625), ("User", "alice"), ("Computer", "pc2")),
                CorrelationRun.Event(3, ("EventID", 4625), ("User", "alice"), ("Computer", "pc3")),
            }),
            CorrelationType.Temporal => (recon, null, null, new[] { Command(0, "net user"), Command(1, "whoami"), Command(2, "ipconfig") }),
            CorrelationType.TemporalOrdered => (recon, null, null, new[] { Command(0, "whoami"), Command(1, "ipconfig"), Command(2, "net user") }),
            CorrelationType.ValueSum => (new[] { ValueSource(Transfer, "Bytes", "User") }, "Bytes", null, new[] { TransferEvent(0, 1), TransferEvent(1, 0.5), TransferEvent(2, 1.5) }),
            CorrelationType.ValueAvg => (new[] { ValueSource(Transfer, "Bytes", "User") }, "Bytes", null, new[] { TransferEvent(0, 2), TransferEvent(1, 3), TransferEvent(2, 4) }),
            CorrelationType.ValuePercentile => (new[] { ValueSource(Transfer, "Bytes", "User") }, "Bytes", 50.0, new[] { TransferEvent(0, 5), TransferEvent(1, 1), TransferEvent(2, 3) }),
            CorrelationType.ValueMedian => (new[] { ValueSource(Transfer, "Bytes", "User") }, "Bytes", null, new[] { TransferEvent(0, 10), TransferEvent(1, 3), TransferEvent(2, 2) }),
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
        var noise = new List<string>
        {
            CorrelationRun.Event(0, ("EventID", 4625), ("User", "bob"), ("Computer", "pc9")),
            Command(0, "whoami", "bob"),
            TransferEvent(0, 100, "bob"),
        };
        noise.AddRange(scenario.Events);
        var rule = new HandWrittenCorrelation
        {
            Title = $"{type} {CorrelationBound.Keyword(op)} {bound}",
            Type = type,
            Timespan = TimeSpan.FromMinutes(1),
            Condition = Condition(op, bound, scenario.Field, scenario.Percentile),
            GroupBy = new[] { "User" },
            Sources = scenario.Sources,
        };
        return (rule, noise.ToArray());
    }
}
