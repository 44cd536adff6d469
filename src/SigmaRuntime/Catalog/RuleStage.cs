using System.Collections.Generic;

namespace SigmaCompile.Catalog;

/// <summary>What a stage of a rule's detection is, and how the condition uses it.</summary>
public enum RuleStageKind
{
    /// <summary>The rule's <c>condition</c>.</summary>
    Condition = 0,

    /// <summary>A search identifier the condition uses positively (somewhere not under <c>not</c>).</summary>
    Selection,

    /// <summary>A search identifier the condition uses only under <c>not</c>: it excludes events.</summary>
    Filter,

    /// <summary>A search identifier the condition never names (it does not affect matching).</summary>
    Unreferenced,

    /// <summary>A search added by a field-mapping pipeline (<c>_pipeline_N</c>); it must hold as well as the condition.</summary>
    AddedByPipeline,
}

/// <summary>One stage of a rule's detection: the condition, or one search identifier with its predicates.</summary>
/// <param name="Index">The position of the stage: 0 for the condition, then 1, 2, ... in the order the rule wrote its searches.</param>
/// <param name="Kind">What the stage is.</param>
/// <param name="Name">The search identifier, or <c>condition</c> for stage 0.</param>
/// <param name="Text">
/// For the condition, the condition as written (several conditions joined with <c> | </c>); for a search, empty.
/// </param>
/// <param name="Expanded">
/// For the condition, the condition as compiled: <c>x of</c> patterns expanded, searches added by a pipeline
/// included; for a search, empty.
/// </param>
/// <param name="Predicates">For a search, its predicates in the order written; for the condition, none.</param>
public sealed record RuleStage(int Index, RuleStageKind Kind, string Name, string Text, string Expanded, IReadOnlyList<StagePredicate> Predicates)
{
    /// <summary>For a search, its predicates in the order written; for the condition, none.</summary>
    public IReadOnlyList<StagePredicate> Predicates { get; init; } = ReadOnlyLists.Wrap(Predicates, nameof(Predicates));

    /// <summary>
    /// Whether the search is a list of maps (any one map must hold). Its predicates then carry the map they
    /// belong to in <see cref="StagePredicate.Group"/>.
    /// </summary>
    public bool IsListOfMaps
    {
        get
        {
            foreach (StagePredicate predicate in Predicates)
            {
                if (predicate.Group > 0)
                    return true;
            }
            return false;
        }
    }
}

/// <summary>One predicate of a search, as the rule wrote it.</summary>
/// <param name="Group">
/// The map it belongs to when the search is a list of maps (0, 1, ...; the maps are alternatives, the predicates
/// of one map must all hold); 0 for a plain map or a keyword list.
/// </param>
/// <param name="Field">The field name as written, or null for keywords searched in the whole event.</param>
/// <param name="Written">The key as written, modifiers included, such as <c>eventName|startswith</c>; empty for a plain keyword list.</param>
/// <param name="Values">
/// The values as written, in YAML notation: a string is quoted only where YAML would otherwise read it as
/// something else (<c>'*'</c>, <c>'4688'</c>, <c>'true'</c>, <c>' -enc '</c>); numbers, booleans and <c>null</c> are bare.
/// </param>
/// <param name="MappedTo">The event paths a pipeline maps the field to, when they differ from the field; otherwise empty.</param>
public sealed record StagePredicate(int Group, string? Field, string Written, IReadOnlyList<string> Values, IReadOnlyList<string> MappedTo)
{
    /// <summary>The values as written, in YAML notation.</summary>
    public IReadOnlyList<string> Values { get; init; } = ReadOnlyLists.Wrap(Values, nameof(Values));

    /// <summary>The event paths a pipeline maps the field to, when they differ from the field; otherwise empty.</summary>
    public IReadOnlyList<string> MappedTo { get; init; } = ReadOnlyLists.Wrap(MappedTo, nameof(MappedTo));

    /// <summary>The predicate in YAML notation, such as <c>eventName|startswith: 'UpdateFunctionConfiguration'</c>.</summary>
    public override string ToString()
    {
        string values = Values.Count == 1 ? Values[0] : "[" + string.Join(", ", Values) + "]";
        return Written.Length == 0 ? values : Written + ": " + values;
    }
}
