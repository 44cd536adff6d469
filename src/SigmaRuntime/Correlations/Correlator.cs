using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
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
    private readonly RuleSet? _set;
    private readonly IDetectionRule[] _detections;
    private readonly Dictionary<IDetectionRule, DetectionFeeds> _feeds;
    private readonly CorrelationPlan[] _plans;
    private readonly WindowEngine _engine;
    private readonly EventTimeReader _time;
    private readonly FirstValueCapture _capture = new();
    // Scratch, reused for every event.
    private readonly List<IDetectionRule> _matches = new();
    private readonly List<CorrelationPlan> _touched = new();

    /// <summary>Creates a correlator that matches events with a compiled rule set (such as <c>SigmaRules.Set</c>).</summary>
    /// <param name="detections">The detection rules; every detection rule a correlation refers to must be in it.</param>
    /// <param name="correlations">The correlation rules (such as <c>SigmaRules.Correlations</c>).</param>
    /// <param name="options">Time fields and state limits; null for the defaults.</param>
    /// <exception cref="ArgumentException">A correlation is invalid, refers to a rule that is not given, or a chain of correlations is cyclic.</exception>
    public Correlator(RuleSet detections, IReadOnlyList<ICorrelationRule> correlations, CorrelatorOptions? options = null)
        : this(detections ?? throw new ArgumentNullException(nameof(detections)), detections.Rules, correlations, options)
    {
    }

    private Correlator(RuleSet? set, IReadOnlyList<IDetectionRule> detections, IReadOnlyList<ICorrelationRule> correlations, CorrelatorOptions? options)
    {
        Options = options ?? new CorrelatorOptions();
        (_plans, _feeds) = CorrelationPlanner.Plan(detections, correlations, Options);
        _set = set;
        _detections = detections.ToArray();
        _engine = new WindowEngine(_plans, Options);
        _time = new EventTimeReader(Options.TimeFields);
        Correlations = Array.AsReadOnly(_plans.Select(p => p.Rule).ToArray());
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
        new(null, detections ?? throw new ArgumentNullException(nameof(detections)), correlations, options);

    /// <summary>The correlation rules, inner ones of a chain before the outer ones that refer to them.</summary>
    public IReadOnlyList<ICorrelationRule> Correlations { get; }

    /// <summary>The options in use.</summary>
    public CorrelatorOptions Options { get; }

    /// <summary>The latest event time seen (the watermark windows are closed by), or null before the first.</summary>
    public DateTimeOffset? Watermark => _engine.HasWatermark ? new DateTimeOffset(_engine.Watermark, TimeSpan.Zero) : null;

    /// <summary>Events that matched a referenced rule but had no usable time, so took no part in correlations.</summary>
    public long EventsWithoutTime => _engine.EventsWithoutTime;

    /// <summary>Events older than the allowed lateness behind the watermark, skipped by the correlations they would have fed.</summary>
    public long LateEvents => _engine.LateEvents;

    /// <summary>Events skipped by a correlation because a group-by field had no value with text.</summary>
    public long EventsWithoutGroup => _engine.EventsWithoutGroup;

    /// <summary>Events skipped by a correlation because its field was missing (or, for sums, averages and percentiles, not a number).</summary>
    public long EventsWithoutValue => _engine.EventsWithoutValue;

    /// <summary>Groups dropped, with their windows, because <see cref="CorrelatorOptions.MaxLiveGroups"/> or <see cref="CorrelatorOptions.MaxStoredEvents"/> was reached.</summary>
    public long EvictedGroups => _engine.EvictedGroups;

    /// <summary>Events dropped from a group's window because that group alone held more than <see cref="CorrelatorOptions.MaxStoredEvents"/>.</summary>
    public long DroppedEvents => _engine.DroppedEvents;

    /// <summary>The groups whose windows are kept now, across all correlations.</summary>
    public int LiveGroups => _engine.LiveGroups;

    /// <summary>The events kept in windows now, across all groups.</summary>
    public int StoredEvents => _engine.StoredEvents;

    /// <summary>Entries in the queue of due times (live groups and dropped ones not yet come up), for the bounded-state test.</summary>
    internal int QueuedGroups => _engine.QueuedGroups;

    /// <summary>
    /// Processes one event whose time is read from <see cref="CorrelatorOptions.TimeFields"/>: matches it, feeds the
    /// correlations, and writes into <paramref name="output"/> (cleared first) the detections to report and the alerts.
    /// </summary>
    /// <param name="evt">The event; a value that is not a JSON object matches nothing.</param>
    /// <param name="reference">Where the event came from, carried by alerts.</param>
    /// <param name="output">Receives the detections and alerts of this call.</param>
    public void Process(JsonElement evt, EventReference reference, CorrelatorOutput output) => Run(evt, null, null, reference, output);

    /// <summary>Processes one event whose time the host gives (see <see cref="Process(JsonElement, EventReference, CorrelatorOutput)"/>).</summary>
    /// <param name="evt">The event; a value that is not a JSON object matches nothing.</param>
    /// <param name="time">The event's time.</param>
    /// <param name="reference">Where the event came from, carried by alerts.</param>
    /// <param name="output">Receives the detections and alerts of this call.</param>
    public void Process(JsonElement evt, DateTimeOffset time, EventReference reference, CorrelatorOutput output) =>
        Run(evt, time.UtcTicks, null, reference, output);

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
        Run(evt, time?.UtcTicks, matches ?? throw new ArgumentNullException(nameof(matches)), reference, output);

    /// <summary>
    /// Moves the watermark to <paramref name="time"/> without an event (for example on a quiet stream's clock), deciding
    /// the windows it closes. A time before the watermark changes nothing.
    /// </summary>
    /// <param name="time">The event time the stream has reached.</param>
    /// <param name="output">Receives the alerts of the windows that closed.</param>
    public void AdvanceTo(DateTimeOffset time, CorrelatorOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Clear();
        _engine.Advance(time.UtcTicks, output);
    }

    /// <summary>
    /// Ends the input: decides every open window whose condition waits for the window to close, writes their alerts
    /// into <paramref name="output"/> (cleared first) and drops all windows. The watermark and counters are kept.
    /// </summary>
    /// <param name="output">Receives the alerts.</param>
    public void Flush(CorrelatorOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Clear();
        _engine.Flush(output);
    }

    /// <summary>Reads an event's time from <see cref="CorrelatorOptions.TimeFields"/>, as <see cref="Process(JsonElement, EventReference, CorrelatorOutput)"/> does.</summary>
    /// <param name="evt">The event.</param>
    /// <param name="time">The time, in UTC.</param>
    /// <returns>Whether a field held a usable time.</returns>
    public bool TryReadEventTime(JsonElement evt, out DateTimeOffset time)
    {
        bool found = _time.TryRead(evt, out long ticks);
        time = found ? new DateTimeOffset(ticks, TimeSpan.Zero) : default;
        return found;
    }

    /// <summary>
    /// Writes the correlator's state (watermark, counters, every group's window) to <paramref name="stream"/> in a
    /// versioned binary format, so that a restarted process can go on where this one stopped.
    /// </summary>
    /// <param name="stream">A writable stream; it is left open.</param>
    public void WriteState(Stream stream) => CorrelatorCheckpoint.Write(stream, _engine, _plans);

    /// <summary>
    /// Replaces this correlator's state with one written by <see cref="WriteState"/>. The windows of correlations
    /// this correlator does not have, or has with another type, timespan, condition, group-by or sources, are skipped.
    /// </summary>
    /// <param name="stream">A readable stream positioned at the state; it is left open.</param>
    /// <returns>How many groups were skipped because their correlation is unknown here or has changed.</returns>
    /// <exception cref="InvalidDataException">The stream does not hold a correlator state of a version this runtime reads, or is cut short.</exception>
    public int ReadState(Stream stream) => CorrelatorCheckpoint.Read(stream, _engine, _plans);
    private void Run(JsonElement evt, long? givenTicks, IReadOnlyList<IDetectionRule>? matches, EventReference reference, CorrelatorOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Clear();
        IReadOnlyList<IDetectionRule> matched = matches ?? Match(evt);
        bool feeds = false;
        for (int i = 0; i < matched.Count; i++)
        {
            IDetectionRule rule = matched[i];
            if (!_feeds.TryGetValue(rule, out DetectionFeeds? feed))
            {
                output.DetectionList.Add(rule);
                continue;
            }
            if (feed.Reported)
                output.DetectionList.Add(rule);
            feeds = true;
        }
        // Every event with a time moves the watermark, so windows close on time even when no referenced rule matches.
        long ticks = givenTicks.GetValueOrDefault();
        bool timed = givenTicks.HasValue || _time.TryRead(evt, out ticks);
        if (timed)
            _engine.Advance(ticks, output);
        if (!feeds)
            return;
        if (!timed)
        {
            _engine.EventsWithoutTime++;
            return;
        }
        Feed(evt, ticks, matched, reference, output);
    }

    private List<IDetectionRule> Match(JsonElement evt)
    {
        _matches.Clear();
        if (_set is not null)
        {
            _set.Match(evt, _matches);
        }
        else
        {
            foreach (IDetectionRule rule in _detections)
            {
                if (rule.IsMatch(evt))
                    _matches.Add(rule);
            }
        }
        return _matches;
    }

    // Feeds the correlations the event's matches refer to, inner correlations first.
    private void Feed(JsonElement evt, long ticks, IReadOnlyList<IDetectionRule> matched, EventReference reference, CorrelatorOutput output)
    {
        _touched.Clear();
        for (int i = 0; i < matched.Count; i++)
        {
            if (!_feeds.TryGetValue(matched[i], out DetectionFeeds? feed))
                continue;
            foreach ((CorrelationPlan plan, int source) in feed.Feeds)
            {
                if (plan.PendingSources.Count == 0)
                    _touched.Add(plan);
                if (!plan.PendingSources.Contains(source))
                    plan.PendingSources.Add(source);
            }
        }
        _touched.Sort(static (a, b) => a.Index.CompareTo(b.Index));
        bool late = false;
        foreach (CorrelationPlan plan in _touched)
        {
            List<int> sources = plan.PendingSources;
            sources.Sort();
            if (_engine.IsLate(plan, ticks))
                late = true;
            else
                FeedPlan(plan, sources, evt, ticks, reference, output);
            sources.Clear();
        }
        if (late)
            _engine.LateEvents++;
    }

    private void FeedPlan(CorrelationPlan plan, List<int> sources, JsonElement evt, long ticks, EventReference reference, CorrelatorOutput output)
    {
        if (plan.Rule.Type is CorrelationType.Temporal or CorrelationType.TemporalOrdered)
        {
            // Each referenced rule the event matched counts, the later-listed first: entries of one time keep their
            // arrival order, so one event can never stand for two steps of temporal_ordered's order.
            for (int i = sources.Count - 1; i >= 0; i--)
                Count(FeedSource(plan, sources[i], evt, ticks, reference, output));
            return;
        }
        // The other types count an event once, through the first listed rule it matched that gives a group and value.
        Skip first = Skip.None;
        foreach (int source in sources)
        {
            Skip skip = FeedSource(plan, source, evt, ticks, reference, output);
            if (skip == Skip.None)
                return;
            if (first == Skip.None)
                first = skip;
        }
        Count(first);
    }

    private Skip FeedSource(CorrelationPlan plan, int index, JsonElement evt, long ticks, EventReference reference, CorrelatorOutput output)
    {
        CorrelationSource source = plan.Rule.Sources[index];
        if (!source.TryReadGroup(evt, _capture, out string[] values))
            return Skip.NoGroup;
        var entry = new WindowEntry { Ticks = ticks, Source = index, Reference = reference };
        if (plan.NeedsText || plan.NeedsNumber)
        {
            if (source.ValueField is null || !_capture.TryFind(source.ValueField, evt, out JsonElement value))
                return Skip.NoValue;
            if (plan.NeedsText)
                entry.Text = EventValues.Text(value);
            else if (!EventValues.TryNumber(value, out entry.Number))
                return Skip.NoValue;
        }
        _engine.Add(plan, values, entry, output);
        return Skip.None;
    }

    private void Count(Skip skip)
    {
        if (skip == Skip.NoGroup)
            _engine.EventsWithoutGroup++;
        else if (skip == Skip.NoValue)
            _engine.EventsWithoutValue++;
    }

    private enum Skip
    {
        None,
        NoGroup,
        NoValue,
    }
}
