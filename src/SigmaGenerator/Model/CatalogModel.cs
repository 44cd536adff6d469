namespace SigmaCompile.Generator.Model;

/// <summary>
/// One rule's catalog entry, built from its <see cref="RuleModel"/> alone (no other rule), so it is re-built and
/// re-emitted only when that rule or a filter applied to it changes: the stages of its detection as written, its indicators as matched,
/// its tag coverage, the events it can match, the filters applied to it, and the keys the cross-rule index needs.
/// </summary>
internal sealed record RuleCatalogModel(
    string Namespace,
    string ClassName,
    string Id,
    string SourcePath,
    EquatableArray<StageModel> Stages,
    EquatableArray<IndicatorModel> Indicators,
    CoverageModel Coverage,
    EquatableArray<EventCoverageModel> Events,
    EquatableArray<AppliedFilterModel> Filters,
    CatalogKeys Keys);

/// <summary>One stage: the condition (text as written and as compiled), or a search with its predicates as written.</summary>
internal sealed record StageModel(int Index, StageKind Kind, string Name, string Text, string Expanded, EquatableArray<StagePredicateModel> Predicates);

/// <summary>One predicate of a search as written; <paramref name="Group"/> is the map of a list of maps it belongs to.</summary>
internal sealed record StagePredicateModel(int Group, string? Field, string Written, EquatableArray<string> Values, EquatableArray<string> MappedTo);

/// <summary>One indicator row: a field, an operator and the values, as matched.</summary>
internal sealed record IndicatorModel(
    string Search,
    string? Field,
    IndicatorKind Operator,
    EquatableArray<string> Values,
    string Written,
    bool Cased,
    bool All,
    bool Negated,
    bool Filter);

/// <summary>Tags read as coverage: tactics, technique IDs, group and software IDs, CVE IDs, other tags (whole).</summary>
internal sealed record CoverageModel(
    EquatableArray<TacticModel> Tactics,
    EquatableArray<string> Techniques,
    EquatableArray<string> Groups,
    EquatableArray<string> Software,
    EquatableArray<string> Cves,
    EquatableArray<string> OtherTags);

/// <summary>An ATT&amp;CK tactic: short name as tagged, display name, and ID when known (else empty).</summary>
internal sealed record TacticModel(string ShortName, string Name, string Id);

/// <summary>What the cross-rule index needs of one rule: its indicator values, the operations it filters on, the events it can match.</summary>
internal sealed record CatalogKeys(string Id, string SourcePath, string ClassName, EquatableArray<IndicatorKey> Indicators, EquatableArray<OperationKey> Operations, EquatableArray<EventCoverageModel> Events);

/// <summary>One (field, operator, value) of a rule; compared case-insensitively across rules. Value is empty for a row without values.</summary>
internal sealed record IndicatorKey(string? Field, IndicatorKind Operator, string Value);

/// <summary>
/// An operation a rule filters on. <paramref name="Scope"/> is the logsource (<c>aws/cloudtrail</c>);
/// <paramref name="Source"/> the event source or the kind of discriminator (<c>EventID</c>, <c>process</c>);
/// <paramref name="Name"/> the event name, or a prefix of names when <paramref name="Prefix"/>.
/// <paramref name="Api"/> marks cloud and SaaS operations, which overlap by prefix and by dated API versions.
/// </summary>
internal sealed record OperationKey(string Scope, string Source, string Name, bool Prefix, bool Api)
{
    public string Display => Scope + ": " + (Source.Length > 0 ? Source + " " : "") + Name + (Prefix ? "*" : "");
}

/// <summary>The cross-rule answers, computed after Collect: rules in id order, shared indicators, operations, the log collection checklist.</summary>
internal sealed record CatalogIndexModel(
    string Namespace,
    EquatableArray<string> ClassNames,
    EquatableArray<SharedIndicatorModel> SharedIndicators,
    EquatableArray<OperationModel> Operations,
    EquatableArray<EventChecklistModel> EventChecklist);

/// <summary>An indicator value two or more rules share, spelled as the lowest-id rule wrote it.</summary>
internal sealed record SharedIndicatorModel(string? Field, IndicatorKind Operator, string Value, int RuleCount);

/// <summary>An operation: the rules (positions in the index's class list) and the overlapping operations (positions).</summary>
internal sealed record OperationModel(string Name, EquatableArray<int> Rules, EquatableArray<int> Overlapping);
