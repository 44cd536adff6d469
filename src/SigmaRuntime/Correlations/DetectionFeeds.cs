using System.Collections.Generic;

namespace SigmaCompile.Correlations;

/// <summary>What a detection rule that correlations refer to does when it matches.</summary>
internal sealed class DetectionFeeds
{
    /// <summary>Whether its matches are reported too: some correlation referring to it has <c>generate: true</c>.</summary>
    public bool Reported { get; set; }

    /// <summary>The correlations it feeds, with the source index it arrives through.</summary>
    public List<(CorrelationPlan Plan, int Source)> Feeds { get; } = new();
}
