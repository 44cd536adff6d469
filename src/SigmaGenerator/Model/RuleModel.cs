namespace SigmaCompile.Generator.Model;

/// <summary>
/// One Sigma rule after parsing and lowering: metadata, and the detection as predicates over fields with the
/// condition as a boolean tree. Everything is final (escapes, wildcards, modifiers, placeholders resolved);
/// nothing here points back into the YAML (no positions), so a whitespace-only edit leaves it equal.
/// </summary>
/// <param name="Filters">The filters applied to the rule, in the order applied (empty until <c>FilterApplier</c> runs, and for a rule no filter names).</param>
internal sealed record RuleModel(
    string SourcePath,
    RuleMetadata Metadata,
    EquatableArray<SearchModel> Searches,
    string ConditionText,
    ConditionNode Condition,
    EquatableArray<AppliedFilterModel> Filters = default);

/// <summary>A rule's metadata, checked and normalised (unknown levels and statuses empty, dates YYYY-MM-DD).</summary>
/// <param name="Name">The rule's <c>name</c>, by which correlations may refer to it, or null.</param>
internal sealed record RuleMetadata(
    string Id,
    string Title,
    string Status,
    string Level,
    string Description,
    string Author,
    string? Date,
    string? Modified,
    EquatableArray<string> References,
    EquatableArray<string> Tags,
    string? Product,
    string? Category,
    string? Service,
    EquatableArray<string> FalsePositives,
    string? Name = null);

/// <summary>
/// A search identifier: any of its alternatives holds (a list of maps), where each alternative is a map whose
/// predicates must all hold. A plain map has one alternative.
/// </summary>
/// <param name="AddedByPipeline">
/// Whether a pipeline added it (<c>add_condition</c>): it must hold as well as the rule's condition, and it is
/// shared by every rule of its kind. Its name (<c>_pipeline_1</c>) is for readers only.
/// </param>
internal sealed record SearchModel(string Name, EquatableArray<AlternativeModel> Alternatives, bool AddedByPipeline = false);

/// <summary>One map of a search identifier: every predicate must hold.</summary>
internal sealed record AlternativeModel(EquatableArray<PredicateModel> Predicates);

/// <summary>
/// One key of a map (or a keyword list): a field, its tests, and how they combine. The tests are OR-ed, or
/// AND-ed with <c>|all</c>; <see cref="Negate"/> (<c>|neq</c>) negates the combined result.
/// </summary>
/// <param name="Field">The field name after mapping, or null for a keyword search over the whole event.</param>
/// <param name="Written">The key as the rule wrote it, e.g. <c>eventName|startswith</c>.</param>
/// <param name="WrittenValues">The values as the rule wrote them, in YAML notation (strings quoted), for readers.</param>
/// <param name="Paths">
/// The event paths the field resolves to (several mean any of them): the field name itself until a pipeline maps
/// it; empty only for keywords.
/// </param>
internal sealed record PredicateModel(
    string? Field,
    string Written,
    EquatableArray<string> WrittenValues,
    EquatableArray<TestModel> Tests,
    bool MatchAll,
    bool Negate,
    EquatableArray<string> Paths);

/// <summary>What one test checks of a field's values.</summary>
internal enum TestKind
{
    /// <summary>The whole text equals <see cref="TestModel.Value"/>.</summary>
    Equal,
    StartsWith,
    EndsWith,
    Contains,
    /// <summary>Any text at all (the Sigma value <c>*</c>).</summary>
    AnyText,
    /// <summary>A wildcard pattern in the strict form (see the runtime's <c>TextPatterns.Glob</c>).</summary>
    Glob,
    /// <summary>A .NET regular expression with <see cref="TestModel.RegexFlags"/>.</summary>
    Regex,
    /// <summary>The field is missing or null.</summary>
    Null,
    /// <summary>The field exists (Value "true") or not (Value "false").</summary>
    Exists,
    /// <summary>A numeric comparison by <see cref="TestModel.Comparison"/>.</summary>
    Compare,
    /// <summary>An IP address in a CIDR range.</summary>
    Cidr,
    /// <summary>A <see cref="TestModel.TimePart"/> of an ISO-8601 timestamp, compared by <see cref="TestModel.Comparison"/>.</summary>
    TimePart,
    /// <summary>Equal to (or, by <see cref="TestModel.Position"/>, starting, ending with or containing) a value of another field (Value names it).</summary>
    FieldRef,
}

/// <summary>One test of a predicate: its kind, its value (text, number or field name), and the members its kind uses.</summary>
internal sealed record TestModel(TestKind Kind, string Value, bool Cased)
{
    /// <summary>For <see cref="TestKind.Regex"/>: its flags.</summary>
    public RegexFlags RegexFlags { get; init; }

    /// <summary>
    /// For <see cref="TestKind.Regex"/>: strings one of which every match contains, ignoring case (see
    /// <c>RegexLiterals</c>); empty when none are known.
    /// </summary>
    public EquatableArray<string> RegexLiterals { get; init; }

    /// <summary>For <see cref="TestKind.Regex"/>: a run of characters every match holds (see <c>RegexLiterals.RunOf</c>), or null.</summary>
    public RegexRun? RegexRun { get; init; }

    /// <summary>For <see cref="TestKind.Compare"/> and <see cref="TestKind.TimePart"/>: how the value compares.</summary>
    public NumericComparison Comparison { get; init; }

    /// <summary>For <see cref="TestKind.TimePart"/>: which part of the timestamp.</summary>
    public TimestampPart TimePart { get; init; }

    /// <summary>For <see cref="TestKind.FieldRef"/>: where the referenced value must be found.</summary>
    public TextPosition Position { get; init; }

    /// <summary>
    /// For <see cref="TestKind.FieldRef"/>: the referenced field's paths (<see cref="Value"/> itself until a pipeline
    /// maps it); empty for other kinds.
    /// </summary>
    public EquatableArray<string> ReferencePaths { get; init; }
}
