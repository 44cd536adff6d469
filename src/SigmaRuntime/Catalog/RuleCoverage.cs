using System;
using System.Collections.Generic;

namespace SigmaCompile.Catalog;

/// <summary>A rule's tags read as coverage. Every tag lands in exactly one list.</summary>
/// <param name="Tactics">ATT&amp;CK tactics (<c>attack.privilege-escalation</c>), in the order tagged.</param>
/// <param name="Techniques">ATT&amp;CK techniques and sub-techniques (<c>attack.t1059.001</c>), in the order tagged.</param>
/// <param name="Groups">ATT&amp;CK group IDs (<c>attack.g0016</c> → <c>G0016</c>).</param>
/// <param name="Software">ATT&amp;CK software IDs (<c>attack.s0002</c> → <c>S0002</c>).</param>
/// <param name="Cves">CVE IDs (<c>cve.2021-44228</c> → <c>CVE-2021-44228</c>).</param>
/// <param name="OtherTags">Every other tag, its namespace kept (<c>detection.emerging-threats</c>, <c>car.2016-04-005</c>, ...).</param>
public sealed record RuleCoverage(
    IReadOnlyList<AttackTactic> Tactics,
    IReadOnlyList<AttackTechnique> Techniques,
    IReadOnlyList<string> Groups,
    IReadOnlyList<string> Software,
    IReadOnlyList<string> Cves,
    IReadOnlyList<RuleTag> OtherTags)
{
    /// <summary>ATT&amp;CK tactics, in the order tagged.</summary>
    public IReadOnlyList<AttackTactic> Tactics { get; init; } = ReadOnlyLists.Wrap(Tactics, nameof(Tactics));

    /// <summary>ATT&amp;CK techniques and sub-techniques, in the order tagged.</summary>
    public IReadOnlyList<AttackTechnique> Techniques { get; init; } = ReadOnlyLists.Wrap(Techniques, nameof(Techniques));

    /// <summary>ATT&amp;CK group IDs.</summary>
    public IReadOnlyList<string> Groups { get; init; } = ReadOnlyLists.Wrap(Groups, nameof(Groups));

    /// <summary>ATT&amp;CK software IDs.</summary>
    public IReadOnlyList<string> Software { get; init; } = ReadOnlyLists.Wrap(Software, nameof(Software));

    /// <summary>CVE IDs.</summary>
    public IReadOnlyList<string> Cves { get; init; } = ReadOnlyLists.Wrap(Cves, nameof(Cves));

    /// <summary>Every other tag, its namespace kept.</summary>
    public IReadOnlyList<RuleTag> OtherTags { get; init; } = ReadOnlyLists.Wrap(OtherTags, nameof(OtherTags));

    /// <summary>No tags at all.</summary>
    public static RuleCoverage None { get; } = new(
        Array.Empty<AttackTactic>(), Array.Empty<AttackTechnique>(), Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>(), Array.Empty<RuleTag>());
}

/// <summary>An ATT&amp;CK tactic named by a rule's tag.</summary>
/// <param name="ShortName">The short name as tagged, lower-case, such as <c>privilege-escalation</c>.</param>
/// <param name="Name">The display name, such as <c>Privilege Escalation</c>.</param>
/// <param name="Id">The tactic ID (<c>TA0004</c>) for the enterprise tactics whose ID is known to SigmaCompile; otherwise empty.</param>
public sealed record AttackTactic(string ShortName, string Name, string Id)
{
    /// <summary>The display name.</summary>
    public override string ToString() => Name;
}

/// <summary>An ATT&amp;CK technique or sub-technique named by a rule's tag.</summary>
/// <param name="Id">The ID, upper-case, such as <c>T1059</c> or <c>T1059.001</c>.</param>
public sealed record AttackTechnique(string Id)
{
    /// <summary>The technique's ID without a sub-technique part (<c>T1059</c> for <c>T1059.001</c>).</summary>
    public string TechniqueId => Id.IndexOf('.', StringComparison.Ordinal) is int dot and >= 0 ? Id[..dot] : Id;

    /// <summary>The sub-technique part (<c>001</c> for <c>T1059.001</c>), or null for a technique.</summary>
    public string? SubTechniqueId => Id.IndexOf('.', StringComparison.Ordinal) is int dot and >= 0 ? Id[(dot + 1)..] : null;

    /// <summary>Whether this is a sub-technique.</summary>
    public bool IsSubTechnique => SubTechniqueId is not null;

    /// <summary>The ID.</summary>
    public override string ToString() => Id;
}
