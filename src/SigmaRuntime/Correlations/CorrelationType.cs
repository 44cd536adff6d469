namespace SigmaCompile.Correlations;

/// <summary>A Sigma correlation rule's <c>type</c> (Sigma v2.1, plus pySigma's <c>value_median</c>).</summary>
public enum CorrelationType
{
    /// <summary><c>event_count</c>: the number of events of the group in the window.</summary>
    EventCount,
    /// <summary><c>value_count</c>: the number of distinct values of the condition's field (compared case-sensitively).</summary>
    ValueCount,
    /// <summary><c>temporal</c>: the number of distinct referenced rules that matched in the window.</summary>
    Temporal,
    /// <summary>
    /// <c>temporal_ordered</c>: the number of referenced rules that matched in the window in the order they are listed
    /// (the longest run of the listed rules found in that order).
    /// </summary>
    TemporalOrdered,
    /// <summary><c>value_sum</c>: the sum of the condition's field over the events of the window.</summary>
    ValueSum,
    /// <summary><c>value_avg</c>: the mean of the condition's field over the events of the window.</summary>
    ValueAvg,
    /// <summary>
    /// <c>value_percentile</c>: the condition's <see cref="CorrelationCondition.Percentile"/> of the condition's field over
    /// the events of the window, by linear interpolation between the two nearest ranks.
    /// </summary>
    ValuePercentile,
    /// <summary><c>value_median</c>: <see cref="ValuePercentile"/> at 50.</summary>
    ValueMedian,
}
