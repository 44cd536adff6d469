using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SigmaCompile;
using SigmaCompile.RuleSets;

namespace SigmaScan;

/// <summary>Counts detections per rule, for the end-of-scan summary: detections per level and the top rules.</summary>
internal sealed class DetectionSummary
{
    /// <summary>How many rules the summary lists.</summary>
    public const int TopRules = 10;

    private readonly Dictionary<RuleSummary, long> _byRule = new(ReferenceEqualityComparer.Instance);

    public void Add(RuleSummary rule) => _byRule[rule] = _byRule.GetValueOrDefault(rule) + 1;

    /// <summary>Detections per level, highest level first; levels without detections are left out.</summary>
    public IReadOnlyList<(RuleLevel Level, long Count)> ByLevel() =>
        _byRule.GroupBy(p => p.Key.Level)
            .Select(g => (g.Key, g.Sum(p => p.Value)))
            .OrderByDescending(p => p.Key == RuleLevel.Unknown ? -1 : (int)p.Key)
            .ToList();

    /// <summary>The rules with the most detections; ties by title, then id, so the list is the same every run.</summary>
    public IReadOnlyList<(RuleSummary Rule, long Count)> Top(int count = TopRules) =>
        _byRule.OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key.Title, StringComparer.Ordinal)
            .ThenBy(p => p.Key.Id)
            .Take(count)
            .Select(p => (p.Key, p.Value))
            .ToList();

    /// <summary>The summary as lines (none without detections).</summary>
    public IEnumerable<string> Lines()
    {
        if (_byRule.Count == 0)
            yield break;
        yield return "detections by level: " + string.Join(", ", ByLevel().Select(p => string.Create(CultureInfo.InvariantCulture, $"{LevelNames.Text(p.Level)} {p.Count:N0}")));
        yield return _byRule.Count > TopRules ? $"top {TopRules} of {_byRule.Count:N0} rules by detections:" : "rules by detections:";
        foreach ((RuleSummary rule, long count) in Top())
            yield return string.Create(CultureInfo.InvariantCulture, $"  {count,9:N0}  {LevelNames.Text(rule.Level),-13}  {rule.Title}");
    }
}
