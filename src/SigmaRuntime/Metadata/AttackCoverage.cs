using System;
using System.Collections.Generic;

namespace SigmaCompile;

/// <summary>The MITRE ATT&amp;CK tactics and techniques a rule's <c>attack.*</c> tags name.</summary>
/// <param name="Tactics">Tactic short names as tagged, such as <c>privilege-escalation</c>.</param>
/// <param name="Techniques">Technique and sub-technique IDs, upper-cased, such as <c>T1059.001</c>.</param>
public sealed record AttackCoverage(IReadOnlyList<string> Tactics, IReadOnlyList<string> Techniques)
{
    /// <summary>No tactic and no technique.</summary>
    public static AttackCoverage None { get; } = new(Array.Empty<string>(), Array.Empty<string>());
}
