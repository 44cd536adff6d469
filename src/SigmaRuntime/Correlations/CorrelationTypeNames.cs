namespace SigmaCompile.Correlations;

/// <summary>The names correlation types have in Sigma rules, for hosts that write alerts.</summary>
public static class CorrelationTypeNames
{
    /// <summary>The type as a Sigma rule writes it: <c>event_count</c>, <c>value_count</c>, <c>temporal</c>, <c>temporal_ordered</c>, <c>value_sum</c>, <c>value_avg</c>, <c>value_percentile</c>, <c>value_median</c>.</summary>
    /// <param name="type">The correlation type.</param>
    public static string SigmaName(this CorrelationType type) => type switch
    {
        CorrelationType.EventCount => "event_count",
        CorrelationType.ValueCount => "value_count",
        CorrelationType.Temporal => "temporal",
        CorrelationType.TemporalOrdered => "temporal_ordered",
        CorrelationType.ValueSum => "value_sum",
        CorrelationType.ValueAvg => "value_avg",
        CorrelationType.ValuePercentile => "value_percentile",
        CorrelationType.ValueMedian => "value_median",
        _ => type.ToString(),
    };
}
