namespace SigmaCompile.Generator.Model;

/// <summary>
/// A rule file's path (as the compiler has it, and relative to the rules folder for display and hint names),
/// its text, and whether that text was read as UTF-8.
/// </summary>
internal sealed record RuleSource(string FullPath, string RelativePath, string Text, bool IsUtf8);

/// <summary>
/// A rule after parsing: the model when the rule is usable, what is wrong with it, and where its id stands
/// (for the duplicate-id check across files, which needs a position the model deliberately lacks).
/// </summary>
internal sealed record ParseResult(RuleModel? Rule, EquatableArray<DiagnosticInfo> Diagnostics, string FullPath, SourceSpan IdSpan);

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
