using System;
using System.Collections.Generic;
using System.Linq;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Planning;

/// <summary>
/// A rule's event coverage: the concrete events it can match, as provider, event and title. It reads the rule
/// after pipelines, so the conditions a pipeline adds for the logsource (the windows-evtx channel and event ids)
/// count as much as the rule's own predicates; <see cref="EventConstraints"/> says how the condition combines them.
/// <list type="bullet">
/// <item>AWS (CloudTrail): the provider from <c>eventSource</c> (<c>lambda.amazonaws.com</c> → <c>AWS-lambda</c>), one
/// row per <c>eventName</c> the rule requires, or <c>catch_all</c> when it matches a prefix, a wildcard or no event name.</item>
/// <item>Windows: one row per channel (else <c>Provider_Name</c>) and <c>EventID</c>, titled from
/// <see cref="WindowsEventTitles"/>; <c>catch_all</c> when the event id is open.</item>
/// <item>Where nothing names the provider (no pipeline maps the logsource, and the rule names no channel or event
/// source), and for every other logsource, the logsource itself is the provider.</item>
/// </list>
/// A rule with no logsource and no such field says its events cannot be determined; a rule whose event
/// conditions contradict says that no event can match.
/// </summary>
internal static class EventCoverageBuilder
{
    private static readonly string[] Fields = { "Channel", "Provider_Name", "EventID", "eventSource", "eventName" };
    private const int Channel = 0, ProviderName = 1, EventId = 2, EventSource = 3, EventName = 4;

    private const string AwsSuffix = ".amazonaws.com";

    public static EquatableArray<EventCoverageModel> Build(RuleModel rule)
    {
        string logsource = string.Join("/", new[] { rule.Metadata.Product, rule.Metadata.Category, rule.Metadata.Service }.Where(p => !string.IsNullOrEmpty(p)));
        IReadOnlyList<IReadOnlyList<IReadOnlyList<string>?>> cells = EventConstraints.Of(rule, Fields);
        var rows = new List<EventCoverageModel>();
        if (cells.Count == 0)
        {
            rows.Add(new EventCoverageModel(logsource, "", "no event can match: the rule's channel, event id or event source conditions contradict each other or the pipeline's", EventCoverageKind.NoEvent));
            return rows.ToEquatableArray();
        }
        string? product = rule.Metadata.Product;
        foreach (IReadOnlyList<IReadOnlyList<string>?> cell in cells)
        {
            if (Is(product, "aws") || (product is null && cell[EventSource] is not null))
                Cloud(cell, logsource, rows);
            else if (Is(product, "windows") || (product is null && (cell[Channel] ?? cell[ProviderName]) is not null))
                Windows(cell, logsource, rows);
            else if (logsource.Length > 0)
                Add(rows, new EventCoverageModel(logsource, EventCoverageModel.CatchAll, CatchAllTitle(logsource), EventCoverageKind.LogSource));
            else
                Add(rows, new EventCoverageModel("", "", "cannot be determined: the rule names no logsource, channel, provider or event source", EventCoverageKind.Undetermined));
        }
        // A provider's catch_all (one branch of an or leaves the event open) already covers its single events.
        var catchAll = new HashSet<string>(rows.Where(r => r.Event == EventCoverageModel.CatchAll).Select(r => r.Provider), StringComparer.OrdinalIgnoreCase);
        rows.RemoveAll(r => r.Event.Length > 0 && r.Event != EventCoverageModel.CatchAll && catchAll.Contains(r.Provider));
        return rows.ToEquatableArray();
    }

    private static bool Is(string? product, string name) => string.Equals(product, name, StringComparison.OrdinalIgnoreCase);

    private static void Cloud(IReadOnlyList<IReadOnlyList<string>?> cell, string logsource, List<EventCoverageModel> rows)
    {
        IEnumerable<(string Provider, bool Known)> providers = cell[EventSource] is { } sources
            ? sources.Select(s => ("AWS-" + Service(s), true))
            : new[] { (logsource, false) };
        foreach ((string provider, bool known) in providers)
        {
            EventCoverageKind kind = known ? EventCoverageKind.Event : EventCoverageKind.LogSource;
            if (cell[EventName] is { } names)
            {
                foreach (string name in names)
                    Add(rows, new EventCoverageModel(provider, name, provider + " " + name, kind));
            }
            else
            {
                Add(rows, new EventCoverageModel(provider, EventCoverageModel.CatchAll, CatchAllTitle(provider), known ? EventCoverageKind.CatchAll : EventCoverageKind.LogSource));
            }
        }
    }

    /// <summary><c>lambda.amazonaws.com</c> → <c>lambda</c>; an event source of another form is kept whole.</summary>
    private static string Service(string eventSource) =>
        eventSource.Length > AwsSuffix.Length && eventSource.EndsWith(AwsSuffix, StringComparison.OrdinalIgnoreCase)
            ? eventSource.Substring(0, eventSource.Length - AwsSuffix.Length)
            : eventSource;

    private static void Windows(IReadOnlyList<IReadOnlyList<string>?> cell, string logsource, List<EventCoverageModel> rows)
    {
        // The channel is what a collector subscribes to; the provider name stands in when the rule names only that.
        IReadOnlyList<string>? named = cell[Channel] ?? cell[ProviderName];
        IEnumerable<(string Provider, bool Known)> providers = named is not null ? named.Select(p => (p, true)) : new[] { (logsource, false) };
        foreach ((string provider, bool known) in providers)
        {
            if (cell[EventId] is { } ids)
            {
                foreach (string id in ids)
                {
                    Add(rows, known
                        ? new EventCoverageModel(provider, id, WindowsEventTitles.Title(provider, id), EventCoverageKind.Event)
                        : new EventCoverageModel(provider, id, provider + " event " + id, EventCoverageKind.LogSource));
                }
            }
            else
            {
                Add(rows, new EventCoverageModel(provider, EventCoverageModel.CatchAll, CatchAllTitle(provider), known ? EventCoverageKind.CatchAll : EventCoverageKind.LogSource));
            }
        }
    }

    private static string CatchAllTitle(string provider) => provider + " (catch-all)";

    private static void Add(List<EventCoverageModel> rows, EventCoverageModel row)
    {
        if (!rows.Any(r => r.Kind == row.Kind
                && string.Equals(r.Provider, row.Provider, StringComparison.OrdinalIgnoreCase)
                && string.Equals(r.Event, row.Event, StringComparison.OrdinalIgnoreCase)))
            rows.Add(row);
    }
}
