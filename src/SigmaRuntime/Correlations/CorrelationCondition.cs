using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SigmaCompile.Correlations;

/// <summary>
/// A correlation rule's <c>condition</c>: the bounds the aggregated value must meet (all of them: several bounds make a
/// range, such as <c>gt: 100</c> with <c>lte: 200</c>), the field a <c>value_*</c> type aggregates, and the
/// percentile of <c>value_percentile</c>.
/// </summary>
public sealed class CorrelationCondition
{
    private readonly CorrelationBound[] _bounds;

    /// <summary>Creates a condition.</summary>
    /// <param name="bounds">One or more bounds, all of which must hold; each value must be a finite number.</param>
    /// <param name="field">The <c>field</c> as written in the rule (for <c>value_count</c> and the <c>value_*</c> types), or null.</param>
    /// <param name="percentile">The <c>percentile</c> (0 to 100) of <c>value_percentile</c>, or null.</param>
    public CorrelationCondition(IReadOnlyList<CorrelationBound> bounds, string? field = null, double? percentile = null)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        if (bounds.Count == 0)
            throw new ArgumentException("a correlation condition needs at least one bound", nameof(bounds));
        _bounds = bounds.ToArray();
        foreach (CorrelationBound bound in _bounds)
        {
            if (!double.IsFinite(bound.Value))
                throw new ArgumentException($"the bound {bound} is not a finite number", nameof(bounds));
            if (!Enum.IsDefined(bound.Operator))
                throw new ArgumentException($"unknown correlation operator {(int)bound.Operator}", nameof(bounds));
        }
        if (percentile is { } p && !(p >= 0 && p <= 100))
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "a percentile lies between 0 and 100");
        Bounds = Array.AsReadOnly(_bounds);
        Field = field;
        Percentile = percentile;
        CanDecideEarly = _bounds.All(b => b.IsLowerBound);
    }

    /// <summary>A condition of one bound and no field, such as <c>gte: 10</c>.</summary>
    public CorrelationCondition(CorrelationOperator op, double value)
        : this(new[] { new CorrelationBound(op, value) })
    {
    }

    /// <summary>The bounds, in the order written; the value must meet all of them.</summary>
    public IReadOnlyList<CorrelationBound> Bounds { get; }

    /// <summary>The <c>field</c> as written in the rule, or null. Which event field it reads is up to each <see cref="CorrelationSource"/>.</summary>
    public string? Field { get; }

    /// <summary>The <c>percentile</c> (0 to 100) that <c>value_percentile</c> computes, or null.</summary>
    public double? Percentile { get; }

    /// <summary>
    /// Whether every bound is a lower bound (<c>gt</c>, <c>gte</c>): then a count that grows as events arrive meets the
    /// condition as soon as it is reached, and the correlation can fire before its window is complete. Any other
    /// bound (<c>lt</c>, <c>lte</c>, <c>eq</c>, <c>neq</c>) can only be decided when the window closes.
    /// </summary>
    public bool CanDecideEarly { get; }

    /// <summary>Whether <paramref name="value"/> meets every bound.</summary>
    public bool IsSatisfiedBy(double value)
    {
        foreach (CorrelationBound bound in _bounds)
        {
            if (!bound.IsSatisfiedBy(value))
                return false;
        }
        return true;
    }

    /// <summary>The condition as Sigma writes it, on one line (<c>field: bytes, gt: 100, lte: 200</c>).</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Field is not null)
            parts.Add("field: " + Field);
        if (Percentile is { } p)
            parts.Add("percentile: " + p.ToString("R", CultureInfo.InvariantCulture));
        parts.AddRange(_bounds.Select(b => b.ToString()));
        return string.Join(", ", parts);
    }
}
