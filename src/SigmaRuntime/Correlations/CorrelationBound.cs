using System;
using System.Globalization;

namespace SigmaCompile.Correlations;

/// <summary>One comparison of a correlation's condition, such as <c>gte: 10</c>.</summary>
/// <param name="Operator">The comparison.</param>
/// <param name="Value">The number compared with (a finite number).</param>
public readonly record struct CorrelationBound(CorrelationOperator Operator, double Value)
{
    /// <summary>
    /// Whether the bound only says how low the value may be (<c>gt</c>, <c>gte</c>). Such a bound, once met by a growing
    /// count, stays met, so it can be decided before the window is complete.
    /// </summary>
    public bool IsLowerBound => Operator is CorrelationOperator.GreaterThan or CorrelationOperator.GreaterThanOrEqual;

    /// <summary>Whether <paramref name="value"/> satisfies this comparison.</summary>
    public bool IsSatisfiedBy(double value) => Operator switch
    {
        CorrelationOperator.GreaterThan => value > Value,
        CorrelationOperator.GreaterThanOrEqual => value >= Value,
        CorrelationOperator.LessThan => value < Value,
        CorrelationOperator.LessThanOrEqual => value <= Value,
        CorrelationOperator.Equal => value == Value,
        CorrelationOperator.NotEqual => value != Value,
        _ => false,
    };

    /// <summary>The Sigma spelling of the operator (<c>gt</c>, <c>gte</c>, <c>lt</c>, <c>lte</c>, <c>eq</c>, <c>neq</c>).</summary>
    public static string Keyword(CorrelationOperator op) => op switch
    {
        CorrelationOperator.GreaterThan => "gt",
        CorrelationOperator.GreaterThanOrEqual => "gte",
        CorrelationOperator.LessThan => "lt",
        CorrelationOperator.LessThanOrEqual => "lte",
        CorrelationOperator.Equal => "eq",
        CorrelationOperator.NotEqual => "neq",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown correlation operator"),
    };

    /// <summary>The bound as Sigma writes it, such as <c>gte: 10</c>.</summary>
    public override string ToString() => Keyword(Operator) + ": " + Value.ToString("R", CultureInfo.InvariantCulture);
}
