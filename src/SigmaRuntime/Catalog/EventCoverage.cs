using System.Collections.Generic;

namespace SigmaCompile.Catalog;

/// <summary>What a row of a rule's event coverage says: a concrete event, every event of a provider, or less.</summary>
public enum EventCoverageKind
{
    /// <summary>One event: an event id of a Windows channel or provider, or an API call of a cloud service.</summary>
    Event = 0,

    /// <summary>Every event of the provider (<see cref="CoveredEvent.Event"/> is <c>catch_all</c>): the rule matches a prefix, a wildcard or no event name or id at all.</summary>
    CatchAll,

    /// <summary>
    /// The provider is the rule's logsource (<c>linux/process_creation</c>): no pipeline condition and no predicate of
    /// the rule names the channel, provider or event source. <see cref="CoveredEvent.Event"/> is an event id or name the
    /// rule requires, or <c>catch_all</c>.
    /// </summary>
    LogSource,

    /// <summary>The events cannot be determined: the rule names no logsource and no event field. Provider and event are empty.</summary>
    Undetermined,

    /// <summary>No event can match: the rule's event conditions contradict each other or a pipeline's (an event id the logsource never has). Event is empty.</summary>
    NoEvent,
}

/// <summary>
/// One row of a rule's event coverage: a concrete telemetry event the rule can match, so a log that must be collected
/// for the rule ever to fire. Computed at build time from the rule's logsource, the conditions pipelines add for it
/// and the rule's own event predicates (see the catalog documentation).
/// </summary>
/// <param name="Provider">
/// Where the event is logged: the Windows channel (<c>Security</c>, <c>Microsoft-Windows-Sysmon/Operational</c>) or, when
/// only the provider is named, the <c>Provider_Name</c>; <c>AWS-&lt;service&gt;</c> for CloudTrail (<c>AWS-lambda</c> from
/// <c>lambda.amazonaws.com</c>); the logsource (<c>linux/process_creation</c>) when nothing narrower is known.
/// </param>
/// <param name="Event">The event id (<c>4688</c>) or API call (<c>DeleteTrail</c>), <c>catch_all</c> for every event of the provider, or empty.</param>
/// <param name="Title">What the event is: a title from the built-in table of Sysmon and Security event ids, or made from provider and event.</param>
/// <param name="Kind">What the row says.</param>
public sealed record CoveredEvent(string Provider, string Event, string Title, EventCoverageKind Kind)
{
    /// <summary>The <see cref="Event"/> of a row that covers every event of its provider.</summary>
    public const string CatchAll = "catch_all";
}

/// <summary>
/// One line of the log collection checklist (<see cref="RuleCatalog.EventChecklist"/>): an event some compiled rules
/// need, with those rules.
/// </summary>
/// <param name="Provider">As in <see cref="CoveredEvent.Provider"/>.</param>
/// <param name="Event">As in <see cref="CoveredEvent.Event"/>.</param>
/// <param name="Title">As in <see cref="CoveredEvent.Title"/>.</param>
/// <param name="Kind">As in <see cref="CoveredEvent.Kind"/>.</param>
/// <param name="RuleIndexes">Positions in <see cref="RuleCatalog.Rules"/> of the rules whose coverage has this row.</param>
public sealed record EventChecklistEntry(string Provider, string Event, string Title, EventCoverageKind Kind, IReadOnlyList<int> RuleIndexes)
{
    /// <summary>Positions in <see cref="RuleCatalog.Rules"/> of the rules whose coverage has this row.</summary>
    public IReadOnlyList<int> RuleIndexes { get; init; } = ReadOnlyLists.Wrap(RuleIndexes, nameof(RuleIndexes));

    /// <summary>How many rules need the event.</summary>
    public int RuleCount => RuleIndexes.Count;
}
