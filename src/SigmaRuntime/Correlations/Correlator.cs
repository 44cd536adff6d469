using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using SigmaCompile.RuleSets;

namespace SigmaCompile.Correlations;

/// <summary>
/// Runs correlation rules over a stream of events: it matches each event against the detection rules, feeds the
/// matches of referenced rules into sliding windows over event time, one per correlation and group, and reports the
/// detections and the correlation alerts each event produced. State is bounded (see <see cref="CorrelatorOptions"/>)
/// and can be checkpointed with <see cref="WriteState"/> and <see cref="ReadState"/>.
/// </summary>
/// <remarks>
/// <para>Not thread-safe: use one <see cref="Correlator"/> per thread, or per partition of a stream keyed so that
/// every event of a group reaches the same partition. The rule set it matches with may be shared.</para>
/// <para>An event that matches no rule referenced by a correlation allocates nothing; one that feeds a correlation
/// allocates its group key and window entry.</para>
/// </remarks>
public sealed class Correlator
{
    /// <summary>Creates a correlator that matches events with a compiled rule set (such as <c>SigmaRules.Set</c>).</summary>
    /// <param name="detections">The detection rules; every detection rule a correlation refers to must be in it.</param>
    /// <param name="correlations">The correlation rules (such as <c>SigmaRules.Correlations</c>).</param>
    /// <param name="options">Time fields and state limits; null for the defaults.</param>
    /// <exception cref="ArgumentException">A correlation is invalid, refers to a rule that is not given, or a chain of correlations is cyclic.</exception>
    public Correlator(RuleSet detections, IReadOnlyList<ICorrelationRule> correlations, CorrelatorOptions? options = null)
    {
        throw new NotImplementedException("the engine follows in the next commits");
    }

    /// <summary>
    /// Creates a correlator that matches events by calling each detection rule's <see cref="IDetectionRule.IsMatch"/>
    /// in turn (no prefilter: for a few rules, or rules written by hand).
    /// </summary>
    /// <param name="detections">The detection rules; every detection rule a correlation refers to must be among them.</param>
    /// <param name="correlations">The correlation rules.</param>
    /// <param name="options">Time fields and state limits; null for the defaults.</param>
    /// <exception cref="ArgumentException">A correlation is invalid, refers to a rule that is not given, or a chain of correlations is cyclic.</exception>
    public static Correlator FromRules(IReadOnlyList<IDetectionRule> detections, IReadOnlyList<ICorrelationRule> correlations, CorrelatorOptions? options = null) =>
        throw new NotImplementedException("the engine follows in the next commits");

    /// <summary>The correlation rules, inner ones of a chain before the outer ones that refer to them.</summary>
    public IReadOnlyList<ICorrelationRule> Correlations => throw new NotImplementedException();

    /// <summary>The options in use.</summary>
    public CorrelatorOptions Options => throw new NotImplementedException();

    /// <summary>The latest event time seen (the watermark windows are closed by), or null before the first.</summary>
    public DateTimeOffset? Watermark => throw new NotImplementedException();

    /// <summary>Events that matched a referenced rule but had no usable time, so took no part in correlations.</summary>
    public long EventsWithoutTime => throw new NotImplementedException();

    /// <summary>Events older than the allowed lateness behind the watermark, skipped by the correlations they would have fed.</summary>
    public long LateEvents => throw new NotImplementedException();

    /// <summary>Events skipped by a correlation because a group-by field had no value with text.</summary>
    public long EventsWithoutGroup => throw new NotImplementedException();

    /// <summary>Events skipped by a correlation because its field was missing (or, for sums, averages and percentiles, not a number).</summary>
    public long EventsWithoutValue => throw new NotImplementedException();

    /// <summary>Groups dropped, with their windows, because <see cref="CorrelatorOptions.MaxLiveGroups"/> or <see cref="CorrelatorOptions.MaxStoredEvents"/> was reached.</summary>
    public long EvictedGroups => throw new NotImplementedException();

    /// <summary>Events dropped from a group's window because that group alone held more than <see cref="CorrelatorOptions.MaxStoredEvents"/>.</summary>
    public long DroppedEvents => throw new NotImplementedException();

    /// <summary>The groups whose windows are kept now, across all correlations.</summary>
    public int LiveGroups => throw new NotImplementedException();

