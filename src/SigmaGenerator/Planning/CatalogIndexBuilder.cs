using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Planning;

/// <summary>
/// The cross-rule part of the catalog, built after Collect from every rule's <see cref="CatalogKeys"/>: rules in
/// id order, the indicator values two or more rules share (compared case-insensitively), and the operations
/// rules filter on with the rules on each and the operations that overlap it, and the log collection checklist.
/// Output is ordered ordinally.
/// </summary>
internal static class CatalogIndexBuilder
{
    public static CatalogIndexModel Build(ImmutableArray<CatalogKeys> input, string ns, CancellationToken cancellationToken)
    {
        List<CatalogKeys> rules = input
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .ThenBy(r => r.SourcePath, StringComparer.Ordinal)
            .ToList();

        // Indicators: spelled as the first rule (by id) that has them, counted once per rule.
        var indicators = new Dictionary<string, (IndicatorKey First, int Count)>(StringComparer.OrdinalIgnoreCase);
        foreach (CatalogKeys rule in rules)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (IndicatorKey key in rule.Indicators) // already distinct within a rule
            {
                string text = Key(key.Field, key.Operator, key.Value);
                indicators[text] = indicators.TryGetValue(text, out var found) ? (found.First, found.Count + 1) : (key, 1);
            }
        }
        EquatableArray<SharedIndicatorModel> shared = indicators
            .Where(i => i.Value.Count > 1)
            .OrderBy(i => i.Key.ToLowerInvariant(), StringComparer.Ordinal)
            .ThenBy(i => i.Key, StringComparer.Ordinal)
            .Select(i => new SharedIndicatorModel(i.Value.First.Field, i.Value.First.Operator, i.Value.First.Value, i.Value.Count))
            .ToEquatableArray();

        // Operations: one per distinct key, with the rules on it; then the overlaps among API operations.
        var operations = new List<(OperationKey Key, List<int> Rules)>();
        var byText = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int r = 0; r < rules.Count; r++)
        {
            foreach (OperationKey key in rules[r].Operations)
            {
                string text = (key.Api ? "api\u0000" : "host\u0000") + key.Scope + "\u0000" + key.Source + "\u0000" + key.Name + (key.Prefix ? "\u0000*" : "");
                if (!byText.TryGetValue(text, out int index))
                {
                    byText[text] = index = operations.Count;
                    operations.Add((key, new List<int>()));
                }
                if (!operations[index].Rules.Contains(r))
                    operations[index].Rules.Add(r);
            }
        }
        var ordered = operations
            .OrderBy(o => o.Key.Display.ToLowerInvariant(), StringComparer.Ordinal)
            .ThenBy(o => o.Key.Display, StringComparer.Ordinal)
            .ToList();
        var result = new List<OperationModel>(ordered.Count);
        // Overlaps are only possible within one scope and source; compare within those buckets.
        var buckets = ordered
            .Select((o, index) => (o.Key, index))
            .Where(o => o.Key.Api)
            .GroupBy(o => o.Key.Scope.ToLowerInvariant() + "\u0000" + o.Key.Source.ToLowerInvariant())
            .ToList();
        var overlaps = new List<int>[ordered.Count];
        foreach (var bucket in buckets)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var members = bucket.ToList();
            for (int i = 0; i < members.Count; i++)
            {
                for (int j = i + 1; j < members.Count; j++)
                {
                    if (Operations.Overlap(members[i].Key, members[j].Key))
                    {
                        (overlaps[members[i].index] ??= new List<int>()).Add(members[j].index);
                        (overlaps[members[j].index] ??= new List<int>()).Add(members[i].index);
                    }
                }
            }
        }
        for (int o = 0; o < ordered.Count; o++)
        {
            result.Add(new OperationModel(
                ordered[o].Key.Display,
                ordered[o].Rules.ToEquatableArray(),
                (overlaps[o] ?? new List<int>()).OrderBy(x => x).ToEquatableArray()));
        }

        return new CatalogIndexModel(ns, rules.Select(r => r.ClassName).ToEquatableArray(), shared, result.ToEquatableArray(), EventChecklist(rules, cancellationToken));
    }

    /// <summary>
    /// The log collection checklist: every distinct event coverage row (kind, provider and event compared
    /// case-insensitively, spelled as the lowest-id rule has it) with the rules that have it; ordered by provider,
    /// then event (ids by number, catch_all first), then kind.
    /// </summary>
    private static EquatableArray<EventChecklistModel> EventChecklist(List<CatalogKeys> rules, CancellationToken cancellationToken)
    {
        var entries = new List<(EventCoverageModel Row, List<int> Rules)>();
        var byKey = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int r = 0; r < rules.Count; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (EventCoverageModel row in rules[r].Events)
            {
                string key = row.Kind + "\u0000" + row.Provider + "\u0000" + row.Event;
                if (!byKey.TryGetValue(key, out int index))
                {
                    byKey[key] = index = entries.Count;
                    entries.Add((row, new List<int>()));
                }
                if (!entries[index].Rules.Contains(r))
                    entries[index].Rules.Add(r);
            }
        }
        return entries
            .OrderBy(e => e.Row.Provider.ToLowerInvariant(), StringComparer.Ordinal)
            .ThenBy(e => e.Row.Provider, StringComparer.Ordinal)
            .ThenBy(e => e.Row.Event == EventCoverageModel.CatchAll ? 0 : 1)
            .ThenBy(e => EventNumber(e.Row.Event))
            .ThenBy(e => e.Row.Event.ToLowerInvariant(), StringComparer.Ordinal)
            .ThenBy(e => e.Row.Event, StringComparer.Ordinal)
            .ThenBy(e => (int)e.Row.Kind)
            .Select(e => new EventChecklistModel(e.Row.Provider, e.Row.Event, e.Row.Title, e.Row.Kind, e.Rules.ToEquatableArray()))
            .ToEquatableArray();
    }

    // Event ids sort by number (4 before 16); names, which are not numbers, after every id.
    private static long EventNumber(string value) =>
        value.Length is > 0 and <= 18 && value.All(c => c is >= '0' and <= '9') ? long.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : long.MaxValue;

    /// <summary>The text an indicator value is compared by; compare it with <see cref="StringComparer.OrdinalIgnoreCase"/>.</summary>
    public static string Key(string? field, IndicatorKind op, string value) => (field ?? "") + "\u0000" + op + "\u0000" + value;
}
