using System;
using System.Collections.Generic;
using System.Globalization;
using SigmaCompile;
using SigmaCompile.RuleSets;

namespace SigmaScan;

/// <summary>Counts detections per rule, for the end-of-scan summary: detections per level and the top rules.</summary>
/// <remarks>
/// Plain loops rather than LINQ: the summary runs once, at the end of the scan, on the thread that writes, and LINQ's
/// generic sorts and groupings over these value tuples were about a hundred methods to compile for it
/// (docs/performance.md, "The scan's first pass").
/// </remarks>
internal sealed class DetectionSummary
{
    /// <summary>How many rules the summary lists.</summary>
    public const int TopRules = 10;

    // Levels in the order the summary lists them: highest first, rules without a level last.
    private static readonly RuleLevel[] LevelOrder =
        [RuleLevel.Critical, RuleLevel.High, RuleLevel.Medium, RuleLevel.Low, RuleLevel.Informational, RuleLevel.Unknown];

    private readonly Dictionary<RuleSummary, long> _byRule = new(ReferenceEqualityComparer.Instance);

    public void Add(RuleSummary rule) => _byRule[rule] = _byRule.GetValueOrDefault(rule) + 1;

    /// <summary>Detections per level, highest level first; levels without detections are left out.</summary>
    public IReadOnlyList<(RuleLevel Level, long Count)> ByLevel()
    {
        var counts = new long[LevelOrder.Length];
        foreach (KeyValuePair<RuleSummary, long> pair in _byRule)
        {
            int at = Array.IndexOf(LevelOrder, pair.Key.Level);
            counts[at >= 0 ? at : LevelOrder.Length - 1] += pair.Value; // a level this version does not know counts as none
        }
        var levels = new List<(RuleLevel, long)>();
        for (int i = 0; i < LevelOrder.Length; i++)
        {
            if (counts[i] > 0)
                levels.Add((LevelOrder[i], counts[i]));
        }
        return levels;
    }

    /// <summary>The rules with the most detections; ties by title, then id, so the list is the same every run.</summary>
    public IReadOnlyList<(RuleSummary Rule, long Count)> Top(int count = TopRules)
    {
        var top = new List<(RuleSummary Rule, long Count)>(count);
        // Each rule is put in its place in the short sorted list, which keeps only the first `count`.
        foreach (KeyValuePair<RuleSummary, long> pair in _byRule)
        {
            int at = top.Count;
            while (at > 0 && Before(pair.Key, pair.Value, top[at - 1].Rule, top[at - 1].Count))
                at--;
            if (at >= count)
                continue;
            if (top.Count == count)
                top.RemoveAt(count - 1);
            top.Insert(at, (pair.Key, pair.Value));
        }
        return top;
    }

    // Whether (rule, count) comes before (other, otherCount) in Top: more detections first, then title, then id.
    private static bool Before(RuleSummary rule, long count, RuleSummary other, long otherCount)
    {
        if (count != otherCount)
            return count > otherCount;
        int byTitle = string.CompareOrdinal(rule.Title, other.Title);
        return byTitle != 0 ? byTitle < 0 : rule.Id.CompareTo(other.Id) < 0;
    }

    /// <summary>The summary as lines (none without detections).</summary>
    public IEnumerable<string> Lines()
    {
        if (_byRule.Count == 0)
            yield break;
        var levels = new List<string>();
        foreach ((RuleLevel level, long count) in ByLevel())
            levels.Add(string.Create(CultureInfo.InvariantCulture, $"{LevelNames.Text(level)} {count:N0}"));
        yield return "detections by level: " + string.Join(", ", levels);
        yield return _byRule.Count > TopRules ? $"top {TopRules} of {_byRule.Count:N0} rules by detections:" : "rules by detections:";
        foreach ((RuleSummary rule, long count) in Top())
            yield return string.Create(CultureInfo.InvariantCulture, $"  {count,9:N0}  {LevelNames.Text(rule.Level),-13}  {rule.Title}");
    }
}
