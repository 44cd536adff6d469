namespace SigmaCompile.Generator.Model;

/// <summary>
/// One Sigma filter (v2.1 <c>filter:</c> document) after lowering: the rules it names, its log source, and its
/// searches and condition, lowered like a detection's. Applied to each named rule whose log source it matches, as
/// <c>and not (condition)</c>. No positions, so a whitespace-only edit leaves it equal.
/// </summary>
/// <param name="Rules">The <c>filter.rules</c> entries as written (ids or names), in order.</param>
internal sealed record FilterModel(
    string SourcePath,
    string Id,
    string Title,
    EquatableArray<string> Rules,
    string? Product,
    string? Category,
    string? Service,
    EquatableArray<SearchModel> Searches,
    string ConditionText,
    ConditionNode Condition);
