namespace SigmaCompile.Correlations;

/// <summary>One event (or inner alert) kept in a group's window.</summary>
internal struct WindowEntry
{
    /// <summary>The event time, in UTC ticks.</summary>
    public long Ticks;

    /// <summary>The index of the correlation source the event came through.</summary>
    public int Source;

    /// <summary>The numeric value of a <c>value_sum</c>, <c>value_avg</c>, <c>value_percentile</c> or <c>value_median</c> field.</summary>
    public double Number;

    /// <summary>The text of a <c>value_count</c> field, else null.</summary>
    public string? Text;

    /// <summary>Where the event came from.</summary>
    public EventReference Reference;
}
