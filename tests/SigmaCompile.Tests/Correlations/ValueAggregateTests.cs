using System;
using SigmaCompile.Correlations;
using Xunit;
using static SigmaCompile.Tests.Correlations.CorrelationFixture;

namespace SigmaCompile.Tests.Correlations;

/// <summary>value_sum, value_avg, value_percentile and value_median over a numeric field.</summary>
public sealed class ValueAggregateTests
{
    private static HandWrittenCorrelation Over(CorrelationType type, CorrelationOperator op, double bound, double? percentile = null) => new()
    {
        Title = "Bytes " + type,
        Type = type,
        Timespan = TimeSpan.FromMinutes(10),
        Condition = Condition(op, bound, "Bytes", percentile),
        GroupBy = new[] { "User" },
        Sources = new[] { ValueSource(Transfer, "Bytes", "User") },
    };

    private static string Sent(double seconds, object? bytes, string user = "alice") =>
        CorrelationRun.Event(seconds, ("EventID", 5156), ("User", user), ("Bytes", bytes));

    [Fact]
    public void A_sum_fires_at_the_event_that_reaches_it()
    {
        var run = new CorrelationRun(Over(CorrelationType.ValueSum, CorrelationOperator.GreaterThan, 1000));
        Assert.Empty(run.Feed(Sent(0, 400)));
        Assert.Empty(run.Feed(Sent(1, 600)));
        CorrelationAlert alert = Assert.Single(run.Feed(Sent(2, 0.5)));
        Assert.Equal(1000.5, alert.Value);
    }

    [Fact]
    public void A_sum_slides_values_out_of_the_window()
    {
        var run = new CorrelationRun(Over(CorrelationType.ValueSum, CorrelationOperator.GreaterThanOrEqual, 1000));
        run.Feed(Sent(0, 900));
        // At 601 s the first 900 has left the window.
        Assert.Empty(run.Feed(Sent(601, 200)));
        Assert.Single(run.Feed(Sent(602, 800)));
    }

    [Fact]
    public void An_average_is_the_mean_of_the_window()
    {
        var run = new CorrelationRun(Over(CorrelationType.ValueAvg, CorrelationOperator.GreaterThan, 100));
        run.Feed(Sent(0, 50));
        run.Feed(Sent(1, 100));
        run.Feed(Sent(2, 250));
        CorrelationAlert alert = Assert.Single(run.Flush());
        Assert.Equal(400.0 / 3, alert.Value);
    }

    [Fact]
    public void The_percentile_interpolates_linearly_between_the_nearest_ranks()
    {
        // 10, 20, 30, 40: rank (4 - 1) * 90 / 100 = 2.7, so 30 + 0.7 * (40 - 30) = 37.
        var run = new CorrelationRun(Over(CorrelationType.ValuePercentile, CorrelationOperator.GreaterThan, 36.9, percentile: 90));
        run.FeedAll(new[] { Sent(0, 40), Sent(1, 10), Sent(2, 30), Sent(3, 20) });
        CorrelationAlert alert = Assert.Single(run.Flush());
        Assert.Equal(37, alert.Value, 10);

        var below = new CorrelationRun(Over(CorrelationType.ValuePercentile, CorrelationOperator.GreaterThan, 37.1, percentile: 90));
        below.FeedAll(new[] { Sent(0, 40), Sent(1, 10), Sent(2, 30), Sent(3, 20) });
        Assert.Empty(below.Flush());
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(100, 40)]
    [InlineData(50, 25)]
    [InlineData(25, 17.5)]
    public void Percentile_ends_and_middle(double percentile, double expected) =>
        Assert.Equal(expected, NumberAggregate.Percentile(new double[] { 10, 20, 30, 40 }, percentile), 10);

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        var run = new CorrelationRun(Over(CorrelationType.ValueMedian, CorrelationOperator.Equal, 2.5));
        run.FeedAll(new[] { Sent(0, 4), Sent(1, 1), Sent(2, 3), Sent(3, 2) });
        Assert.Single(run.Flush());
    }

    [Fact]
    public void Numeric_strings_count_and_values_that_are_not_numbers_are_skipped_and_counted()
    {
        var run = new CorrelationRun(Over(CorrelationType.ValueSum, CorrelationOperator.GreaterThanOrEqual, 30));
        run.Feed(Sent(0, "10"));
        run.Feed(Sent(1, "ten"));
        run.Feed(Sent(2, true));
        run.Feed(Sent(3, null));
        run.Feed(Sent(4, " 1e1 "));
        Assert.Empty(run.Alerts);
        Assert.Equal(3, run.Correlator.EventsWithoutValue);
        Assert.Single(run.Feed(Sent(5, 10)));
    }
}
