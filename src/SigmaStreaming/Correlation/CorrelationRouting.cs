using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using SigmaCompile.Correlations;

namespace SigmaCompile.Streaming.Correlation;

/// <summary>
/// What detection workers need to know of the correlations: which matches report as alerts on their own, and where
/// the matches that feed a correlation go, keyed by (correlation, group) to one of N partitions.
/// </summary>
public sealed class CorrelationRouting
{
    private readonly Dictionary<Guid, List<Feed>> _feeds = new();
    private readonly HashSet<Guid> _suppressed = new();
    private readonly int _partitions;

    private readonly record struct Feed(CorrelationUnit Unit, ICorrelationRule Correlation, CorrelationSource Source);

    /// <summary>Builds the routing of <paramref name="correlations"/> over <paramref name="partitions"/> partitions.</summary>
    /// <exception cref="ArgumentException">A correlation refers to a correlation that is not given.</exception>
    public CorrelationRouting(IReadOnlyList<ICorrelationRule> correlations, int partitions)
    {
        ArgumentNullException.ThrowIfNull(correlations);
        if (partitions < 1)
            throw new ArgumentOutOfRangeException(nameof(partitions), partitions, "at least one partition");
        _partitions = partitions;
        Units = BuildUnits(correlations);

        var generating = new HashSet<Guid>();
        foreach (CorrelationUnit unit in Units)
        {
            foreach (ICorrelationRule correlation in unit.Correlations)
            {
                foreach (CorrelationSource source in correlation.Sources)
                {
                    if (source.IsCorrelation)
                        continue;
                    if (!_feeds.TryGetValue(source.RuleId, out List<Feed>? feeds))
                        _feeds[source.RuleId] = feeds = new List<Feed>();
                    feeds.Add(new Feed(unit, correlation, source));
                    if (correlation.Generate)
                        generating.Add(source.RuleId);
                }
            }
        }
        // As the Correlator decides: a referenced rule reports its own matches when a correlation referring to it says so.
        foreach (Guid rule in _feeds.Keys)
        {
            if (!generating.Contains(rule))
                _suppressed.Add(rule);
        }
    }

    /// <summary>The correlation units, ordered by id.</summary>
    public IReadOnlyList<CorrelationUnit> Units { get; }

    /// <summary>The number of partitions.</summary>
    public int Partitions => _partitions;

    /// <summary>Whether a match of <paramref name="rule"/> is an alert of its own (false when only correlations without <c>generate</c> use it).</summary>
    public bool Reports(IDetectionRule rule) => !_suppressed.Contains(rule.Id);

    /// <summary>Whether some correlation uses matches of <paramref name="rule"/>.</summary>
    public bool Feeds(IDetectionRule rule) => _feeds.ContainsKey(rule.Id);

    /// <summary>
    /// Adds to <paramref name="inputs"/> one input per (unit, group) the matches of <paramref name="evt"/> feed. A
    /// lone correlation's matches whose group-by fields lack a value are left out (the correlator would skip them).
    /// </summary>
    public void Route(JsonElement evt, IReadOnlyList<IDetectionRule> matches, List<CorrelationInput> inputs)
    {
        List<(CorrelationUnit Unit, string Key, List<Guid> Rules)>? keyed = null;
        foreach (IDetectionRule rule in matches)
        {
            if (!_feeds.TryGetValue(rule.Id, out List<Feed>? feeds))
                continue;
            foreach (Feed feed in feeds)
            {
                string key;
                if (feed.Unit.IsChain)
                {
                    key = feed.Unit.Id.ToString("D");
                }
                else
                {
                    if (feed.Source.ReadGroup(evt) is not { } group)
                        continue;
                    // \u001f (unit separator) cannot be confused with text inside a value in practice, and only needs
                    // to keep ("a b", "c") and ("a", "b c") apart.
                    key = feed.Correlation.Id.ToString("D") + "\u001f" + string.Join('\u001f', group);
                }
                keyed ??= new List<(CorrelationUnit, string, List<Guid>)>();
                int index = keyed.FindIndex(k => k.Unit.Id == feed.Unit.Id && k.Key == key);
                if (index < 0)
                    keyed.Add((feed.Unit, key, new List<Guid> { rule.Id }));
                else if (!keyed[index].Rules.Contains(rule.Id))
                    keyed[index].Rules.Add(rule.Id);
            }
        }
        if (keyed is null)
            return;
        foreach ((CorrelationUnit unit, string key, List<Guid> rules) in keyed)
            inputs.Add(new CorrelationInput(unit, PartitionHash.PartitionOf(key, _partitions), rules));
    }

    private static IReadOnlyList<CorrelationUnit> BuildUnits(IReadOnlyList<ICorrelationRule> correlations)
    {
        var byId = new Dictionary<Guid, ICorrelationRule>();
        foreach (ICorrelationRule correlation in correlations)
        {
            ArgumentNullException.ThrowIfNull(correlation, nameof(correlations));
            if (!byId.TryAdd(correlation.Id, correlation))
                throw new ArgumentException($"two correlations have the id {correlation.Id:D}", nameof(correlations));
        }

        // Union-find over references between correlations: each connected set is one unit.
        var parent = byId.Keys.ToDictionary(id => id, id => id);
        Guid Find(Guid id)
        {
            while (parent[id] != id)
                id = parent[id] = parent[parent[id]];
            return id;
        }
        foreach (ICorrelationRule correlation in correlations)
        {
            foreach (CorrelationSource source in correlation.Sources.Where(s => s.IsCorrelation))
            {
                if (!byId.ContainsKey(source.RuleId))
                    throw new ArgumentException($"correlation {correlation.Id:D} refers to correlation {source.RuleId:D}, which is not given", nameof(correlations));
                Guid a = Find(correlation.Id), b = Find(source.RuleId);
                if (a != b)
                    parent[a] = b;
            }
        }

        return byId.Values
            .GroupBy(c => Find(c.Id))
            .Select(g =>
            {
                ICorrelationRule[] members = g.OrderBy(c => c.Id.ToString("D"), StringComparer.Ordinal).ToArray();
                var rules = new HashSet<Guid>(members.SelectMany(c => c.Sources).Where(s => !s.IsCorrelation).Select(s => s.RuleId));
                return new CorrelationUnit(members[0].Id, members, rules);
            })
            .OrderBy(u => u.Id.ToString("D"), StringComparer.Ordinal)
            .ToArray();
    }
}
