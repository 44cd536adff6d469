using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using SigmaCompile.Matching;

namespace SigmaCompile.RuleSets;

/// <summary>
/// A compiled rule set evaluated as one: a prefilter built at compile time reads each field once per event and
/// selects the few rules that can match; only those are evaluated, and a predicate several of them share is
/// evaluated once per event (see <see cref="PredicateTable"/>). Answers are exactly those of calling every
/// rule's <see cref="IDetectionRule.IsMatch"/>, in the order of <see cref="Rules"/>. Matching allocates nothing
/// once warmed up; a set may be used from several threads at once (scratch space is per thread).
/// </summary>
public sealed class RuleSet
{
    private readonly IDetectionRule[] _rules;
    private readonly RuleSetIndex _index;
    private readonly bool[]? _enabled;
    private readonly PredicateTable? _predicates;
    // Per rule, the rule as a memoised matcher, or null to call its IsMatch (no predicate table, or not generated).
    private readonly IMemoizedRule?[] _memoized;
    private readonly ThreadLocal<Scratch> _scratch;

    /// <summary>Creates a set from compiled rules and the generator's prefilter index for them.</summary>
    public RuleSet(IReadOnlyList<IDetectionRule> rules, RuleSetIndex index)
        : this(rules, index, null)
    {
    }

    /// <summary>
    /// Creates a set from compiled rules, the generator's prefilter index, and its table of the rules' shared
    /// predicates (each evaluated at most once per event).
    /// </summary>
    public RuleSet(IReadOnlyList<IDetectionRule> rules, RuleSetIndex index, PredicateTable? predicates)
        : this(ToArray(rules), index, null, predicates, null)
    {
        if (index.RuleCount != _rules.Length)
            throw new ArgumentException($"the index covers {index.RuleCount} rules, not {_rules.Length}", nameof(index));
    }

    private RuleSet(IDetectionRule[] rules, RuleSetIndex index, bool[]? enabled, PredicateTable? predicates, IMemoizedRule?[]? memoized)
    {
        _rules = rules;
        _index = index;
        _enabled = enabled;
        _predicates = predicates;
        _memoized = memoized ?? Memoized(rules, predicates);
        _scratch = new ThreadLocal<Scratch>(() => new Scratch(index, predicates));
    }

    // A rule is evaluated through the memo only when the table gives it exactly as many tests as it numbers.
    private static IMemoizedRule?[] Memoized(IDetectionRule[] rules, PredicateTable? predicates)
    {
        var memoized = new IMemoizedRule?[rules.Length];
        if (predicates is null)
            return memoized;
        if (predicates.RuleCount != rules.Length)
            throw new ArgumentException($"the predicate table covers {predicates.RuleCount} rules, not {rules.Length}", nameof(predicates));
        for (int r = 0; r < rules.Length; r++)
        {
            if (rules[r] is not IMemoizedRule rule)
                continue;
            if (rule.PredicateCount != predicates.TestCount(r))
                throw new ArgumentException($"rule {r} ({rules[r].Title}) numbers {rule.PredicateCount} tests, the predicate table {predicates.TestCount(r)}", nameof(predicates));
            memoized[r] = rule;
        }
        return memoized;
    }

    /// <summary>The generator's table of shared predicates, if the set has one (for tests).</summary>
    internal PredicateTable? Predicates => _predicates;

    /// <summary>The prefilter index (for tests, and for benchmarks that build the set without its table).</summary>
    internal RuleSetIndex Index => _index;

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
        return new RuleSet(_rules, _index, enabled, _predicates, _memoized);
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
            PredicateMemo? memo = scratch.Memo;
            memo?.NextEvent();
            for (int c = 0; c < count; c++)
            {
                int r = scratch.Order[c];
                IDetectionRule rule = _rules[r];
                if (_enabled is not null && !_enabled[r])
                    continue;
                if (filter is not null && !rule.LogSource.IsCoveredBy(filter))
                    continue;
                if (IsMatch(r, rule, evt, memo))
                    results.Add(rule);
            }
        }
        finally
        {
            scratch.Candidates.Clear();
        }
    }

    private bool IsMatch(int r, IDetectionRule rule, JsonElement evt, PredicateMemo? memo)
    {
        IMemoizedRule? memoized = _memoized[r];
        if (memoized is null || memo is null)
            return rule.IsMatch(evt);
        memo.EnterRule(_predicates!.RuleOffsets[r]);
        return memoized.IsMatch(evt, memo);
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

    private sealed class Scratch(RuleSetIndex index, PredicateTable? predicates)
    {
        public CandidateSet Candidates { get; } = new(index);

        public PredicateMemo? Memo { get; } = predicates is null ? null : new PredicateMemo(predicates);

        public int[] Order { get; } = new int[index.RuleCount];

        // Reused by the span overload, so it allocates nothing once grown.
        public List<IDetectionRule> Collector { get; } = new();
    }
}
