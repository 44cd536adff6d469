using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace SigmaCompile.TestSupport;

/// <summary>One rule of SigmaHQ's regression set (../shared/sigma-regression/index.jsonl) and its events.</summary>
/// <param name="RuleId">The rule's id.</param>
/// <param name="RulePath">The rule file, relative to the corpus (../shared/sigma).</param>
/// <param name="MatchCount">How many of its events the rule should match, where the set says.</param>
/// <param name="EventsFile">The JSON Lines file of its events, relative to the regression folder.</param>
public sealed record RegressionEntry(Guid RuleId, string RulePath, int? MatchCount, string EventsFile)
{
    /// <summary>The least number of its events the rule must match: <see cref="MatchCount"/>, and at least one.</summary>
    public int MinimumMatches => Math.Max(1, MatchCount ?? 1);
}

/// <summary>
/// SigmaHQ's regression events: each listed rule must fire on its own events. Used by the generator's tests (rules
/// compiled in memory) and by SigmaScan's (rules compiled at run time), which check the same thing the same way.
/// </summary>
public static class RegressionSet
{
    /// <summary>The 202 entries of the index.</summary>
    public static IReadOnlyList<RegressionEntry> Index() =>
        File.ReadLines(SharedData.PathOf("sigma-regression/index.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(e => new RegressionEntry(
                Guid.Parse(e.GetProperty("rule_id").GetString()!),
                e.GetProperty("rule_path").GetString()!,
                e.GetProperty("match_count").ValueKind == JsonValueKind.Number ? e.GetProperty("match_count").GetInt32() : null,
                e.GetProperty("events_file").GetString()!))
            .ToList();

    /// <summary>The events of one entry, parsed.</summary>
    public static List<JsonDocument> Events(RegressionEntry entry) =>
        File.ReadLines(SharedData.PathOf(Path.Combine("sigma-regression", entry.EventsFile))).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l)).ToList();

    /// <summary>
    /// Runs each entry's rule (looked up by id in <paramref name="rules"/>) on its events; returns one line per entry
    /// whose rule is missing or matches fewer events than <see cref="RegressionEntry.MinimumMatches"/>.
    /// </summary>
    public static List<string> Failures(IReadOnlyList<RegressionEntry> index, IReadOnlyDictionary<Guid, IDetectionRule> rules)
    {
        var failures = new List<string>();
        foreach (RegressionEntry entry in index)
        {
            if (!rules.TryGetValue(entry.RuleId, out IDetectionRule? rule))
            {
                failures.Add($"{entry.RuleId} {entry.RulePath}: not compiled");
                continue;
            }
            List<JsonDocument> events = Events(entry);
            int matched = events.Count(e => rule.IsMatch(e.RootElement));
            if (matched < entry.MinimumMatches)
                failures.Add($"{entry.RuleId} {entry.RulePath}: matched {matched} of {events.Count}, wanted at least {entry.MinimumMatches}");
            events.ForEach(e => e.Dispose());
        }
        return failures;
    }
}
