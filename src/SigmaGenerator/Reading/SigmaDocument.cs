using System.Collections.Generic;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Reading;

/// <summary>
/// One YAML document of a rule file as written, before lowering: what kind of Sigma document it is and its parts,
/// with source spans for diagnostics. Detection rules, correlation rules and filters are read. Lives only inside one file's cached step (it holds YAML nodes), never in the pipeline.
/// </summary>
/// <param name="IdSpan">Where its <c>id</c> is written (its key), or the document's span when it has none.</param>
internal abstract record SigmaDocument(SourceSpan Span, SourceSpan IdSpan);

/// <summary>A detection rule: its metadata, its search identifiers as written, and its condition.</summary>
/// <param name="ConditionText">The condition as written (several conditions joined with <c> | </c>).</param>
/// <param name="Condition">The condition parsed over the search identifiers (<c>x of</c> already expanded).</param>
internal sealed record RuleDocument(
    SourceSpan Span,
    SourceSpan IdSpan,
    RuleMetadata Metadata,
    IReadOnlyList<SearchDefinition> Searches,
    string ConditionText,
    ConditionNode Condition) : SigmaDocument(Span, IdSpan);

/// <summary>
/// A correlation rule, checked as far as its own document allows (references are resolved across files later), with
/// where its <c>rules</c> key and each reference are written.
/// </summary>
internal sealed record CorrelationDocument(
    SourceSpan Span,
    SourceSpan IdSpan,
    CorrelationModel Correlation,
    SourceSpan RulesKey,
    IReadOnlyList<SourceSpan> References) : SigmaDocument(Span, IdSpan);

/// <summary>
/// A search identifier as written: a list of maps, any of which may hold (a plain map is a list of one); a keyword
/// list is one map holding one keyword item.
/// </summary>
internal sealed record SearchDefinition(string Name, IReadOnlyList<ItemMap> Alternatives);

/// <summary>One map of a search identifier: its items, every one of which must hold.</summary>
internal sealed record ItemMap(IReadOnlyList<DetectionItem> Items);

/// <summary>
/// One detection item as written: <c>field|modifier|...: value or values</c>, or keywords. The value node is
/// kept as written; lowering checks its shape, since what a value may be depends on the modifiers.
/// </summary>
/// <param name="Key">The key as written (empty for a keyword list).</param>
/// <param name="KeySpan">Where the key is (for a keyword list, the search identifier).</param>
/// <param name="Field">The field name, or empty for keywords.</param>
/// <param name="Modifiers">The modifier names in the order written, unchecked.</param>
/// <param name="IsKeyword">Whether the values are keywords searched in every string of the event.</param>
internal sealed record DetectionItem(string Key, SourceSpan KeySpan, string Field, IReadOnlyList<string> Modifiers, YamlNode Value, bool IsKeyword);

/// <summary>
/// A filter: its metadata and log source, the rules it names (with where each is written), and its searches and
/// condition as written, read like a detection's.
/// </summary>
/// <param name="HasId">Whether it wrote an <c>id</c> (else the metadata's id is derived from the title).</param>
internal sealed record FilterDocument(
    SourceSpan Span,
    SourceSpan IdSpan,
    RuleMetadata Metadata,
    IReadOnlyList<string> Rules,
    IReadOnlyList<SourceSpan> References,
    SourceSpan RulesKey,
    IReadOnlyList<SearchDefinition> Searches,
    string ConditionText,
    ConditionNode Condition,
    bool HasId) : SigmaDocument(Span, IdSpan);
