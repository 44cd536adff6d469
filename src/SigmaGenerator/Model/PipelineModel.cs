namespace SigmaCompile.Generator.Model;

/// <summary>
/// Field-mapping pipelines in the pySigma processing-pipeline format, parsed and ordered by priority. Applied to
/// every rule at build time (IR → IR), so mapping costs nothing per event.
/// </summary>
internal sealed record PipelineSet(EquatableArray<PipelineModel> Pipelines, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static PipelineSet Empty { get; } = new(EquatableArray<PipelineModel>.Empty, EquatableArray<DiagnosticInfo>.Empty);
}

/// <summary>One pipeline: its name, priority (lower runs first) and transformations in order.</summary>
internal sealed record PipelineModel(string Name, int Priority, EquatableArray<TransformationModel> Transformations);

/// <summary>The transformations SigmaCompile applies.</summary>
internal enum TransformationKind
{
    FieldNameMapping,
    FieldNamePrefix,
    FieldNamePrefixMapping,
    AddCondition,
    ChangeLogsource,
    DropDetectionItem,
    ReplaceString,
    SetState,
}

/// <summary>
/// One processing item. Only the members its <see cref="Kind"/> uses are set. It applies to a rule when its rule
/// conditions hold (combined by <see cref="RuleConditionAll"/>), and to a field when its field-name conditions hold.
/// </summary>
internal sealed record TransformationModel(
    string Id,
    TransformationKind Kind,
    EquatableArray<FieldMapping> Mapping,
    EquatableArray<string> Prefixes,
    EquatableArray<ConditionAlternative> Conditions,
    string? Product,
    string? Category,
    string? Service,
    string Regex,
    string Replacement,
    string StateKey,
    string StateValue,
    EquatableArray<RuleCondition> RuleConditions,
    bool RuleConditionAll,
    EquatableArray<FieldCondition> FieldConditions,
    bool FieldConditionAll);

/// <summary>A field (or prefix) and what it becomes: one name, or several meaning "any of them".</summary>
internal sealed record FieldMapping(string From, EquatableArray<string> To);

/// <summary>
/// One alternative of <c>add_condition</c>: every field must hold one of its values (a map, as in pySigma).
/// SigmaCompile also accepts a list of such maps, meaning any of them.
/// </summary>
internal sealed record ConditionAlternative(EquatableArray<ConditionField> Fields);

/// <summary>A field of an added condition with its values (OR); a null value means "missing or null".</summary>
internal sealed record ConditionField(string Field, EquatableArray<string> Values, bool IsNull);

/// <summary>A rule condition: <c>logsource</c> (product/category/service) or <c>processing_state</c> (key/value).</summary>
internal sealed record RuleCondition(string Type, string? Product, string? Category, string? Service, string Key, string Value, bool Negate);

/// <summary>A field-name condition: <c>include_fields</c> or <c>exclude_fields</c>, by plain name or regex.</summary>
internal sealed record FieldCondition(bool Include, bool IsRegex, EquatableArray<string> Fields);
