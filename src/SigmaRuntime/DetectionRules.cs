using System;
using System.Collections.Generic;
using System.Linq;

namespace SigmaCompile;

/// <summary>Selections over a set of compiled rules.</summary>
public static class DetectionRules
{
    /// <summary>
    /// The rules that apply to a stream whose logsource is <paramref name="filter"/> (see
    /// <see cref="LogSource.IsCoveredBy"/>), in their original order. Select once per stream, not per event.
    /// </summary>
    public static IReadOnlyList<IDetectionRule> ForLogSource(this IEnumerable<IDetectionRule> rules, LogSource filter)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(filter);
        return rules.Where(r => r.LogSource.IsCoveredBy(filter)).ToArray();
    }
}
