using System;
using System.Collections.Generic;
using SigmaCompile;
using SigmaCompile.Catalog;
using SigmaCompile.Correlations;
using SigmaCompile.RuleSets;

namespace SigmaScan;

/// <summary>
/// What SigmaScan uses of a compiled rules assembly, whether the rules were compiled into this program at build time
/// (<see cref="BuiltIn"/>) or compiled and loaded at run time (<c>--rules DIR</c>, see
/// <see cref="RuntimeRules.RuleAssemblyLoader"/>): the generated <c>SigmaRules.All</c>, <c>Set</c> and
/// <c>Correlations</c> and <c>Catalog</c>. The rest of SigmaScan sees only this.
/// </summary>
internal sealed class CompiledRules
{
    private readonly Lazy<RuleCatalog> _catalog;

    /// <param name="all">Every rule, ordered by id.</param>
    /// <param name="set">The fused rule set over <paramref name="all"/>.</param>
    /// <param name="correlations">The correlation rules over <paramref name="all"/> (none when the rules have no correlations).</param>
    /// <param name="catalog">Gets the rule catalog; called on first use only, since building it costs seconds for a large
    /// rule set and a scan never needs it.</param>
    public CompiledRules(IReadOnlyList<IDetectionRule> all, RuleSet set, IReadOnlyList<ICorrelationRule> correlations, Func<RuleCatalog> catalog)
    {
        All = all;
        Set = set;
        Correlations = correlations;
        _catalog = new Lazy<RuleCatalog>(catalog);
    }

    /// <summary>The rules compiled into SigmaScan at build time (the repository's rules/ unless built with another folder).</summary>
    public static CompiledRules BuiltIn { get; } = new(Rules.SigmaRules.All, Rules.SigmaRules.Set, Rules.SigmaRules.Correlations, static () => Rules.SigmaRules.Catalog);

    public IReadOnlyList<IDetectionRule> All { get; }

    public RuleSet Set { get; }

    public IReadOnlyList<ICorrelationRule> Correlations { get; }

    public RuleCatalog Catalog => _catalog.Value;
}