    /// <summary>The events kept in windows now, across all groups.</summary>
    public int StoredEvents => throw new NotImplementedException();

    /// <summary>
    /// Processes one event whose time is read from <see cref="CorrelatorOptions.TimeFields"/>: matches it, feeds the
    /// correlations, and writes into <paramref name="output"/> (cleared first) the detections to report and the alerts.
    /// </summary>
    /// <param name="evt">The event; a value that is not a JSON object matches nothing.</param>
    /// <param name="reference">Where the event came from, carried by alerts.</param>
    /// <param name="output">Receives the detections and alerts of this call.</param>
    public void Process(JsonElement evt, EventReference reference, CorrelatorOutput output) => throw new NotImplementedException();

    /// <summary>Processes one event whose time the host gives (see <see cref="Process(JsonElement, EventReference, CorrelatorOutput)"/>).</summary>
    /// <param name="evt">The event; a value that is not a JSON object matches nothing.</param>
    /// <param name="time">The event's time.</param>
    /// <param name="reference">Where the event came from, carried by alerts.</param>
    /// <param name="output">Receives the detections and alerts of this call.</param>
    public void Process(JsonElement evt, DateTimeOffset time, EventReference reference, CorrelatorOutput output) => throw new NotImplementedException();

    /// <summary>
    /// Processes one event that the host has already matched (for example a detection worker's output): the
    /// detection rules in <paramref name="matches"/> are taken as the event's matches, in rule-set order.
    /// </summary>
    /// <param name="evt">The event, read for group-by and value fields (and its time when <paramref name="time"/> is null).</param>
    /// <param name="time">The event's time, or null to read it from <see cref="CorrelatorOptions.TimeFields"/>.</param>
    /// <param name="matches">The detection rules the event matched.</param>
    /// <param name="reference">Where the event came from, carried by alerts.</param>
    /// <param name="output">Receives the detections and alerts of this call.</param>
    public void ProcessMatches(JsonElement evt, DateTimeOffset? time, IReadOnlyList<IDetectionRule> matches, EventReference reference, CorrelatorOutput output) =>
        throw new NotImplementedException();

    /// <summary>
    /// Moves the watermark to <paramref name="time"/> without an event (for example on a quiet stream's clock), deciding
    /// the windows it closes. A time before the watermark changes nothing.
    /// </summary>
    /// <param name="time">The event time the stream has reached.</param>
    /// <param name="output">Receives the alerts of the windows that closed.</param>
    public void AdvanceTo(DateTimeOffset time, CorrelatorOutput output) => throw new NotImplementedException();

    /// <summary>
    /// Ends the input: decides every open window whose condition waits for the window to close, writes their alerts
    /// into <paramref name="output"/> (cleared first) and drops all windows. The watermark and counters are kept.
    /// </summary>
    /// <param name="output">Receives the alerts.</param>
    public void Flush(CorrelatorOutput output) => throw new NotImplementedException();

    /// <summary>Reads an event's time from <see cref="CorrelatorOptions.TimeFields"/>, as <see cref="Process(JsonElement, EventReference, CorrelatorOutput)"/> does.</summary>
    /// <param name="evt">The event.</param>
    /// <param name="time">The time, in UTC.</param>
    /// <returns>Whether a field held a usable time.</returns>
    public bool TryReadEventTime(JsonElement evt, out DateTimeOffset time) => throw new NotImplementedException();

    /// <summary>
    /// Writes the correlator's state (watermark, counters, every group's window) to <paramref name="stream"/> in a
    /// versioned binary format, so that a restarted process can go on where this one stopped.
    /// </summary>
    /// <param name="stream">A writable stream; it is left open.</param>
    public void WriteState(Stream stream) => throw new NotImplementedException();

    /// <summary>
    /// Replaces this correlator's state with one written by <see cref="WriteState"/>. The windows of correlations
    /// this correlator does not have, or has with another type, timespan, condition, group-by or sources, are skipped.
    /// </summary>
    /// <param name="stream">A readable stream positioned at the state; it is left open.</param>
    /// <returns>How many groups were skipped because their correlation is unknown here or has changed.</returns>
    /// <exception cref="InvalidDataException">The stream does not hold a correlator state of a version this runtime reads, or is cut short.</exception>
    public int ReadState(Stream stream) => throw new NotImplementedException();
}
