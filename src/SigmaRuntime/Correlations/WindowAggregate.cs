using System;

namespace SigmaCompile.Correlations;

/// <summary>
/// The aggregated value of a run of window entries in time order. Entries join at the newest end and leave at the
/// oldest, so one instance can follow a sliding window; cleared and refilled, it measures any run from scratch.
/// </summary>
internal abstract class WindowAggregate
{
    public abstract void Add(in WindowEntry entry);

    /// <summary>Takes out the oldest entry still counted.</summary>
    public abstract void Remove(in WindowEntry entry);

    public abstract void Clear();

    public abstract double Value { get; }

    /// <summary>
    /// What refilling from the entries would not give back bit for bit (a floating-point sum that entries have left),
    /// so that a restored window decides exactly as the original would; null when refilling is exact.
    /// </summary>
    public virtual double? ExactState
    {
        get => null;
        set
        {
        }
    }

    public static WindowAggregate Create(CorrelationType type, int sourceCount, double percentile) => type switch
    {
        CorrelationType.EventCount => new CountAggregate(),
        CorrelationType.ValueCount => new DistinctValueAggregate(),
        CorrelationType.Temporal => new RuleAggregate(sourceCount),
        CorrelationType.TemporalOrdered => new OrderedRuleAggregate(sourceCount),
        CorrelationType.ValueSum => new NumberAggregate(NumberAggregate.Kind.Sum, 0),
        CorrelationType.ValueAvg => new NumberAggregate(NumberAggregate.Kind.Average, 0),
        CorrelationType.ValuePercentile => new NumberAggregate(NumberAggregate.Kind.Percentile, percentile),
        CorrelationType.ValueMedian => new NumberAggregate(NumberAggregate.Kind.Percentile, 50),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown correlation type"),
    };
}
