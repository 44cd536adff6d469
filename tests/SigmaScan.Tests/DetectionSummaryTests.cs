using System;
using System.Collections.Generic;
using System.Linq;
using SigmaCompile;
using SigmaCompile.RuleSets;
using Xunit;

namespace SigmaScan.Tests;

/// <summary>
/// The end-of-scan summary's orderings, against the same orderings written with LINQ: levels highest first (rules
/// without a level last), and the top rules by detections, then title, then id, cut to the count asked for.
/// </summary>
public sealed class DetectionSummaryTests
{
    private static IReadOnlyList<RuleSummary> BuiltInRules()
    {
        RuleSet set = CompiledRules.BuiltIn.Set;
        return Enumerable.Range(0, set.Rules.Count).Select(set.Summary).ToList();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(42)]
    public void Top_rules_and_levels_are_those_of_a_plain_sort(int seed)
    {
        IReadOnlyList<RuleSummary> rules = BuiltInRules();
        Assert.True(rules.Count >= 5, "the built-in rules folder should hold at least five rules");
        var random = new Random(seed);
        var summary = new DetectionSummary();
        var counts = new Dictionary<RuleSummary, long>();
        foreach (RuleSummary rule in rules)
        {
            // Few distinct counts, so that ties (broken by title) are common; some rules have none.
            int detections = random.Next(0, 3);
            for (int i = 0; i < detections; i++)
                summary.Add(rule);
            if (detections > 0)
                counts[rule] = detections;
        }

        for (int take = 1; take <= rules.Count + 1; take++)
        {
            var expected = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key.Title, StringComparer.Ordinal)
                .ThenBy(p => p.Key.Id).Take(take).Select(p => (p.Key, p.Value)).ToList();
            Assert.Equal(expected, summary.Top(take));
        }

        var levels = counts.GroupBy(p => p.Key.Level).Select(g => (g.Key, g.Sum(p => p.Value)))
            .OrderByDescending(p => p.Key == RuleLevel.Unknown ? -1 : (int)p.Key).ToList();
        Assert.Equal(levels, summary.ByLevel());
    }

    [Fact]
    public void Without_detections_there_is_no_summary()
    {
        var summary = new DetectionSummary();

        Assert.Empty(summary.Lines());
        Assert.Empty(summary.Top());
        Assert.Empty(summary.ByLevel());
    }
}
