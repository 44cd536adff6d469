using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using SigmaCompile.Correlations;
using SigmaCompile.Streaming.Detection;
using SigmaCompile.Streaming.Transport;

namespace SigmaCompile.Streaming.Correlation;

/// <summary>What became of one correlation input.</summary>
public enum InputOutcome
{
    /// <summary>It fed its correlation unit.</summary>
    Used,

    /// <summary>It could not be used: unknown unit or rules (the rules differ from the detection workers'), or bad headers.</summary>
    Skipped,
}

/// <summary>
/// The correlation state of one partition: a <see cref="Correlator"/> per correlation unit, fed in partition order,
/// with the position it has reached. Alert message ids are derived from that position, so replaying the messages
/// after a checkpoint, from that checkpoint's state, publishes the same ids again and the alerts stream stores each
/// alert once. Not thread-safe: one per partition loop.
/// </summary>
public sealed class PartitionProcessor
{
    private readonly int _partition;
    private readonly StreamingOptions _options;
    private readonly Dictionary<Guid, Correlator> _correlators = new();
    private readonly Dictionary<Guid, IDetectionRule> _rules;
    private readonly CorrelatorOutput _output = new();
    private readonly List<IDetectionRule> _matches = new();
    private DateTimeOffset? _watermark;

    /// <summary>Creates the state of partition <paramref name="partition"/> for every unit of <paramref name="routing"/>.</summary>
    /// <param name="partition">The partition number.</param>
    /// <param name="routing">The correlation units.</param>
    /// <param name="detections">The detection rules (those the units refer to must be among them).</param>
    /// <param name="options">The options (partition subjects, alert subject, state caps).</param>
    public PartitionProcessor(int partition, CorrelationRouting routing, IReadOnlyList<IDetectionRule> detections, StreamingOptions options)
    {
        _partition = partition;
        _options = options;
        _rules = detections.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.First());
        var correlatorOptions = new CorrelatorOptions { MaxLiveGroups = options.MaxLiveGroups, MaxStoredEvents = options.MaxStoredEvents };
        foreach (CorrelationUnit unit in routing.Units)
        {
            IDetectionRule[] referenced = unit.DetectionRuleIds.Where(_rules.ContainsKey).Select(id => _rules[id]).ToArray();
            _correlators[unit.Id] = Correlator.FromRules(referenced, unit.Correlations, correlatorOptions);
        }
    }

    /// <summary>The last position processed (0 before the first).</summary>
    public ulong Position { get; private set; }

    /// <summary>Correlation groups evicted by the state caps, over the units.</summary>
    public long EvictedGroups => _correlators.Values.Sum(c => c.EvictedGroups);

    /// <summary>
    /// Takes the state and position of <paramref name="checkpoint"/>. States of units that no longer exist are
    /// ignored; so are groups of correlations that changed (the correlator skips them).
    /// </summary>
    /// <returns>How many unit states and groups were not taken.</returns>
    /// <exception cref="InvalidDataException">A state is damaged or of a version this runtime does not read.</exception>
    public int Restore(PartitionCheckpoint checkpoint)
    {
        int skipped = 0;
        foreach (KeyValuePair<Guid, byte[]> state in checkpoint.States)
        {
            if (!_correlators.TryGetValue(state.Key, out Correlator? correlator))
            {
                skipped++;
                continue;
            }
            using var stream = new MemoryStream(state.Value, writable: false);
            skipped += correlator.ReadState(stream);
        }
        Position = checkpoint.Position;
        _watermark = _correlators.Values.Select(c => c.Watermark).Max();
        return skipped;
    }

    /// <summary>The state and position as they stand, to save.</summary>
    public PartitionCheckpoint Checkpoint()
    {
        var states = new Dictionary<Guid, byte[]>();
        foreach (KeyValuePair<Guid, Correlator> pair in _correlators.OrderBy(p => p.Key.ToString("D"), StringComparer.Ordinal))
        {
            using var stream = new MemoryStream();
            pair.Value.WriteState(stream);
            states[pair.Key] = stream.ToArray();
        }
        return new PartitionCheckpoint(Position, states);
    }

    /// <summary>Feeds <paramref name="message"/> to its unit and adds the alerts it decides to <paramref name="output"/>.</summary>
    public InputOutcome Process(IInboundMessage message, List<OutboundMessage> output)
    {
        Position = message.Position;
        if (!Guid.TryParse(message.Header(StreamHeaders.Correlation), out Guid unitId) || !_correlators.TryGetValue(unitId, out Correlator? correlator))
            return InputOutcome.Skipped;
        _matches.Clear();
        foreach (string id in (message.Header(StreamHeaders.Rules) ?? "").Split(','))
        {
            if (Guid.TryParse(id, out Guid ruleId) && _rules.TryGetValue(ruleId, out IDetectionRule? rule))
                _matches.Add(rule);
        }
        if (_matches.Count == 0)
            return InputOutcome.Skipped;

        EventOrigin origin = EventOrigin.Of(message, _options.CorrelationStream);
        int index = 0;
        try
        {
            using JsonDocument document = JsonDocument.Parse(message.Data);
            correlator.ProcessMatches(document.RootElement, null, _matches, new EventReference(origin.Source, origin.Record), _output);
        }
        catch (JsonException)
        {
            return InputOutcome.Skipped; // The detection worker parsed it; only a foreign publisher gets here.
        }
        AddAlerts(origin, output, ref index);

        // Event time moves on for the whole partition: the other units' windows that it closes are decided now,
        // at this position, so a replay decides them at the same point.
        if (correlator.Watermark is { } time && (_watermark is null || time > _watermark))
        {
            _watermark = time;
            foreach (Correlator other in _correlators.Values)
            {
                if (ReferenceEquals(other, correlator) || other.Watermark >= time)
                    continue;
                other.AdvanceTo(time, _output);
                AddAlerts(origin, output, ref index);
            }
        }
        return InputOutcome.Used;
    }

    private void AddAlerts(EventOrigin origin, List<OutboundMessage> output, ref int index)
    {
        foreach (CorrelationAlert alert in _output.Alerts)
        {
            string id = string.Create(CultureInfo.InvariantCulture, $"corr:{_partition}:{origin.Position}:{index++}");
            output.Add(new OutboundMessage(_options.AlertsSubject, AlertJson.Correlation(alert, origin, _partition), id, Array.Empty<KeyValuePair<string, string>>()));
        }
        _output.Clear();
    }
}
