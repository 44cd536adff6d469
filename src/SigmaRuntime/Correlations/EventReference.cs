using System.Globalization;

namespace SigmaCompile.Correlations;

/// <summary>
/// Where an event came from, as the host names it: a source (a file name, a stream or subject) and a record number
/// within it (a line, an array position, a stream sequence). Alerts carry these to point at their events.
/// </summary>
/// <param name="Source">The source's name; the empty string when there is none.</param>
/// <param name="Record">The record's number within the source.</param>
public readonly record struct EventReference(string Source, long Record)
{
    /// <summary>The reference as <c>source:record</c>.</summary>
    public override string ToString() => Source + ":" + Record.ToString(CultureInfo.InvariantCulture);
}
