using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using SigmaCompile.RuleSets;
using SigmaCompile.Streaming.Correlation;
using SigmaCompile.Streaming.Transport;

namespace SigmaCompile.Streaming.Detection;

/// <summary>What became of one event message.</summary>
public enum DetectionOutcome
{
    /// <summary>It was an event and was matched.</summary>
    Matched,

    /// <summary>It was not an event the rules can run on; it goes to the dead-letter subject with the reason.</summary>
    DeadLettered,
}

/// <summary>
/// Turns one event message into the messages to publish before it is acknowledged: its alerts (one per matching rule
/// that reports on its own), its correlation inputs (one per correlation unit and group it feeds), or a dead letter.
/// Every message id is derived from the event's stream position, so a redelivered event republishes the same ids and
/// the streams store each message once. Not thread-safe: one per worker loop.
/// </summary>
public sealed class DetectionProcessor
{
    private readonly RuleSet _rules;
    private readonly CorrelationRouting _routing;
    private readonly StreamingOptions _options;
    private readonly List<IDetectionRule> _matches = new();
    private readonly List<CorrelationInput> _inputs = new();

    /// <summary>Creates a processor.</summary>
    public DetectionProcessor(RuleSet rules, CorrelationRouting routing, StreamingOptions options)
    {
        _rules = rules;
        _routing = routing;
        _options = options;
    }

    /// <summary>Adds to <paramref name="output"/> what <paramref name="message"/> produces.</summary>
    public DetectionOutcome Process(IInboundMessage message, List<OutboundMessage> output)
    {
        EventOrigin origin = EventOrigin.Of(message, _options.EventsStream);
        ReadOnlyMemory<byte> data = message.Data;
        if (data.Length > _options.MaxEventBytes)
            return DeadLetter(message, origin, string.Create(CultureInfo.InvariantCulture, $"too large: {data.Length} bytes, more than MaxEventBytes ({_options.MaxEventBytes})"), output);

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(data);
        }
        catch (JsonException e)
        {
            return DeadLetter(message, origin, "not JSON: " + ParseProblem(e), output);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return DeadLetter(message, origin, $"not a JSON object but {Describe(root.ValueKind)}", output);

            _matches.Clear();
            _rules.Match(root, _matches);
            string position = message.Position.ToString(CultureInfo.InvariantCulture);
            foreach (IDetectionRule rule in _matches)
            {
                if (_routing.Reports(rule))
                    output.Add(new OutboundMessage(_options.AlertsSubject, AlertJson.Detection(rule, origin), position + ":" + rule.Id.ToString("D"), Array.Empty<KeyValuePair<string, string>>()));
            }

            _inputs.Clear();
            _routing.Route(root, _matches, _inputs);
            foreach (CorrelationInput input in _inputs)
            {
                output.Add(new OutboundMessage(
                    _options.PartitionSubject(input.Partition),
                    data,
                    position + ":" + input.RuleIds[0].ToString("D") + ":" + input.Unit.Id.ToString("D"),
                    new[]
                    {
                        KeyValuePair.Create(StreamHeaders.Source, origin.Source),
                        KeyValuePair.Create(StreamHeaders.Record, origin.Record.ToString(CultureInfo.InvariantCulture)),
                        KeyValuePair.Create(StreamHeaders.EventPosition, position),
                        KeyValuePair.Create(StreamHeaders.Correlation, input.Unit.Id.ToString("D")),
                        KeyValuePair.Create(StreamHeaders.Rules, string.Join(',', input.RuleIds.Select(id => id.ToString("D")))),
                    }));
            }
        }
        return DetectionOutcome.Matched;
    }

    private DetectionOutcome DeadLetter(IInboundMessage message, EventOrigin origin, string reason, List<OutboundMessage> output)
    {
        string position = message.Position.ToString(CultureInfo.InvariantCulture);
        output.Add(new OutboundMessage(_options.DeadLetterSubject, message.Data, position + ":dead-letter", new[]
        {
            KeyValuePair.Create(StreamHeaders.Reason, reason),
            KeyValuePair.Create(StreamHeaders.Source, origin.Source),
            KeyValuePair.Create(StreamHeaders.Record, origin.Record.ToString(CultureInfo.InvariantCulture)),
            KeyValuePair.Create(StreamHeaders.EventPosition, position),
        }));
        return DetectionOutcome.DeadLettered;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };

    private static string ParseProblem(JsonException e)
    {
        // The reader's message ends with its own 0-based position; a 1-based byte position replaces it.
        string message = e.Message;
        int suffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (suffix >= 0)
            message = message[..suffix];
        // Header values are one line of text.
        message = message.Replace('\r', ' ').Replace('\n', ' ');
        return e.BytePositionInLine is long column
            ? string.Create(CultureInfo.InvariantCulture, $"{message} (line {e.LineNumber + 1}, byte {column + 1})")
            : message;
    }
}
