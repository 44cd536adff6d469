using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;

namespace SigmaCompile.Catalog;

/// <summary>An indicator (field, operator, value) that more than one compiled rule looks for.</summary>
/// <param name="Field">The field as written by the lowest-id rule that has it; null for keywords.</param>
/// <param name="Operator">The operator.</param>
/// <param name="Value">The value as written by the lowest-id rule that has it.</param>
/// <param name="RuleCount">How many compiled rules have it (2 or more).</param>
public sealed record SharedIndicator(string? Field, IndicatorOperator Operator, string Value, int RuleCount);

/// <summary>
/// An operation that rules filter on: an API call or operation of a cloud or SaaS log (its event source and
/// event name, or a prefix of event names), or a discriminator of a host log (an event ID, or the executable
/// a process event is about).
/// </summary>
/// <param name="Name">
/// The operation, prefixed with the logsource it belongs to, such as
/// <c>aws/cloudtrail: lambda.amazonaws.com UpdateFunctionConfiguration*</c> (a trailing <c>*</c> marks a prefix),
/// <c>windows/security: EventID 4688</c> or <c>windows/process_creation: process procdump.exe</c>.
/// </param>
/// <param name="RuleIndexes">Positions in <see cref="RuleCatalog.Rules"/> of the rules that filter on exactly this operation.</param>
/// <param name="OverlappingOperations">
/// Positions in <see cref="RuleCatalog.Operations"/> of the other operations that cover some of the same calls:
/// a prefix and the names it covers, or dated versions of one API call (<c>UpdateFunctionConfiguration20150331v2</c>).
/// </param>
public sealed record RuleOperation(string Name, IReadOnlyList<int> RuleIndexes, IReadOnlyList<int> OverlappingOperations)
{
    /// <summary>Positions in <see cref="RuleCatalog.Rules"/> of the rules that filter on exactly this operation.</summary>
    public IReadOnlyList<int> RuleIndexes { get; init; } = ReadOnlyLists.Wrap(RuleIndexes, nameof(RuleIndexes));

    /// <summary>Positions in <see cref="RuleCatalog.Operations"/> of the other operations that cover some of the same calls.</summary>
    public IReadOnlyList<int> OverlappingOperations { get; init; } = ReadOnlyLists.Wrap(OverlappingOperations, nameof(OverlappingOperations));
}

/// <summary>
/// The catalog of a set of compiled rules, with the answers that need the whole set, computed at build time:
/// how many rules share an indicator, and which rules filter on the same operation. The generated
/// <c>SigmaRules.Catalog</c> is the catalog of the rules compiled into an assembly.
/// </summary>
public sealed class RuleCatalog
{
    private readonly Dictionary<string, int> _shared;
    private readonly Dictionary<IDetectionRule, int> _positions;
    private readonly List<int>[] _operationsByRule;
    private HashSet<string>? _allIndicators;

    /// <summary>Builds a catalog from data computed at build time (the generated registry calls this).</summary>
    /// <param name="rules">The rules, in the order the other arguments refer to them.</param>
    /// <param name="sharedIndicators">Every indicator that two or more of the rules have.</param>
    /// <param name="operations">The operations the rules filter on.</param>
    /// <exception cref="ArgumentException">An operation refers to a rule or an operation that is not there.</exception>
    public RuleCatalog(IReadOnlyList<IDescribedRule> rules, IReadOnlyList<SharedIndicator> sharedIndicators, IReadOnlyList<RuleOperation> operations)
        : this(rules, sharedIndicators, operations, Array.Empty<EventChecklistEntry>())
    {
    }

