using System;
using System.Collections.Generic;

namespace SigmaCompile.Correlations;

/// <summary>How a <see cref="Correlator"/> reads event time and how much state it may keep.</summary>
public sealed class CorrelatorOptions
{
    /// <summary>
    /// The fields read for an event's time unless <see cref="TimeFields"/> says otherwise: <c>@timestamp</c>,
    /// <c>timestamp</c>, <c>eventTime</c> (CloudTrail), <c>TimeCreated</c>,
    /// <c>Event.System.TimeCreated.#attributes.SystemTime</c> (Windows events as evtx_dump writes them) and
    /// <c>UtcTime</c> (Sysmon).
    /// </summary>
    public static IReadOnlyList<string> DefaultTimeFields { get; } = Array.AsReadOnly(new[]
    {
        "@timestamp",
        "timestamp",
        "eventTime",
        "TimeCreated",
        "Event.System.TimeCreated.#attributes.SystemTime",
        "UtcTime",
    });

    /// <summary>
    /// The fields an event's time is read from, in order: the first that holds a usable time gives it. A usable time
    /// is ISO 8601 / RFC 3339 text (with or without a fraction and an offset; none means UTC), <c>yyyy-MM-dd HH:mm:ss</c>
    /// with an optional fraction (UTC), or an epoch number (seconds below 100,000,000,000, milliseconds from there),
    /// as a JSON number or as text.
    /// </summary>
    public IReadOnlyList<string> TimeFields { get; init; } = DefaultTimeFields;

    /// <summary>
    /// The most groups (across all correlations) whose windows are kept. Past it, the groups least recently fed are
    /// dropped (counted in <see cref="Correlator.EvictedGroups"/>). Default 100,000.
    /// </summary>
    public int MaxLiveGroups { get; init; } = 100_000;

    /// <summary>
    /// The most events (with their references and values) kept in windows, across all groups. Past it, the groups
    /// least recently fed are dropped, and when one group alone holds more, its oldest events are
    /// (<see cref="Correlator.DroppedEvents"/>). Default 1,000,000 (about 50 bytes each, plus value texts).
    /// </summary>
    public int MaxStoredEvents { get; init; } = 1_000_000;

    /// <summary>The most event references an alert carries (the window's first events). Default 10.</summary>
    public int MaxEventReferencesPerAlert { get; init; } = 10;

    /// <summary>
    /// How far behind the latest event time seen an event may be and still count (in its own window); an older one
    /// is counted in <see cref="Correlator.LateEvents"/> and skipped. Null (the default) means each correlation's own
    /// timespan.
    /// </summary>
    public TimeSpan? AllowedLateness { get; init; }
}
