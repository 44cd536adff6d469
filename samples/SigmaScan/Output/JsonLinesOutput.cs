using System;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Generic;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using SigmaCompile.Correlations;
using SigmaCompile.RuleSets;

namespace SigmaScan.Output;

/// <summary>
/// Writes detections as JSON Lines: one compact JSON object per detection, with <c>rule_id</c>, <c>title</c>,
/// <c>level</c>, <c>source</c> and <c>record</c>; and one per correlation alert, with <c>rule_id</c>, <c>title</c>,
/// <c>level</c>, <c>correlation</c> (the type), <c>group</c> (group-by name to value), <c>value</c>, <c>first_time</c>,
/// <c>last_time</c> and <c>records</c> (the first contributing events as <c>source</c> and <c>record</c>). An alert line has
/// no top-level <c>record</c>, which is how a reader tells the two apart.
/// </summary>
internal sealed class JsonLinesOutput : IDetectionOutput
{
    private static readonly JsonEncodedText RuleIdProperty = JsonEncodedText.Encode("rule_id");
    private static readonly JsonEncodedText TitleProperty = JsonEncodedText.Encode("title");
    private static readonly JsonEncodedText LevelProperty = JsonEncodedText.Encode("level");
    private static readonly JsonEncodedText SourceProperty = JsonEncodedText.Encode("source");
    private static readonly JsonEncodedText RecordProperty = JsonEncodedText.Encode("record");
    private static readonly JsonEncodedText CorrelationProperty = JsonEncodedText.Encode("correlation");
    private static readonly JsonEncodedText GroupProperty = JsonEncodedText.Encode("group");
    private static readonly JsonEncodedText ValueProperty = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText FirstTimeProperty = JsonEncodedText.Encode("first_time");
    private static readonly JsonEncodedText LastTimeProperty = JsonEncodedText.Encode("last_time");
    private static readonly JsonEncodedText RecordsProperty = JsonEncodedText.Encode("records");

    private static ReadOnlySpan<byte> RecordPart => ",\"record\":"u8;

    private readonly Stream _stream;
    private readonly ArrayBufferWriter<byte> _line = new(256);
    private readonly Utf8JsonWriter _json;
    // A detection line is its rule's part, its file's part and its record number. The two parts are written once
    // each by the JSON writer itself (so they are escaped exactly as before) and copied for every detection after:
    // escaping each title again cost about a tenth of a corpus scan's writing thread (docs/performance.md).
    private readonly Dictionary<RuleSummary, byte[]> _ruleParts = new(ReferenceEqualityComparer.Instance);
    private string? _source;
    private byte[] _sourcePart = [];

    /// <summary>Writes to <paramref name="output"/>, which is disposed with this writer.</summary>
    public JsonLinesOutput(Stream output)
    {
        // The standard output stream is not buffered by itself, and detections can come by the thousand.
        _stream = new BufferedStream(output, 64 * 1024);

        // The relaxed encoder leaves non-ASCII text and characters such as ' or + as they are; quotes, backslashes
        // and control characters are still escaped, so every line is valid JSON. (The default encoder would also
        // escape those for embedding in HTML, which does not apply to a JSON Lines stream.)
        // Each line is written into a buffer, then copied to the stream: a Utf8JsonWriter over the stream itself
        // flushes the stream whenever it is flushed, which was one write to the output per detection.
        _json = new Utf8JsonWriter(_line, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public bool NeedsEventFacts => false;

    /// <summary>Writes one detection line.</summary>
    public void Write(in Detection detection)
    {
        if (!_ruleParts.TryGetValue(detection.Rule, out byte[]? rulePart))
            _ruleParts.Add(detection.Rule, rulePart = RulePart(detection.Rule));
        if (!ReferenceEquals(detection.Source, _source))
        {
            _sourcePart = SourcePart(detection.Source);
            _source = detection.Source;
        }
        Span<byte> record = stackalloc byte[24];
        if (!Utf8Formatter.TryFormat(detection.Record, record, out int recordLength))
            throw new InvalidOperationException("a record number is at most 20 digits");
        _stream.Write(rulePart);
        _stream.Write(_sourcePart);
        _stream.Write(RecordPart);
        _stream.Write(record[..recordLength]);
        _stream.Write("}\n"u8);
    }

    // {"rule_id":"…","title":"…","level":"…"
    private byte[] RulePart(RuleSummary rule)
    {
        _json.WriteStartObject();
        _json.WriteString(RuleIdProperty, rule.Id); // Utf8JsonWriter formats a Guid as "D".
        _json.WriteString(TitleProperty, rule.Title);
        _json.WriteString(LevelProperty, LevelNames.Text(rule.Level));
        return TakeOpenObject();
    }

    // ,"source":"…"
    private byte[] SourcePart(string source)
    {
        _json.WriteStartObject();
        _json.WriteString(SourceProperty, source);
        byte[] part = TakeOpenObject();
        part[0] = (byte)','; // the object's opening brace becomes the comma after the rule's part
        return part;
    }

    // The object written so far, still open, as bytes; the writer starts afresh.
    private byte[] TakeOpenObject()
    {
        _json.Flush();
        byte[] part = _line.WrittenSpan.ToArray();
        _line.ResetWrittenCount();
        _json.Reset();
        return part;
    }

    /// <summary>Writes one correlation alert line.</summary>
    public void WriteAlert(CorrelationAlert alert)
    {
        ICorrelationRule rule = alert.Rule;
        _json.WriteStartObject();
        _json.WriteString(RuleIdProperty, rule.Id);
        _json.WriteString(TitleProperty, rule.Title);
        _json.WriteString(LevelProperty, LevelNames.Text(rule.Level));
        _json.WriteString(CorrelationProperty, alert.Type.SigmaName());
        _json.WriteStartObject(GroupProperty);
        foreach ((string name, string value) in alert.Group)
            _json.WriteString(name, value);
        _json.WriteEndObject();
        if (AlertText.IsWhole(alert.Value))
            _json.WriteNumber(ValueProperty, (long)alert.Value);
        else
            _json.WriteNumber(ValueProperty, alert.Value);
        _json.WriteString(FirstTimeProperty, AlertText.Time(alert.FirstTime));
        _json.WriteString(LastTimeProperty, AlertText.Time(alert.LastTime));
        _json.WriteStartArray(RecordsProperty);
        foreach (EventReference reference in alert.Events)
        {
            _json.WriteStartObject();
            _json.WriteString(SourceProperty, reference.Source);
            _json.WriteNumber(RecordProperty, reference.Record);
            _json.WriteEndObject();
        }
        _json.WriteEndArray();
        _json.WriteEndObject();
        EndLine();
    }

    private void EndLine()
    {
        _json.Flush();
        _stream.Write(_line.WrittenSpan);
        _stream.WriteByte((byte)'\n');
        _line.ResetWrittenCount();

        // Every line is a JSON document of its own; without a reset the writer refuses a second top-level value.
        _json.Reset();
    }

    public void Flush() => _stream.Flush();

    /// <inheritdoc />
    public void Dispose()
    {
        _json.Dispose();
        _stream.Dispose();
    }
}
