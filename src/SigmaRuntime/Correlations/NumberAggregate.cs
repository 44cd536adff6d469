using System;
using System.Collections.Generic;

namespace SigmaCompile.Correlations;

/// <summary><c>value_sum</c>, <c>value_avg</c>, <c>value_percentile</c> and <c>value_median</c> over the entries' numbers.</summary>
internal sealed class NumberAggregate : WindowAggregate
{
    public enum Kind
    {
        Sum,
        Average,
        Percentile,
    }

    private readonly Kind _kind;
    private readonly double _percentile;
    // Kept only for percentiles, which need every number.
    private readonly Queue<double>? _numbers;
    private double[] _sorted = Array.Empty<double>();
    private double _sum;
    private int _count;

    public NumberAggregate(Kind kind, double percentile)
    {
        _kind = kind;
        _percentile = percentile;
        if (kind == Kind.Percentile)
            _numbers = new Queue<double>();
    }

    public override void Add(in WindowEntry entry)
    {
        _sum += entry.Number;
        _count++;
        _numbers?.Enqueue(entry.Number);
    }

    public override void Remove(in WindowEntry entry)
    {
        _count--;
        // An empty window sums to exactly zero, whatever rounding the removals left.
        _sum = _count == 0 ? 0 : _sum - entry.Number;
        _numbers?.Dequeue();
    }

    public override void Clear()
    {
        _sum = 0;
        _count = 0;
        _numbers?.Clear();
    }

    public override double Value => _kind switch
    {
        Kind.Sum => _sum,
        Kind.Average => _count == 0 ? 0 : _sum / _count,
        _ => Percentile(),
    };

    public override double? ExactState
    {
        get => _sum;
        set => _sum = value ?? _sum;
    }

    /// <summary>
    /// Linear interpolation between the two nearest ranks: of the numbers sorted ascending, x[0..n-1], the p-th
    /// percentile is at rank h = (n - 1) * p / 100, that is x[floor h] + (h - floor h) * (x[floor h + 1] - x[floor h]).
    /// So the median of 1, 2, 3, 4 is 2.5, and the 90th percentile of 10, 20, 30, 40 is 37.
    /// </summary>
    internal static double Percentile(ReadOnlySpan<double> sorted, double percentile)
    {
        if (sorted.IsEmpty)
            return 0;
        double rank = (sorted.Length - 1) * percentile / 100;
        int below = (int)Math.Floor(rank);
        if (below >= sorted.Length - 1)
            return sorted[^1];
        return sorted[below] + (rank - below) * (sorted[below + 1] - sorted[below]);
    }

    private double Percentile()
    {
        if (_sorted.Length < _numbers!.Count)
            _sorted = new double[Math.Max(_numbers.Count, _sorted.Length * 2)];
        _numbers.CopyTo(_sorted, 0);
        Span<double> numbers = _sorted.AsSpan(0, _numbers.Count);
        numbers.Sort();
        return Percentile(numbers, _percentile);
    }
}
