using System;
using System.Collections.Generic;
using System.Linq;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Lowering;

/// <summary>The value modifiers of Sigma 2.1 (and pySigma's aliases), with the closest-name suggestion for typos.</summary>
internal static class Modifiers
{
    public static readonly string[] Known =
    {
        "contains", "startswith", "endswith", "all", "exists", "cased", "neq", "windash",
        "re", "i", "m", "s", "ignorecase", "multiline", "dotall",
        "base64", "base64offset", "utf16le", "utf16be", "utf16", "wide",
        "lt", "lte", "gt", "gte",
        "minute", "hour", "day", "week", "month", "year",
        "cidr", "expand", "fieldref",
    };

    public static readonly HashSet<string> TimeParts = new(StringComparer.Ordinal) { "minute", "hour", "day", "week", "month", "year" };

    public static bool IsKnown(string name) => Array.IndexOf(Known, name) >= 0;

    /// <summary>What <c>lt</c>, <c>lte</c>, <c>gt</c> or <c>gte</c> means; no comparison modifier means equality.</summary>
    public static NumericComparison ComparisonOf(string? modifier) => modifier switch
    {
        null => NumericComparison.Equal,
        "lt" => NumericComparison.LessThan,
        "lte" => NumericComparison.LessThanOrEqual,
        "gt" => NumericComparison.GreaterThan,
        "gte" => NumericComparison.GreaterThanOrEqual,
        _ => throw new ArgumentOutOfRangeException(nameof(modifier), modifier, "not a comparison modifier"),
    };

    /// <summary>The timestamp part a time modifier (<c>minute</c> ... <c>year</c>) compares.</summary>
    public static TimestampPart TimePartOf(string modifier) => modifier switch
    {
        "minute" => TimestampPart.Minute,
        "hour" => TimestampPart.Hour,
        "day" => TimestampPart.Day,
        "week" => TimestampPart.Week,
        "month" => TimestampPart.Month,
        "year" => TimestampPart.Year,
        _ => throw new ArgumentOutOfRangeException(nameof(modifier), modifier, "not a time-part modifier"),
    };

    /// <summary>Where <c>startswith</c>, <c>endswith</c> or <c>contains</c> look; no position modifier means the whole text.</summary>
    public static TextPosition PositionOf(string? modifier) => modifier switch
    {
        null => TextPosition.Equal,
        "startswith" => TextPosition.StartsWith,
        "endswith" => TextPosition.EndsWith,
        "contains" => TextPosition.Contains,
        _ => throw new ArgumentOutOfRangeException(nameof(modifier), modifier, "not a position modifier"),
    };

    /// <summary>" (did you mean 'x'?)" for the closest known modifier, or "" when none is close.</summary>
    public static string Suggest(string unknown)
    {
        string lower = unknown.ToLowerInvariant();
        if (IsKnown(lower))
            return $" (modifiers are lower case: '{lower}')";
        string best = Known.OrderBy(k => Distance(lower, k)).ThenBy(k => k, StringComparer.Ordinal).First();
        return Distance(lower, best) <= Math.Max(2, best.Length / 3) ? $" (did you mean '{best}'?)" : "; see docs/semantics.md for the supported modifiers";
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
