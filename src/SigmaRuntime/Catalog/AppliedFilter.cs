using System;

namespace SigmaCompile.Catalog;

/// <summary>
/// A Sigma filter (a v2.1 <c>filter:</c> document) applied to a rule at build time: the rule's condition became
/// <c>(condition) and not (filter condition)</c>, and the filter's searches are among the rule's
/// <see cref="IDescribedRule.Stages"/>, their names starting with <see cref="SearchPrefix"/>.
/// </summary>
/// <param name="Title">The filter's title.</param>
/// <param name="Id">The filter's id, or null when the filter does not give one.</param>
/// <param name="SourcePath">The file the filter came from, relative to the project (for example <c>rules/filters/admins.yml</c>).</param>
/// <param name="SearchPrefix">What the filter's search identifiers were renamed with in the rule: <c>_filter1_</c> for the first filter applied, and so on.</param>
public sealed record AppliedFilter(string Title, Guid? Id, string SourcePath, string SearchPrefix);