    /// <summary>Builds a catalog from data computed at build time, with the log collection checklist (the generated registry calls this).</summary>
    /// <param name="rules">The rules, in the order the other arguments refer to them.</param>
    /// <param name="sharedIndicators">Every indicator that two or more of the rules have.</param>
    /// <param name="operations">The operations the rules filter on.</param>
    /// <param name="eventChecklist">Every row of the rules' event coverage, with the rules that have it.</param>
    /// <exception cref="ArgumentException">An operation or a checklist entry refers to a rule or an operation that is not there.</exception>
    public RuleCatalog(IReadOnlyList<IDescribedRule> rules, IReadOnlyList<SharedIndicator> sharedIndicators, IReadOnlyList<RuleOperation> operations, IReadOnlyList<EventChecklistEntry> eventChecklist)
    {
        Rules = ReadOnlyLists.Wrap(rules, nameof(rules));
        SharedIndicators = ReadOnlyLists.Wrap(sharedIndicators, nameof(sharedIndicators));
        Operations = ReadOnlyLists.Wrap(operations, nameof(operations));
        EventChecklist = ReadOnlyLists.Wrap(eventChecklist, nameof(eventChecklist));

        _shared = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (SharedIndicator indicator in SharedIndicators)
            _shared[Key(indicator.Field, indicator.Operator, indicator.Value)] = indicator.RuleCount;

        _positions = new Dictionary<IDetectionRule, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < Rules.Count; i++)
            _positions.TryAdd(Rules[i], i);

