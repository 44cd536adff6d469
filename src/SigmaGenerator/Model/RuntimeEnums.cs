namespace SigmaCompile.Generator.Model;

// The generator's copies of the runtime enums that generated code names. The generator cannot reference the runtime
// (it runs inside the compiler, on netstandard2.0), so it writes these members by name: each must match its runtime
// enum in names and values, which RuntimeEnumMirrorTests checks by reflection.

/// <summary>How a value compares with a bound (the runtime's <c>SigmaCompile.Matching.NumericComparison</c>).</summary>
internal enum NumericComparison
{
    Equal = 0,
    LessThan = 1,
    LessThanOrEqual = 2,
    GreaterThan = 3,
    GreaterThanOrEqual = 4,
}

/// <summary>The part of a timestamp a time modifier compares (the runtime's <c>SigmaCompile.Matching.TimestampPart</c>).</summary>
internal enum TimestampPart
{
    Minute = 0,
    Hour = 1,
    Day = 2,
    Week = 3,
    Month = 4,
    Year = 5,
}

/// <summary>Where a referenced value must be found (the runtime's <c>SigmaCompile.Matching.TextPosition</c>).</summary>
internal enum TextPosition
{
    Equal = 0,
    StartsWith = 1,
    EndsWith = 2,
    Contains = 3,
}

/// <summary>The flags of a regex (the runtime's <c>SigmaCompile.Matching.RegexFlags</c>).</summary>
[System.Flags]
internal enum RegexFlags
{
    None = 0,
    IgnoreCase = 1,
    Multiline = 2,
    DotAll = 4,
}

/// <summary>What a prefilter atom checks (the runtime's <c>SigmaCompile.RuleSets.PrefilterAtomKind</c>).</summary>
internal enum PrefilterAtomKind : byte
{
    Equal = 0,
    Contains = 1,
    Present = 2,
}

/// <summary>What a stage is (the runtime's <c>SigmaCompile.Catalog.RuleStageKind</c>).</summary>
internal enum StageKind
{
    Condition,
    Selection,
    Filter,
    Unreferenced,
    AddedByPipeline,
}

/// <summary>How an indicator compares (the runtime's <c>SigmaCompile.Catalog.IndicatorOperator</c>).</summary>
internal enum IndicatorKind
{
    Equal,
    Contains,
    StartsWith,
    EndsWith,
    Match,
    Cidr,
    Exists,
    Null,
    GreaterThan,
    GreaterThanOrEqual,
    LessThan,
    LessThanOrEqual,
    FieldReference,
    Keyword,
}

/// <summary>A correlation rule's <c>type</c> (the runtime's <c>SigmaCompile.Correlations.CorrelationType</c>).</summary>
internal enum CorrelationType
{
    EventCount = 0,
    ValueCount = 1,
    Temporal = 2,
    TemporalOrdered = 3,
    ValueSum = 4,
    ValueAvg = 5,
    ValuePercentile = 6,
    ValueMedian = 7,
}

/// <summary>A comparison in a correlation's <c>condition</c> (the runtime's <c>SigmaCompile.Correlations.CorrelationOperator</c>).</summary>
internal enum CorrelationOperator
{
    GreaterThan = 0,
    GreaterThanOrEqual = 1,
    LessThan = 2,
    LessThanOrEqual = 3,
    Equal = 4,
    NotEqual = 5,
}

/// <summary>How the rule set's tables write a pattern (the runtime's <c>SigmaCompile.RuleSets.PatternCode</c>).</summary>
internal enum PatternCode
{
    Equal = 0,
    EqualAny = 1,
    StartsWith = 2,
    StartsWithAny = 3,
    EndsWith = 4,
    EndsWithAny = 5,
    Contains = 6,
    ContainsAny = 7,
    AnyText = 8,
    Glob = 9,
    Regex = 10,
    Cidr = 11,
    Compare = 12,
    TimePart = 13,
    AnyOf = 14,
}

/// <summary>An operation of a rule's condition program (the runtime's <c>SigmaCompile.RuleSets.ConditionCode</c>).</summary>
internal enum ConditionCode
{
    False = 0,
    True = 1,
    Not = 2,
    And = 3,
    Or = 4,
    Predicate = 5,
    Null = 6,
    Exists = 7,
    FieldRef = 8,
}

/// <summary>Where a field scan's needle must occur (the runtime's <c>SigmaCompile.RuleSets.FieldScanTerm</c>).</summary>
internal enum FieldScanTerm
{
    Equal = 0,
    StartsWith = 1,
    EndsWith = 2,
    Contains = 3,
}

/// <summary>A rule's level (the runtime's <c>SigmaCompile.RuleLevel</c>); the rule set's summary table writes its values.</summary>
internal enum RuleLevel
{
    Unknown = 0,
    Informational = 1,
    Low = 2,
    Medium = 3,
    High = 4,
    Critical = 5,
}
