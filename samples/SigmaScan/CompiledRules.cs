using System.Collections.Generic;
using SigmaCompile;
using SigmaCompile.Catalog;
using SigmaCompile.RuleSets;

namespace SigmaScan;

/// <summary>
/// The three things SigmaScan uses of a compiled rules assembly, whether the rules were compiled into this program at
/// build time (<see cref="BuiltIn"/>) or compiled and loaded at run time (<c>--rules DIR</c>, see
/// <see cref="RuntimeRules.RuleAssemblyLoader"/>). The rest of SigmaScan sees only this.
/// </summary>
/// <param name="All">Every rule, ordered by id (the generated <c>SigmaRules.All</c>).</param>
/// <param name="Set">The fused rule set over <paramref name="All"/> (<c>SigmaRules.Set</c>).</param>
/// <param name="Catalog">The rule catalog (<c>SigmaRules.Catalog</c>).</param>
internal sealed record CompiledRules(IReadOnlyList<IDetectionRule> All, RuleSet Set, RuleCatalog Catalog)
{
    /// <summary>The rules compiled into SigmaScan at build time (the repository's rules/ unless built with another folder).</summary>
    public static CompiledRules BuiltIn { get; } = new(Rules.SigmaRules.All, Rules.SigmaRules.Set, Rules.SigmaRules.Catalog);
}