        _operationsByRule = new List<int>[Rules.Count];
        for (int o = 0; o < Operations.Count; o++)
        {
            foreach (int rule in Operations[o].RuleIndexes)
            {
                if ((uint)rule >= (uint)Rules.Count)
                    throw new ArgumentException($"operation '{Operations[o].Name}' names rule {rule}, but there are {Rules.Count}", nameof(operations));
                (_operationsByRule[rule] ??= new List<int>()).Add(o);
            }
            foreach (int other in Operations[o].OverlappingOperations)
            {
                if ((uint)other >= (uint)Operations.Count)
                    throw new ArgumentException($"operation '{Operations[o].Name}' overlaps operation {other}, but there are {Operations.Count}", nameof(operations));
            }
        }
        foreach (EventChecklistEntry entry in EventChecklist)
        {
            foreach (int rule in entry.RuleIndexes)
            {
                if ((uint)rule >= (uint)Rules.Count)
                    throw new ArgumentException($"checklist event '{entry.Provider} {entry.Event}' names rule {rule}, but there are {Rules.Count}", nameof(eventChecklist));
            }
        }
    }

    /// <summary>
    /// Builds a catalog from the cross-rule answers packed as the generator writes them, as UTF-8 (the generated
    /// registry calls this; it is hidden from IntelliSense). The form is <see cref="RuleCatalogEntry"/>'s: fields
    /// ended by U+241F, in order the shared indicators (field or null, operator, value, rule count), the operations
    /// (name, rule positions, overlapping operation positions) and the checklist (provider, event, title, kind,
    /// rule positions), each part a list.
    /// </summary>
    /// <param name="rules">The rules, in the order the packed positions refer to them.</param>
    /// <param name="utf8">The packed answers.</param>
    /// <exception cref="FormatException">The bytes are not packed answers.</exception>
    /// <exception cref="ArgumentException">An operation or a checklist entry refers to a rule or an operation that is not there.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static RuleCatalog Unpack(IReadOnlyList<IDescribedRule> rules, ReadOnlySpan<byte> utf8)
    {
        PackedFields fields = PackedFields.FromUtf8(utf8);
        SharedIndicator[] shared = fields.List(static f => new SharedIndicator(f.NullableString(), f.Enum<IndicatorOperator>(), f.String(), f.Int()));
        RuleOperation[] operations = fields.List(static f => new RuleOperation(f.String(), f.Ints(), f.Ints()));
        EventChecklistEntry[] checklist = fields.List(static f => new EventChecklistEntry(f.String(), f.String(), f.String(), f.Enum<EventCoverageKind>(), f.Ints()));
        if (!fields.AtEnd())
            throw new FormatException("Packed catalog answers go on after the checklist.");
        return new RuleCatalog(rules, shared, operations, checklist);
    }

    /// <summary>The rules, ordered by id.</summary>
    public IReadOnlyList<IDescribedRule> Rules { get; }

    /// <summary>Every indicator two or more rules share, with how many rules share it.</summary>
    public IReadOnlyList<SharedIndicator> SharedIndicators { get; }

    /// <summary>Every operation some rule filters on.</summary>
    public IReadOnlyList<RuleOperation> Operations { get; }

    /// <summary>
    /// The log collection checklist: every distinct row of the rules' <see cref="IDescribedRule.EventCoverage"/>
    /// (provider and event compared case-insensitively), with the rules that need it, ordered by provider, then event
    /// (event ids by number).
    /// </summary>
    public IReadOnlyList<EventChecklistEntry> EventChecklist { get; }

    /// <summary>
    /// How many rules of the catalog have an indicator with this field, operator and value, compared
    /// case-insensitively (a rule counts once, however many of its rows have it). 0 when none has.
    /// </summary>
    /// <param name="field">The field; null for a keyword.</param>
    /// <param name="op">The operator.</param>
    /// <param name="value">One value, as <see cref="RuleIndicator.Values"/> holds it; empty for a row without values (<c>null</c>).</param>
    public int CountRulesWith(string? field, IndicatorOperator op, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string key = Key(field, op, value);
        if (_shared.TryGetValue(key, out int count))
            return count;
        // Not shared: one rule has it, or none.
        return AllIndicators().Contains(key) ? 1 : 0;
    }

    /// <summary>How many rules of the catalog share one value of an indicator row (the rule that has the row included).</summary>
    public int CountRulesWith(RuleIndicator indicator, string value)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        return CountRulesWith(indicator.Field, indicator.Operator, value);
    }

    /// <summary>The operations the rule filters on; empty when it has no recognised discriminator or is not in the catalog.</summary>
    public IReadOnlyList<RuleOperation> OperationsOf(IDetectionRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (!_positions.TryGetValue(rule, out int position) || _operationsByRule[position] is not { } own)
            return Array.Empty<RuleOperation>();
        return own.Select(o => Operations[o]).ToArray();
    }

    /// <summary>
    /// The other rules that filter on the same operation as <paramref name="rule"/>, or on an overlapping one
    /// (see <see cref="RuleOperation.OverlappingOperations"/>), ordered by id.
    /// </summary>
    public IReadOnlyList<IDescribedRule> RulesDetectingSameAction(IDetectionRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (!_positions.TryGetValue(rule, out int position) || _operationsByRule[position] is not { } own)
            return Array.Empty<IDescribedRule>();
        var found = new SortedSet<int>();
        foreach (int o in own)
        {
            found.UnionWith(Operations[o].RuleIndexes);
            foreach (int other in Operations[o].OverlappingOperations)
                found.UnionWith(Operations[other].RuleIndexes);
        }
        found.Remove(position);
        return found.Select(i => Rules[i]).ToArray();
    }

    /// <summary>
    /// The rules with this id, or else this title, or else this class name (titles and class names compared
    /// case-insensitively); empty when none has.
    /// </summary>
    public IReadOnlyList<IDescribedRule> Find(string idOrTitle)
    {
        ArgumentNullException.ThrowIfNull(idOrTitle);
        string text = idOrTitle.Trim();
        if (Guid.TryParse(text, out Guid id))
            return Rules.Where(r => r.Id == id).ToArray();
        IDescribedRule[] byTitle = Rules.Where(r => string.Equals(r.Title, text, StringComparison.OrdinalIgnoreCase)).ToArray();
        if (byTitle.Length > 0)
            return byTitle;
        return Rules.Where(r => string.Equals(r.GetType().Name, text, StringComparison.OrdinalIgnoreCase)).ToArray();
    }

    private HashSet<string> AllIndicators()
    {
        if (_allIndicators is { } known)
            return known;
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (IDescribedRule rule in Rules)
        {
            foreach (RuleIndicator indicator in rule.Indicators)
            {
                if (indicator.Values.Count == 0)
                    keys.Add(Key(indicator.Field, indicator.Operator, ""));
                foreach (string value in indicator.Values)
                    keys.Add(Key(indicator.Field, indicator.Operator, value));
            }
        }
        return _allIndicators = keys;
    }

    private static string Key(string? field, IndicatorOperator op, string value) =>
        (field ?? "") + "\u0000" + IndicatorOperators.Name(op) + "\u0000" + value;
}
