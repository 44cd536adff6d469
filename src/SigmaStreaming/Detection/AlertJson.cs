using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Encodings.Web;
using System.Text.Json;
using SigmaCompile.Correlations;

namespace SigmaCompile.Streaming.Detection;

/// <summary>
/// Writes alerts as one compact JSON object each, with the keys of SigmaScan's lines (<c>rule_id</c>, <c>title</c>,
/// <c>level</c>, <c>source</c>, <c>record</c>) plus where the alert was decided, and for correlation alerts the
/// correlation's type, group, value, window and events.
/// </summary>
public static class AlertJson
{
    // Relaxed: non-ASCII text stays readable; quotes, backslashes and control characters are still escaped.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A detection of <paramref name="rule"/> in the event at <paramref name="origin"/>.</summary>
    public static byte[] Detection(IDetectionRule rule, EventOrigin origin)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            WriteCommon(json, rule.Id, rule.Title, rule.Level, origin.Source, origin.Record);
            json.WriteNumber("stream_seq", origin.Position);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// A correlation alert, decided while processing the correlation input at <paramref name="origin"/> (whose
    /// <see cref="EventOrigin.Position"/> is its position in partition <paramref name="partition"/>).
    /// </summary>
    public static byte[] Correlation(CorrelationAlert alert, EventOrigin origin, int partition)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            WriteCommon(json, alert.Rule.Id, alert.Rule.Title, alert.Rule.Level, origin.Source, origin.Record);
            json.WriteString("correlation_type", alert.Type.SigmaName());
            json.WriteStartObject("group");
            foreach (KeyValuePair<string, string> pair in alert.Group)
                json.WriteString(pair.Key, pair.Value);
            json.WriteEndObject();
            json.WriteNumber("value", alert.Value);
            json.WriteString("first_time", alert.FirstTime.ToUniversalTime());
            json.WriteString("last_time", alert.LastTime.ToUniversalTime());
            json.WriteNumber("event_count", alert.EventCount);
            json.WriteStartArray("events");
            foreach (EventReference reference in alert.Events)
            {
                json.WriteStartObject();
                json.WriteString("source", reference.Source);
                json.WriteNumber("record", reference.Record);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteNumber("partition", partition);
            json.WriteNumber("partition_seq", origin.Position);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteCommon(Utf8JsonWriter json, Guid id, string title, RuleLevel level, string source, long record)
    {
        json.WriteString("rule_id", id); // "D" format, as SigmaScan writes it
        json.WriteString("title", title);
        json.WriteString("level", level.ToString().ToLowerInvariant());
        json.WriteString("source", source);
        json.WriteNumber("record", record);
    }
}
