using System;
using SigmaCompile.Correlations;
using Xunit;

namespace SigmaCompile.Tests.Correlations;

/// <summary>The condition of a correlation: each operator at its boundary, ranges, and which conditions can be decided early.</summary>
public sealed class CorrelationConditionTests
{
    [Theory]
    [InlineData(CorrelationOperator.GreaterThan, 9, false)]
    [InlineData(CorrelationOperator.GreaterThan, 10, false)]
    [InlineData(CorrelationOperator.GreaterThan, 11, true)]
    [InlineData(CorrelationOperator.GreaterThanOrEqual, 9, false)]
    [InlineData(CorrelationOperator.GreaterThanOrEqual, 10, true)]
    [InlineData(CorrelationOperator.GreaterThanOrEqual, 11, true)]
    [InlineData(CorrelationOperator.LessThan, 9, true)]
    [InlineData(CorrelationOperator.LessThan, 10, false)]
    [InlineData(CorrelationOperator.LessThan, 11, false)]
    [InlineData(CorrelationOperator.LessThanOrEqual, 9, true)]
    [InlineData(CorrelationOperator.LessThanOrEqual, 10, true)]
    [InlineData(CorrelationOperator.LessThanOrEqual, 11, false)]
    [InlineData(CorrelationOperator.Equal, 9, false)]
    [InlineData(CorrelationOperator.Equal, 10, true)]
    [InlineData(CorrelationOperator.Equal, 11, false)]
    [InlineData(CorrelationOperator.NotEqual, 9, true)]
    [InlineData(CorrelationOperator.NotEqual, 10, false)]
    [InlineData(CorrelationOperator.NotEqual, 11, true)]
    public void Each_operator_holds_exactly_on_its_side_of_the_bound(CorrelationOperator op, double value, bool expected)
    {
        var condition = new CorrelationCondition(op, 10);
        Assert.Equal(expected, condition.IsSatisfiedBy(value));
        Assert.Equal(expected, condition.Bounds[0].IsSatisfiedBy(value));
    }

    [Theory]
    [InlineData(100, false)]
    [InlineData(100.5, true)]
    [InlineData(150, true)]
    [InlineData(200, true)]
    [InlineData(200.5, false)]
    public void Several_bounds_make_a_range_that_all_must_hold(double value, bool expected)
    {
        var range = new CorrelationCondition(new[]
        {
            new CorrelationBound(CorrelationOperator.GreaterThan, 100),
            new CorrelationBound(CorrelationOperator.LessThanOrEqual, 200),
        });
        Assert.Equal(expected, range.IsSatisfiedBy(value));
    }

    [Theory]
    [InlineData(CorrelationOperator.GreaterThan, true)]
    [InlineData(CorrelationOperator.GreaterThanOrEqual, true)]
    [InlineData(CorrelationOperator.LessThan, false)]
    [InlineData(CorrelationOperator.LessThanOrEqual, false)]
    [InlineData(CorrelationOperator.Equal, false)]
    [InlineData(CorrelationOperator.NotEqual, false)]
    public void Only_lower_bounds_can_be_decided_before_the_window_closes(CorrelationOperator op, bool early) =>
        Assert.Equal(early, new CorrelationCondition(op, 3).CanDecideEarly);

    [Fact]
    public void A_range_with_an_upper_bound_waits_for_the_window_to_close()
    {
        var lowerOnly = new CorrelationCondition(new[]
        {
            new CorrelationBound(CorrelationOperator.GreaterThan, 1),
            new CorrelationBound(CorrelationOperator.GreaterThanOrEqual, 5),
        });
        var range = new CorrelationCondition(new[]
        {
            new CorrelationBound(CorrelationOperator.GreaterThan, 1),
            new CorrelationBound(CorrelationOperator.LessThan, 5),
        });
        Assert.True(lowerOnly.CanDecideEarly);
        Assert.False(range.CanDecideEarly);
    }

    [Fact]
    public void The_condition_keeps_field_and_percentile_and_prints_as_sigma_writes_it()
    {
        var condition = new CorrelationCondition(new[] { new CorrelationBound(CorrelationOperator.GreaterThanOrEqual, 1.5) }, "bytes", 95);
        Assert.Equal("bytes", condition.Field);
        Assert.Equal(95, condition.Percentile);
        Assert.Equal("field: bytes, percentile: 95, gte: 1.5", condition.ToString());
    }

    [Fact]
    public void Invalid_conditions_are_refused_with_a_clear_message()
    {
        Assert.Contains("at least one bound", Assert.Throws<ArgumentException>(() => new CorrelationCondition(Array.Empty<CorrelationBound>())).Message);
        Assert.Contains("not a finite number", Assert.Throws<ArgumentException>(() => new CorrelationCondition(CorrelationOperator.Equal, double.NaN)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CorrelationCondition(new[] { new CorrelationBound(CorrelationOperator.GreaterThan, 1) }, "f", 101));
        Assert.Throws<ArgumentException>(() => new CorrelationCondition((CorrelationOperator)42, 1));
    }
}
