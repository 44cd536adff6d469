namespace SigmaCompile.Generator.Model;

/// <summary>
/// A rule file's path (as the compiler has it, and relative to the rules folder for display and hint names),
/// its text, and whether that text was read as UTF-8.
/// </summary>
internal sealed record RuleSource(string FullPath, string RelativePath, string Text, bool IsUtf8);

/// <summary>
/// A rule file after parsing: the usable detection rules and correlations of its YAML documents (one file may hold
/// several, separated by <c>---</c>), what is wrong with it, and where each usable document's parts stand (for the
/// checks across files, which need positions the models deliberately lack).
/// </summary>
/// <param name="RuleLocations">Where each rule of <paramref name="Rules"/> stands, in the same order.</param>
/// <param name="CorrelationLocations">Where each correlation of <paramref name="Correlations"/> stands, in the same order.</param>
/// <param name="FilterLocations">Where each filter of <paramref name="Filters"/> stands, in the same order.</param>
internal sealed record ParseResult(
    EquatableArray<RuleModel> Rules,
    EquatableArray<CorrelationModel> Correlations,
    EquatableArray<DiagnosticInfo> Diagnostics,
    string FullPath,
    EquatableArray<DocumentLocations> RuleLocations,
    EquatableArray<DocumentLocations> CorrelationLocations,
    EquatableArray<FilterModel> Filters,
    EquatableArray<DocumentLocations> FilterLocations);

/// <summary>
/// Where a document's parts are written: its <c>id</c> and, for a correlation or a filter, each entry of its
/// <c>rules</c> list (in order) and its <c>rules</c> key.
/// </summary>
internal sealed record DocumentLocations(SourceSpan Id, SourceSpan RulesKey, EquatableArray<SourceSpan> References);

/// <summary>Generation settings read from MSBuild properties.</summary>
/// <param name="Pipelines">The <c>SigmaPipelines</c> property: built-in names and pipeline files, ';'-separated.</param>
internal sealed record GeneratorOptions(string Namespace, string RulesDirectory, string ProjectDirectory, string Pipelines);

/// <summary>A rule class to emit: the rule, its final class name, the namespace, and its tags read as ATT&amp;CK coverage.</summary>
internal sealed record RuleEmitModel(RuleModel Rule, string ClassName, string Namespace, CoverageModel Coverage);

/// <summary>The registry to emit: every rule's id and class name, ordered by id.</summary>
internal sealed record RegistryModel(string Namespace, EquatableArray<RegistryEntry> Rules)
{
    /// <summary>The generated registry class (<c>SigmaRules</c>): its files and members hang off this name.</summary>
    public const string ClassName = "SigmaRules";
}

/// <summary>One rule in the registry: its id, class name, and the file it came from.</summary>
internal sealed record RegistryEntry(string Id, string ClassName, string SourcePath);
