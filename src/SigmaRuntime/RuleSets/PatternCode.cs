namespace SigmaCompile.RuleSets;

/// <summary>
/// How a <see cref="PredicateTable"/> writes a pattern: each code names the <see cref="Matching.TextPatterns"/>
/// factory it stands for, followed by that factory's arguments (flags and comparisons as their enum values, strings
/// as their numbers in the table, lists as a count and their items).
/// </summary>
internal enum PatternCode
{
    /// <summary>Case (1 cased), value.</summary>
    Equal = 0,
    /// <summary>Case, count, values.</summary>
    EqualAny = 1,
    StartsWith = 2,
    StartsWithAny = 3,
    EndsWith = 4,
    EndsWithAny = 5,
    Contains = 6,
    ContainsAny = 7,
    /// <summary>No arguments.</summary>
    AnyText = 8,
    /// <summary>Case, pattern.</summary>
    Glob = 9,
    /// <summary>Flags, pattern, run characters (-1: no run), run length, count, required literals.</summary>
    Regex = 10,
    /// <summary>Network.</summary>
    Cidr = 11,
    /// <summary>Comparison, bound (as round-trip text).</summary>
    Compare = 12,
    /// <summary>Part, comparison, value (the number itself).</summary>
    TimePart = 13,
    /// <summary>Count, patterns.</summary>
    AnyOf = 14,
}
