namespace SigmaCompile.Generator.Model;

/// <summary>
/// One Sigma filter (v2.1 <c>filter:</c> document) after lowering: the rules it names, its log source, and its
/// searches and condition, lowered like a detection's. Applied to each named rule whose log source it matches, as
/// <c>and not (condition)</c>. No positions, so a whitespace-only edit leaves it equal.
/// </summary>
/// <param name="Id">The id as written, or one derived from the title when the filter has none (see <paramref name="HasId"/>).</param>
/// <param name="Rules">The <c>filter.rules</c> entries as written (ids or names), in order.</param>
/// <param name="HasId">Whether the filter wrote its <c>id</c>; the catalog names only an id that was written.</param>
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
    ConditionNode Condition,
    bool HasId);

/// <summary>
/// A filter as applied to one rule, for the catalog: its title, its id (null when it wrote none), the file it came
/// from, and the prefix its searches took in the rule (<c>_filter1_</c>), so a reader can tell which stages are its.
/// </summary>
internal sealed record AppliedFilterModel(string Title, string? Id, string SourcePath, string SearchPrefix);
