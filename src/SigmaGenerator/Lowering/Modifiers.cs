using System;
using System.Collections.Generic;
using System.Linq;

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

    public static readonly HashSet<string> Comparisons = new(StringComparer.Ordinal) { "lt", "lte", "gt", "gte" };

    public static bool IsKnown(string name) => Array.IndexOf(Known, name) >= 0;

    /// <summary>" (did you mean 'x'?)" for the closest known modifier, or "" when none is close.</summary>
    public static string Suggest(string unknown)
    {
        string lower = unknown.ToLowerInvariant();
        if (IsKnown(lower))
            return $" (modifiers are lower case: '{lower}')";
        string best = Known.OrderBy(k => Distance(lower, k)).ThenBy(k => k, StringComparer.Ordinal).First();
        return Distance(lower, best) <= Math.Max(2, best.Length / 3) ? $" (did you mean '{best}'?)" : "; see the README for the supported modifiers";
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
