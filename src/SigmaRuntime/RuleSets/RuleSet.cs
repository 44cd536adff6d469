using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using SigmaCompile.Matching;

namespace SigmaCompile.RuleSets;

/// <summary>
/// A compiled rule set evaluated as one: a prefilter built at compile time reads each field once per event and
/// selects the few rules that can match; only those are evaluated, from the generator's tables (each rule's
/// condition as a program over the set's deduplicated predicates, each predicate evaluated at most once per event:
/// see <see cref="ConditionTable"/>). Answers are exactly those of calling every rule's
/// <see cref="IDetectionRule.IsMatch"/>, in the order of <see cref="Rules"/>. Matching allocates nothing once
/// warmed up; a set may be used from several threads at once (scratch space is per thread).
/// </summary>
public sealed class RuleSet
{
    // What Rules returns: the caller's list (the generated SigmaRules.All creates each rule on first read).
    private readonly IReadOnlyList<IDetectionRule> _rules;
    // Per rule, the rule once read from _rules: only rules that match (or a log source filter reads) are read.
    private readonly IDetectionRule?[] _created;
    private readonly RuleSetIndex _index;
    private readonly bool[]? _enabled;
    // The generator's tables; without them each candidate's own IsMatch is called.
    private readonly PredicateTable? _predicates;
    private readonly ConditionTable? _conditions;
    private readonly ThreadLocal<Scratch> _scratch;

    /// <summary>Creates a set from compiled rules and the generator's prefilter index for them.</summary>
    public RuleSet(IReadOnlyList<IDetectionRule> rules, RuleSetIndex index)
        : this(Source(rules), index, null, null)
    {
    }

    /// <summary>
    /// Creates a set from compiled rules, the generator's prefilter index, its table of the rules' distinct
    /// predicates and each rule's condition over them, as the generated <c>SigmaRules.Set</c> does: the tables answer
    /// for the rules of <c>SigmaRules.All</c>, in its order, so pass that list. It is read lazily: a rule is created
    /// when it first matches.
    /// </summary>
    public RuleSet(IReadOnlyList<IDetectionRule> rules, RuleSetIndex index, PredicateTable predicates, ConditionTable conditions)
        : this(Source(rules), index, predicates ?? throw new ArgumentNullException(nameof(predicates)), conditions ?? throw new ArgumentNullException(nameof(conditions)))
    {
    }

    private RuleSet((IReadOnlyList<IDetectionRule> Rules, IDetectionRule?[] Created) source, RuleSetIndex index, PredicateTable? predicates, ConditionTable? conditions)
        : this(source.Rules, source.Created, index, null, predicates, conditions)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (index.RuleCount != _rules.Count)
            throw new ArgumentException($"the index covers {index.RuleCount} rules, not {_rules.Count}", nameof(index));
        if (conditions is not null)
        {
            if (conditions.RuleCount != _rules.Count)
                throw new ArgumentException($"the condition table covers {conditions.RuleCount} rules, not {_rules.Count}", nameof(conditions));
            conditions.Validate(predicates!);
        }
    }

    private RuleSet(IReadOnlyList<IDetectionRule> rules, IDetectionRule?[] created, RuleSetIndex index, bool[]? enabled, PredicateTable? predicates, ConditionTable? conditions)
    {
        _rules = rules;
        _created = created;
        _index = index;
        _enabled = enabled;
        _predicates = predicates;
        _conditions = conditions;
        _scratch = new ThreadLocal<Scratch>(() => new Scratch(index, predicates));
    }

    // A generated lazy list stays lazy; any other list is copied now.
    private static (IReadOnlyList<IDetectionRule>, IDetectionRule?[]) Source(IReadOnlyList<IDetectionRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules is LazyRuleList lazy)
            return (lazy, new IDetectionRule?[lazy.Count]);
        IDetectionRule[] array = ToArray(rules);
        return (array, array);
    }

    // Rule r, read from the caller's list the first time.
    private IDetectionRule Rule(int r) => Volatile.Read(ref _created[r]) ?? Read(r);

    private IDetectionRule Read(int r)
    {
        IDetectionRule rule = _rules[r];
        Volatile.Write(ref _created[r], rule);
        return rule;
    }

    /// <summary>The generator's table of distinct predicates, if the set has one (for tests).</summary>
    internal PredicateTable? Predicates => _predicates;

    /// <summary>The generator's condition programs, if the set has them (for tests).</summary>
    internal ConditionTable? Conditions => _conditions;

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
        var enabled = new bool[_created.Length];
        for (int i = 0; i < enabled.Length; i++)
            enabled[i] = (_enabled is null || _enabled[i]) && Rule(i).LogSource.IsCoveredBy(filter);
        return new RuleSet(_rules, _created, _index, enabled, _predicates, _conditions);
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
                if (_enabled is not null && !_enabled[r])
                    continue;
                if (filter is not null && !Rule(r).LogSource.IsCoveredBy(filter))
                    continue;
                if (memo is not null ? _conditions!.IsMatch(r, evt, memo) : Rule(r).IsMatch(evt))
                    results.Add(Rule(r));
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
            list.Add(Rule(scratch.Order[i]));
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
