using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;

namespace SigmaCompile.RuleSets;

/// <summary>
/// A compiled rule set evaluated as one: a prefilter built at compile time reads each field once per event and
/// selects the few rules that can match; only those are evaluated. Answers are exactly those of calling every
/// rule's <see cref="IDetectionRule.IsMatch"/>, in the order of <see cref="Rules"/>. Matching allocates nothing
/// once warmed up; a set may be used from several threads at once (scratch space is per thread).
/// </summary>
public sealed class RuleSet
{
    private readonly IDetectionRule[] _rules;
    private readonly RuleSetIndex _index;
    private readonly bool[]? _enabled;
    private readonly ThreadLocal<Scratch> _scratch;

    /// <summary>Creates a set from compiled rules and the generator's prefilter index for them.</summary>
    public RuleSet(IReadOnlyList<IDetectionRule> rules, RuleSetIndex index)
        : this(ToArray(rules), index, null)
    {
        if (index.RuleCount != _rules.Length)
            throw new ArgumentException($"the index covers {index.RuleCount} rules, not {_rules.Length}", nameof(index));
    }

    private RuleSet(IDetectionRule[] rules, RuleSetIndex index, bool[]? enabled)
    {
        _rules = rules;
        _index = index;
        _enabled = enabled;
        _scratch = new ThreadLocal<Scratch>(() => new Scratch(index));
    }

    /// <summary>Every rule of the set (including ones a logsource selection leaves out).</summary>
    public IReadOnlyList<IDetectionRule> Rules => _rules;

    /// <summary>
    /// The same set limited to the rules written for <paramref name="filter"/> (see <see cref="LogSource.IsCoveredBy"/>).
    /// Select once per stream, then match many events.
    /// </summary>
    public RuleSet ForLogSource(LogSource filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var enabled = new bool[_rules.Length];
        for (int i = 0; i < _rules.Length; i++)
            enabled[i] = (_enabled is null || _enabled[i]) && _rules[i].LogSource.IsCoveredBy(filter);
        return new RuleSet(_rules, _index, enabled);
    }

    /// <summary>Adds every rule that matches <paramref name="evt"/> to <paramref name="results"/>, in set order.</summary>
    public void Match(JsonElement evt, ICollection<IDetectionRule> results) => Match(evt, null, results);

    /// <summary>
    /// Adds every rule written for <paramref name="filter"/> that matches <paramref name="evt"/> to
    /// <paramref name="results"/>, in set order.
    /// </summary>
    public void Match(JsonElement evt, LogSource? filter, ICollection<IDetectionRule> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (evt.ValueKind != JsonValueKind.Object)
            return;
        Scratch scratch = _scratch.Value!;
        try
        {
            int count = Gather(evt, scratch);
            for (int c = 0; c < count; c++)
            {
                int r = scratch.Order[c];
                IDetectionRule rule = _rules[r];
                if (_enabled is not null && !_enabled[r])
                    continue;
                if (filter is not null && !rule.LogSource.IsCoveredBy(filter))
                    continue;
                if (rule.IsMatch(evt))
                    results.Add(rule);
            }
        }
        finally
        {
            scratch.Candidates.Clear();
        }
    }

    // The rules the prefilter selects (and those it always evaluates) into scratch.Order, ascending; returns how many.
    // The caller clears scratch.Candidates afterwards.
    private int Gather(JsonElement evt, Scratch scratch)
    {
        foreach (int rule in _index.AlwaysRules)
            scratch.Candidates.Mark(rule);
        _index.Prefilter(evt, scratch.Candidates);
        return scratch.Candidates.Candidates(scratch.Order);
    }

    /// <summary>
    /// Writes the rules that match <paramref name="evt"/> into <paramref name="results"/>, in set order, and returns
    /// how many matched. When the span is too short, the first matches fill it and the count is still the total.
    /// </summary>
    public int Match(JsonElement evt, Span<IDetectionRule?> results)
    {
        Scratch scratch = _scratch.Value!;
        scratch.Collector.Clear();
        Match(evt, null, scratch.Collector);
        int count = scratch.Collector.Count;
        for (int i = 0; i < Math.Min(count, results.Length); i++)
            results[i] = scratch.Collector[i];
        scratch.Collector.Clear();
        return count;
    }

    /// <summary>How many rules the prefilter selects for <paramref name="evt"/> (for benchmarks: its cost alone).</summary>
    internal int CandidateCount(JsonElement evt)
    {
        Scratch scratch = _scratch.Value!;
        int count = Gather(evt, scratch);
        scratch.Candidates.Clear();
        return count;
    }

    /// <summary>The candidate rules for <paramref name="evt"/> (for benchmarks and tests).</summary>
    internal IEnumerable<IDetectionRule> CandidateRules(JsonElement evt)
    {
        Scratch scratch = _scratch.Value!;
        int count = Gather(evt, scratch);
        scratch.Candidates.Clear();
        var list = new List<IDetectionRule>();
        for (int i = 0; i < count; i++)
            list.Add(_rules[scratch.Order[i]]);
        return list;
    }

    private static IDetectionRule[] ToArray(IReadOnlyList<IDetectionRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var array = new IDetectionRule[rules.Count];
        for (int i = 0; i < array.Length; i++)
            array[i] = rules[i];
        return array;
    }

    private sealed class Scratch(RuleSetIndex index)
    {
        public CandidateSet Candidates { get; } = new(index);

        public int[] Order { get; } = new int[index.RuleCount];

        // Reused by the span overload, so it allocates nothing once grown.
        public List<IDetectionRule> Collector { get; } = new();
    }
}
