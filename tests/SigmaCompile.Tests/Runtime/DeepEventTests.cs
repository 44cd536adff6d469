using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using SigmaCompile.RuleSets;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Runtime;

/// <summary>
/// An event nested far deeper than JsonDocument's default limit of 64 (a host may raise it) neither overflows the
/// stack nor makes the rule set disagree with the rules: matching reads 128 levels and no deeper.
/// </summary>
public sealed class DeepEventTests
{
    private static readonly string[] Shapes =
    {
        "keywords:\n  - 'needle'\ncondition: keywords",
        "sel:\n  a.a.a: needle\ncondition: sel",
        "sel:\n  a|contains: needle\ncondition: sel",
        "sel:\n  a|exists: true\ncondition: sel",
        "sel:\n  a.*.a|contains: needle\ncondition: sel",
        "sel:\n  b: null\ncondition: sel",
        "sel:\n  a|fieldref: a\ncondition: sel",
    };

    private static readonly Lazy<(IReadOnlyList<IDetectionRule> All, RuleSet Set)> Compiled = new(() =>
        GeneratorHarness.CompileRuleSet(Shapes.Select((d, i) => GeneratorHarness.Rule($"deep{i}.yml",
            Detections.Rule(d).Replace("11111111-2222-4333-8444-555555555555", $"{i:D8}-2222-4333-8444-555555555555").Replace("Test Rule", $"Deep {i}")))));

    private static string NestedObjects(int levels) => string.Concat(Enumerable.Repeat("{\"a\":", levels)) + "\"needle\"" + new string('}', levels);

    private static string NestedArrays(int levels) => "{\"a\":" + new string('[', levels) + "\"needle\"" + new string(']', levels) + "}";

    // Matches on a thread with a small (512 KB) stack: unbounded recursion through 10,000 levels needs megabytes,
    // while 128 levels fit with room to spare even in unoptimised (Debug, tier-0) code.
    private static (bool[] Rules, string[] Set) MatchOnSmallStack(string json, int levels)
    {
        (IReadOnlyList<IDetectionRule> all, RuleSet set) = Compiled.Value;
        using JsonDocument document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = levels + 2 });
        bool[] rules = Array.Empty<bool>();
        string[] matched = Array.Empty<string>();
        var thread = new Thread(() =>
        {
            rules = all.Select(r => r.IsMatch(document.RootElement)).ToArray();
            var results = new List<IDetectionRule>();
            set.Match(document.RootElement, results);
            matched = results.Select(r => r.Title).ToArray();
        }, 512 * 1024);
        thread.Start();
        thread.Join();
        return (rules, matched);
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(200)]
    public void A_very_deep_event_is_matched_to_the_limit_without_overflowing(int levels)
    {
        foreach (string json in new[] { NestedObjects(levels), NestedArrays(levels) })
        {
            (bool[] rules, string[] set) = MatchOnSmallStack(json, levels);
            IReadOnlyList<IDetectionRule> all = Compiled.Value.All;
            Assert.Equal(all.Where((_, i) => rules[i]).Select(r => r.Title), set);
            // The needle lies below the limit: only shapes that do not need to read it match.
            Assert.DoesNotContain("Deep 0", set);
            Assert.DoesNotContain("Deep 2", set);
            Assert.Contains("Deep 3", set); // 'a' exists at the top
            Assert.Contains("Deep 5", set); // 'b' is missing
        }
    }

    [Fact]
    public void A_value_within_the_limit_is_found_by_the_rules_and_the_set()
    {
        (bool[] rules, string[] set) = MatchOnSmallStack(NestedArrays(120), 120);
        Assert.Contains("Deep 0", set);
        Assert.Contains("Deep 2", set);
        Assert.Equal(Compiled.Value.All.Where((_, i) => rules[i]).Select(r => r.Title), set);
        (_, string[] nested) = MatchOnSmallStack(NestedObjects(3), 3);
        Assert.Contains("Deep 1", nested);
        Assert.Contains("Deep 4", nested);
    }
}
