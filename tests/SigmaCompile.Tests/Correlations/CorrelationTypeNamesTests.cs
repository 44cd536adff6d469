using System;
using System.Linq;
using SigmaCompile.Correlations;
using Xunit;

namespace SigmaCompile.Tests.Correlations;

/// <summary>Every correlation type has its own Sigma name, as rules spell it.</summary>
public sealed class CorrelationTypeNamesTests
{
    [Theory]
    [InlineData(CorrelationType.EventCount, "event_count")]
    [InlineData(CorrelationType.ValueCount, "value_count")]
    [InlineData(CorrelationType.Temporal, "temporal")]
    [InlineData(CorrelationType.TemporalOrdered, "temporal_ordered")]
    [InlineData(CorrelationType.ValueSum, "value_sum")]
    [InlineData(CorrelationType.ValueAvg, "value_avg")]
    [InlineData(CorrelationType.ValuePercentile, "value_percentile")]
    [InlineData(CorrelationType.ValueMedian, "value_median")]
    public void A_type_is_named_as_Sigma_rules_write_it(CorrelationType type, string name) => Assert.Equal(name, type.SigmaName());

    [Fact]
    public void Every_type_has_a_distinct_snake_case_name()
    {
        string[] names = Enum.GetValues<CorrelationType>().Select(t => t.SigmaName()).ToArray();
        Assert.All(names, n => Assert.Matches("^[a-z]+(_[a-z]+)*$", n));
        Assert.Equal(names.Length, names.Distinct(StringComparer.Ordinal).Count());
    }
}
