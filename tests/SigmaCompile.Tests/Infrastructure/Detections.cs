using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace SigmaCompile.Tests.Infrastructure;

/// <summary>Builds a rule around a detection block and runs it on JSON events.</summary>
internal static class Detections
{
    /// <summary>A complete rule whose detection is <paramref name="detection"/> (YAML, indented as under 'detection:').</summary>
    public static string Rule(string detection) =>
        "title: Test Rule\n" +
        "id: 11111111-2222-4333-8444-555555555555\n" +
        "status: test\n" +
        "level: medium\n" +
        "logsource:\n  product: test\n" +
        "detection:\n" + Indent(detection);

    /// <summary>
    /// Compiles one rule per detection into a set, rule i with id i and titled "<paramref name="title"/> i", so that
    /// registry order (by id) is the order given.
    /// </summary>
    public static (IReadOnlyList<IDetectionRule> All, RuleSets.RuleSet Set) NumberedSet(string title, params string[] detections) =>
        GeneratorHarness.CompileRuleSet(detections.Select((d, i) => GeneratorHarness.Rule($"{title.ToLowerInvariant()}{i:D2}.yml",
            Rule(d).Replace("11111111-2222-4333-8444-555555555555", $"{i:D8}-2222-4333-8444-555555555555").Replace("Test Rule", $"{title} {i}"))));

    public static bool Matches(string detection, string json)
    {
        IDetectionRule rule = GeneratorHarness.CompileRule(Rule(detection));
        using JsonDocument document = JsonDocument.Parse(json);
        return rule.IsMatch(document.RootElement);
    }

    private static string Indent(string block)
    {
        var lines = block.Replace("\r\n", "\n").Trim('\n').Split('\n');
        int common = int.MaxValue;
        foreach (string line in lines)
        {
            if (line.Trim().Length > 0)
                common = System.Math.Min(common, line.Length - line.TrimStart().Length);
        }
        var builder = new System.Text.StringBuilder();
        foreach (string line in lines)
            builder.Append("  ").Append(line.Length >= common ? line[common..] : line.TrimStart()).Append('\n');
        return builder.ToString();
    }
}
