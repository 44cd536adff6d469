namespace SigmaCompile.Correlations;

/// <summary>A comparison in a correlation's <c>condition</c>.</summary>
public enum CorrelationOperator
{
    /// <summary><c>gt</c>: the aggregated value is greater than the bound.</summary>
    GreaterThan,
    /// <summary><c>gte</c>: the aggregated value is greater than or equal to the bound.</summary>
    GreaterThanOrEqual,
    /// <summary><c>lt</c>: the aggregated value is less than the bound.</summary>
    LessThan,
    /// <summary><c>lte</c>: the aggregated value is less than or equal to the bound.</summary>
    LessThanOrEqual,
    /// <summary><c>eq</c>: the aggregated value equals the bound.</summary>
    Equal,
    /// <summary><c>neq</c>: the aggregated value differs from the bound.</summary>
    NotEqual,
}
