using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SigmaCompile.Correlations;

/// <summary>A correlation that fired: the rule, the group it fired for, the aggregated value and the events of its window.</summary>
public sealed class CorrelationAlert
{
    internal CorrelationAlert(ICorrelationRule rule, IReadOnlyList<KeyValuePair<string, string>> group, double value,
        DateTimeOffset firstTime, DateTimeOffset lastTime, int eventCount, IReadOnlyList<EventReference> events, EventReference lastEvent)
    {
        Rule = rule;
        Group = group;
        Value = value;
        FirstTime = firstTime;
        LastTime = lastTime;
        EventCount = eventCount;
        Events = events;
        LastEvent = lastEvent;
    }

    /// <summary>The correlation rule that fired.</summary>
    public ICorrelationRule Rule { get; }

    /// <summary>The rule's type.</summary>
    public CorrelationType Type => Rule.Type;

    /// <summary>Each group-by name with the group's value as text, in group-by order; empty for a rule without group-by.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Group { get; }

    /// <summary>
    /// The aggregated value that met the condition: the event count, distinct value count, number of referenced rules
    /// (in order, for <c>temporal_ordered</c>), sum, mean, percentile or median.
    /// </summary>
    public double Value { get; }

    /// <summary>The event time of the window's first event.</summary>
    public DateTimeOffset FirstTime { get; }

    /// <summary>The event time of the window's last event.</summary>
    public DateTimeOffset LastTime { get; }

    /// <summary>How many events the window held (inner alerts of a chain count as one event each).</summary>
    public int EventCount { get; }

    /// <summary>
    /// The window's events in event-time order, at most <see cref="CorrelatorOptions.MaxEventReferencesPerAlert"/> of
    /// them (the first ones). An inner alert of a chain stands here as the event that completed it.
    /// </summary>
    public IReadOnlyList<EventReference> Events { get; }

    /// <summary>The window's last event (it stands for this alert in an outer correlation).</summary>
    internal EventReference LastEvent { get; }

    /// <summary>The value of the group-by name <paramref name="name"/>, or null when the rule does not group by it.</summary>
    public string? GroupValue(string name)
    {
        foreach (KeyValuePair<string, string> pair in Group)
        {
            if (pair.Key == name)
                return pair.Value;
        }
        return null;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Rule.Title} [{string.Join(", ", Group.Select(g => g.Key + "=" + g.Value))}] " +
        $"{Value.ToString("R", CultureInfo.InvariantCulture)} from {FirstTime:O} to {LastTime:O}, {EventCount} events";
}
