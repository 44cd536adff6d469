using System;
using SigmaCompile.Correlations;
using Xunit;
using static SigmaCompile.Tests.Correlations.CorrelationFixture;

namespace SigmaCompile.Tests.Correlations;

/// <summary>value_count: distinct values of the condition's field per group, compared case-sensitively.</summary>
public sealed class ValueCountTests
{
    // Failed logons against 3 or more distinct computers per user within 5 minutes.
    private static readonly HandWrittenCorrelation Spray = new()
    {
        Title = "Logon spray",
        Type = CorrelationType.ValueCount,
        Timespan = TimeSpan.FromMinutes(5),
        Condition = Condition(CorrelationOperator.GreaterThanOrEqual, 3, "Computer"),
        GroupBy = new[] { "User" },
        Sources = new[] { ValueSource(FailedLogon, "Computer", "User") },
    };

    private static string Failure(double seconds, object? computer, string user = "alice") =>
        CorrelationRun.Event(seconds, ("EventID", 4625), ("User", user), ("Computer", computer));

    [Fact]
    public void Repeated_values_count_once()
    {
        var run = new CorrelationRun(Spray);
        run.Feed(Failure(0, "pc1"));
        run.Feed(Failure(1, "pc1"));
        run.Feed(Failure(2, "pc2"));
        run.Feed(Failure(3, "pc2"));
        Assert.Empty(run.Alerts);
        CorrelationAlert alert = Assert.Single(run.Feed(Failure(4, "pc3")));
        Assert.Equal(3, alert.Value);
        Assert.Equal(5, alert.EventCount);
    }

    [Fact]
    public void Values_differing_only_in_case_are_distinct()
    {
        var run = new CorrelationRun(Spray);
        run.Feed(Failure(0, "PC1"));
        run.Feed(Failure(1, "pc1"));
        Assert.Single(run.Feed(Failure(2, "Pc1")));
    }

    [Fact]
    public void A_number_and_its_text_are_one_value()
    {
        var run = new CorrelationRun(Spray);
        run.Feed(Failure(0, 10));
        run.Feed(Failure(1, "10"));
        run.Feed(Failure(2, 11));
        run.Flush();
        Assert.Empty(run.Alerts);
    }

    [Fact]
    public void A_value_that_leaves_the_window_no_longer_counts()
    {
        var run = new CorrelationRun(Spray);
        run.Feed(Failure(0, "pc1"));
        run.Feed(Failure(100, "pc2"));
        // At 301 s the window [1 s, 301 s] holds pc2 and pc3: pc1 left it.
        Assert.Empty(run.Feed(Failure(301, "pc3")));
        Assert.Single(run.Feed(Failure(302, "pc1")));
    }

    [Fact]
    public void An_event_without_the_field_takes_no_part_and_is_counted()
    {
        var run = new CorrelationRun(Spray);
        run.Feed(Failure(0, "pc1"));
        run.Feed(Failure(1, null));
        run.Feed(CorrelationRun.Event(2, ("EventID", 4625), ("User", "alice")));
        run.Feed(Failure(3, ""));
        run.Feed(Failure(4, "pc2"));
        run.Flush();
        Assert.Empty(run.Alerts);
        Assert.Equal(3, run.Correlator.EventsWithoutValue);
    }
}
