namespace SigmaCompile.Generator.Model;

/// <summary>
/// One Sigma correlation rule after reading and checking its own document: metadata, type, the references of its
/// <c>rules</c> as written, group-by, timespan, condition and aliases. References are resolved across files later
/// (planning); nothing here points back into the YAML, so a whitespace-only edit leaves it equal.
/// </summary>
/// <param name="SourcePath">The file it came from, relative to the rules folder.</param>
/// <param name="Rules">The <c>rules</c> entries as written (ids or names), in order; never empty, no repeats.</param>
/// <param name="GroupBy">The <c>group-by</c> names as written (aliases included); empty means one group.</param>
/// <param name="TimespanSeconds">The <c>timespan</c> in seconds (positive, at most <see cref="MaxTimespanSeconds"/>).</param>
/// <param name="TimespanText">The <c>timespan</c> as written, such as <c>10m</c>.</param>
/// <param name="Generate">The <c>generate</c> flag: whether the referenced rules also report on their own.</param>
internal sealed record CorrelationModel(
    string SourcePath,
    RuleMetadata Metadata,
    CorrelationType Type,
    EquatableArray<string> Rules,
    EquatableArray<string> GroupBy,
    long TimespanSeconds,
    string TimespanText,
    CorrelationConditionModel Condition,
    EquatableArray<CorrelationAliasModel> Aliases,
    bool Generate)
{
    /// <summary>The longest timespan accepted: 365 days (a window longer than a year is almost surely a typo).</summary>
    public const long MaxTimespanSeconds = 365L * 24 * 60 * 60;
}

/// <summary>A correlation's <c>condition</c>: its bounds (all must hold), the field it aggregates, the percentile.</summary>
/// <param name="Field">The <c>field</c> as written, or null.</param>
/// <param name="Percentile">The <c>percentile</c> of <c>value_percentile</c> (0 to 100), or null.</param>
/// <param name="IsDefault">Whether the rule wrote no condition (temporal types: every referenced rule).</param>
internal sealed record CorrelationConditionModel(EquatableArray<CorrelationBoundModel> Bounds, string? Field, double? Percentile, bool IsDefault);

/// <summary>One bound of a condition, such as <c>gte: 10</c>.</summary>
internal sealed record CorrelationBoundModel(CorrelationOperator Operator, double Value);

/// <summary>One entry of <c>aliases</c>: in events of the rule named <paramref name="RuleName"/>, the alias reads <paramref name="Field"/>.</summary>
internal sealed record CorrelationAliasModel(string Alias, string RuleName, string Field);

/// <summary>Every correlation to emit, in the registry's order (by id), and the namespace they go in.</summary>
internal sealed record CorrelationSetModel(string Namespace, EquatableArray<CorrelationEmitModel> Correlations);

/// <summary>A correlation class to emit: the correlation, its class name, the namespace and its resolved references.</summary>
/// <param name="Sources">The referenced rules in the order of <c>rules</c>, each resolved to the rule it names.</param>
internal sealed record CorrelationEmitModel(CorrelationModel Correlation, string ClassName, string Namespace, EquatableArray<CorrelationSourceModel> Sources);

/// <summary>
/// One reference of a correlation's <c>rules</c>, resolved: the rule it names and how its group and value are read.
/// </summary>
/// <param name="Reference">The entry as written (an id or a name).</param>
/// <param name="RuleId">The referenced rule's id.</param>
/// <param name="RuleTitle">The referenced rule's title, for the generated comment.</param>
/// <param name="RuleSourcePath">The file of the referenced rule, for the generated comment.</param>
/// <param name="IsCorrelation">Whether the referenced rule is a correlation (a chain).</param>
/// <param name="GroupFields">
/// For each group-by name in order: for a detection rule, the event field it reads (alias resolved, field mapping
/// applied); for a correlation, the inner correlation's group name that holds its value.
/// </param>
/// <param name="ValueField">For a detection rule of a type with a <c>field</c>: where it is read; else null.</param>
internal sealed record CorrelationSourceModel(
    string Reference,
    string RuleId,
    string RuleTitle,
    string RuleSourcePath,
    bool IsCorrelation,
    EquatableArray<CorrelationFieldModel> GroupFields,
    CorrelationFieldModel? ValueField);

/// <summary>
/// How a name of the correlation (a group-by name or the condition's field) is read from one referenced rule:
/// <paramref name="Field"/> is the field or inner group name after aliases, <paramref name="Paths"/> the event paths
/// after field mapping (empty for a correlation source).
/// </summary>
internal sealed record CorrelationFieldModel(string Name, string Field, bool FromAlias, EquatableArray<string> Paths);
