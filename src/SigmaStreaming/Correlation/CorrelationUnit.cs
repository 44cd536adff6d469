using System;
using System.Collections.Generic;
using SigmaCompile.Correlations;

namespace SigmaCompile.Streaming.Correlation;

/// <summary>
/// Correlations that must run in one correlator: a correlation alone, or a chain (correlations referring to each
/// other, with every correlation they reach). A lone correlation is partitioned by its group; a chain runs whole in
/// one partition, since an outer correlation needs the inner one's alerts of every inner group.
/// </summary>
/// <param name="Id">The lowest id among its correlations: it names the unit in messages and checkpoints.</param>
/// <param name="Correlations">Its correlations, ordered by id.</param>
/// <param name="DetectionRuleIds">The detection rules its correlations refer to.</param>
public sealed record CorrelationUnit(Guid Id, IReadOnlyList<ICorrelationRule> Correlations, IReadOnlySet<Guid> DetectionRuleIds)
{
    /// <summary>Whether the unit is a chain of several correlations.</summary>
    public bool IsChain => Correlations.Count > 1;
}
