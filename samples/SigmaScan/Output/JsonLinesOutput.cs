using System;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using SigmaCompile;

namespace SigmaScan.Output;

/// <summary>
/// Writes detections as JSON Lines: one compact JSON object per detection, with <c>rule_id</c>, <c>title</c>,
/// <c>level</c>, <c>source</c> and <c>record</c>.
/// </summary>
internal sealed class JsonLinesOutput : IDetectionOutput
{
    private static readonly JsonEncodedText RuleIdProperty = JsonEncodedText.Encode("rule_id");
    private static readonly JsonEncodedText TitleProperty = JsonEncodedText.Encode("title");
    private static readonly JsonEncodedText LevelProperty = JsonEncodedText.Encode("level");
    private static readonly JsonEncodedText SourceProperty = JsonEncodedText.Encode("source");
    private static readonly JsonEncodedText RecordProperty = JsonEncodedText.Encode("record");

    private readonly Stream _stream;
    private readonly Utf8JsonWriter _json;

    /// <summary>Writes to <paramref name="output"/>, which is disposed with this writer.</summary>
    public JsonLinesOutput(Stream output)
    {
        // The standard output stream is not buffered by itself, and detections can come by the thousand.
        _stream = new BufferedStream(output, 64 * 1024);

        // The relaxed encoder leaves non-ASCII text and characters such as ' or + as they are; quotes, backslashes
        // and control characters are still escaped, so every line is valid JSON. (The default encoder would also
        // escape those for embedding in HTML, which does not apply to a JSON Lines stream.)
        _json = new Utf8JsonWriter(_stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public bool NeedsEventFacts => false;

    /// <summary>Writes one detection line.</summary>
    public void Write(in Detection detection)
    {
        IDetectionRule rule = detection.Rule;
        _json.WriteStartObject();
        _json.WriteString(RuleIdProperty, rule.Id); // Utf8JsonWriter formats a Guid as "D".
        _json.WriteString(TitleProperty, rule.Title);
        _json.WriteString(LevelProperty, LevelNames.Text(rule.Level));
        _json.WriteString(SourceProperty, detection.Source);
        _json.WriteNumber(RecordProperty, detection.Record);
        _json.WriteEndObject();
        _json.Flush();
        _stream.WriteByte((byte)'\n');

        // Every line is a JSON document of its own; without a reset the writer refuses a second top-level value.
        _json.Reset();
    }

    public void Flush()
    {
        _json.Flush();
        _stream.Flush();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _json.Dispose();
        _stream.Dispose();
    }
}
