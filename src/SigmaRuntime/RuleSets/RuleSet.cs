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
    // Per rule, its summary once made: from the generator's table when the set has one, else from the rule.
    private readonly RuleSummary?[] _summaries;
    private readonly RuleSummaryTable? _summaryTable;
    private readonly ThreadLocal<Scratch> _scratch;

    /// <summary>Creates a set from compiled rules and the generator's prefilter index for them.</summary>
    public RuleSet(IReadOnlyList<IDetectionRule> rules, RuleSetIndex index)
        : this(Source(rules), index, null, null, null)
    {
    }

    /// <summary>
    /// Creates a set from compiled rules, the generator's prefilter index, its table of the rules' distinct
    /// predicates, each rule's condition over them and each rule's summary, as the generated <c>SigmaRules.Set</c>
    /// does: the tables answer for the rules of <c>SigmaRules.All</c>, in its order, so pass that list. It is read
    /// lazily: a rule is created when it is first reported by <see cref="Match(JsonElement, ICollection{IDetectionRule})"/>
    /// (<see cref="MatchSummaries"/> never creates one).
    /// </summary>
    public RuleSet(IReadOnlyList<IDetectionRule> rules, RuleSetIndex index, PredicateTable predicates, ConditionTable conditions, RuleSummaryTable summaries)
        : this(Source(rules), index,
            predicates ?? throw new ArgumentNullException(nameof(predicates)),
            conditions ?? throw new ArgumentNullException(nameof(conditions)),
            summaries ?? throw new ArgumentNullException(nameof(summaries)))
    {
    }

    private RuleSet((IReadOnlyList<IDetectionRule> Rules, IDetectionRule?[] Created) source, RuleSetIndex index, PredicateTable? predicates, ConditionTable? conditions, RuleSummaryTable? summaries)
        : this(source.Rules, source.Created, new RuleSummary?[source.Created.Length], summaries, index, null, predicates, conditions)
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
        if (summaries is not null && summaries.RuleCount != _rules.Count)
            throw new ArgumentException($"the summary table covers {summaries.RuleCount} rules, not {_rules.Count}", nameof(summaries));
        if (predicates is not null)
        {
            index.AddReadPaths(predicates.Paths());
            index.AddKeywordProbes(predicates.KeywordSearchValues());
        }
    }

    private RuleSet(IReadOnlyList<IDetectionRule> rules, IDetectionRule?[] created, RuleSummary?[] summaries, RuleSummaryTable? summaryTable,
        RuleSetIndex index, bool[]? enabled, PredicateTable? predicates, ConditionTable? conditions)
    {
        _rules = rules;
        _created = created;
        _summaries = summaries;
        _summaryTable = summaryTable;
        _index = index;
        _enabled = enabled;
        _predicates = predicates;
        _conditions = conditions;
        KeywordAnswers? keywords = predicates is null ? null : new KeywordAnswers(predicates, index);
        _scratch = new ThreadLocal<Scratch>(() => new Scratch(index, predicates, keywords));
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

    /// <summary>
    /// Rule <paramref name="rule"/>'s id, title and level (its position in <see cref="Rules"/>), from the generator's
    /// table when the set has one, so without creating the rule; the same instance every time.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rule"/> is not a position in <see cref="Rules"/>.</exception>
    public RuleSummary Summary(int rule)
    {
        if ((uint)rule >= (uint)_summaries.Length)
            throw new ArgumentOutOfRangeException(nameof(rule), rule, $"the set has {_summaries.Length} rules");
        return Volatile.Read(ref _summaries[rule]) ?? MakeSummary(rule);
    }

    // Threads that race may each make one; the first stored is the one every caller sees.
    private RuleSummary MakeSummary(int r)
    {
        RuleSummary summary;
        if (_summaryTable is not null)
            summary = _summaryTable.Create(r);
        else
        {
            IDetectionRule rule = Rule(r);
            summary = new RuleSummary(r, rule.Id, rule.Title, rule.Level);
        }
        return Interlocked.CompareExchange(ref _summaries[r], summary, null) ?? summary;
    }

    /// <summary>The generator's table of distinct predicates, if the set has one (for tests).</summary>
    internal PredicateTable? Predicates => _predicates;

    /// <summary>The generator's condition programs, if the set has them (for tests).</summary>
    internal ConditionTable? Conditions => _conditions;

    /// <summary>The generator's summaries of the rules, if the set has them (for tests).</summary>
    internal RuleSummaryTable? SummaryTable => _summaryTable;

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
        return new RuleSet(_rules, _created, _summaries, _summaryTable, _index, enabled, _predicates, _conditions);
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
        Scratch scratch = _scratch.Value!;
        int count = Evaluate(evt, filter, scratch);
        for (int i = 0; i < count; i++)
            results.Add(Rule(scratch.Order[i]));
    }

    /// <summary>
    /// Adds the summary of every rule that matches <paramref name="evt"/> to <paramref name="results"/>, in set
    /// order: the same matches as <see cref="Match(JsonElement, ICollection{IDetectionRule})"/>, reported without
    /// creating the rules (a generated set reads ids, titles and levels from its table; see <see cref="RuleSummary"/>).
    /// </summary>
    public void MatchSummaries(JsonElement evt, ICollection<RuleSummary> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        Scratch scratch = _scratch.Value!;
        int count = Evaluate(evt, null, scratch);
        for (int i = 0; i < count; i++)
            results.Add(Summary(scratch.Order[i]));
    }

    // Evaluates the event's candidates and writes the rules that match to the front of scratch.Order, ascending;
    // returns how many matched.
    private int Evaluate(JsonElement evt, LogSource? filter, Scratch scratch)
    {
        if (evt.ValueKind != JsonValueKind.Object)
            return 0;
        int matched = 0;
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
                    scratch.Order[matched++] = r;
            }
        }
        finally
        {
            scratch.Candidates.Clear();
        }
        return matched;
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
        int count = Evaluate(evt, null, scratch);
        for (int i = 0; i < Math.Min(count, results.Length); i++)
            results[i] = Rule(scratch.Order[i]);
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

    private sealed class Scratch
    {
        public Scratch(RuleSetIndex index, PredicateTable? predicates, KeywordAnswers? keywords)
        {
            Candidates = new CandidateSet(index);
            // The memo reads the fields the prefilter's walk reached, and the keyword atoms it fired: the walk always
            // runs over an event before its candidates' predicates are asked.
            Memo = predicates is null ? null : new PredicateMemo(predicates, Candidates, keywords);
            Order = new int[index.RuleCount];
        }

        public CandidateSet Candidates { get; }

        public PredicateMemo? Memo { get; }

        // The candidates, then the rules that matched.
        public int[] Order { get; }
    }
}
