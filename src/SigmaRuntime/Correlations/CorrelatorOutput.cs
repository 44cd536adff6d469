using System.Collections.Generic;

namespace SigmaCompile.Correlations;

/// <summary>
/// What one call of a <see cref="Correlator"/> produced: the detections to report and the correlation alerts. Keep
/// one and pass it to every call: each call clears it first, and its lists are reused, so reading them by index
/// allocates nothing.
/// </summary>
public sealed class CorrelatorOutput
{
    internal List<IDetectionRule> DetectionList { get; } = new();

    internal List<CorrelationAlert> AlertList { get; } = new();

    /// <summary>
    /// The detection rules that matched the event and report on their own, in rule-set order: every match of a rule
    /// no correlation refers to, or that a correlation with <c>generate: true</c> refers to.
    /// </summary>
    public IReadOnlyList<IDetectionRule> Detections => DetectionList;

    /// <summary>
    /// The correlation alerts of the call: windows that closed as event time moved on, then those the event completed.
    /// An alert of a correlation that another correlation refers to is listed only when one of those has
    /// <c>generate: true</c>.
    /// </summary>
    public IReadOnlyList<CorrelationAlert> Alerts => AlertList;

    /// <summary>Empties both lists.</summary>
    public void Clear()
    {
        DetectionList.Clear();
        AlertList.Clear();
    }
}
