namespace SigmaCompile.Generator.Model;

/// <summary>
/// What a row of a rule's event coverage says (the runtime's <c>SigmaCompile.Catalog.EventCoverageKind</c>; kept
/// here beside the model that uses it, and checked against the runtime by RuntimeEnumMirrorTests).
/// </summary>
internal enum EventCoverageKind
{
    Event,
    CatchAll,
    LogSource,
    Undetermined,
    NoEvent,
}

/// <summary>One event a rule can match: where it is logged, its id or name (or <c>catch_all</c>), and its title.</summary>
internal sealed record EventCoverageModel(string Provider, string Event, string Title, EventCoverageKind Kind)
{
    public const string CatchAll = "catch_all";
}

/// <summary>A line of the log collection checklist: an event and the rules that need it (positions in the index's class list).</summary>
internal sealed record EventChecklistModel(string Provider, string Event, string Title, EventCoverageKind Kind, EquatableArray<int> Rules);
