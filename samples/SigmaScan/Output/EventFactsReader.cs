using System;
using System.Collections.Generic;
using System.Text.Json;

namespace SigmaScan.Output;

/// <summary>
/// Reads the time and a few key fields of an event for the table and CSV outputs, for the shapes SigmaScan is used
/// on. It never throws: a field that is missing, or not text or a number, is left out.
/// <list type="bullet">
/// <item>CloudTrail (an <c>eventSource</c> and an <c>eventName</c>): <c>eventTime</c>; eventName, eventSource, sourceIPAddress, userIdentity.arn.</item>
/// <item>Windows in the evtx_dump shape (<c>Event.System</c>): <c>TimeCreated</c>; EventID and Computer from System, then the
/// process, file, registry, network and account fields of <c>EventData</c>.</item>
/// <item>Flat Windows events (an <c>EventID</c> at the top): the same fields at the top level, <c>UtcTime</c>.</item>
/// <item>Anything else: <c>@timestamp</c>, <c>timestamp</c> or <c>time</c>, and the first three text fields.</item>
/// </list>
/// </summary>
internal static class EventFactsReader
{
    private const int MaxValueLength = 120;

    private static readonly string[] CloudTrailFields = { "eventName", "eventSource", "sourceIPAddress", "userIdentity.arn" };

    private static readonly string[] WindowsFields =
    {
        "User", "SubjectUserName", "TargetUserName", "Image", "CommandLine", "ParentImage", "TargetFilename", "TargetObject",
        "Details", "DestinationIp", "DestinationPort", "QueryName", "ServiceName", "ScriptBlockText",
    };

    private static readonly string[] GenericTimeFields = { "@timestamp", "timestamp", "time", "Timestamp" };

    public static EventFacts Read(JsonElement evt)
    {
        var fields = new List<KeyValuePair<string, string>>();
        if (evt.ValueKind != JsonValueKind.Object)
            return new EventFacts("", fields);

        if (evt.TryGetProperty("eventSource", out _) && evt.TryGetProperty("eventName", out _))
        {
            AddAll(fields, evt, CloudTrailFields);
            return new EventFacts(Text(evt, "eventTime"), fields);
        }

        if (Path(evt, "Event.System") is { ValueKind: JsonValueKind.Object } system)
        {
            Add(fields, "EventID", system, "EventID");
            Add(fields, "Computer", system, "Computer");
            if (Path(evt, "Event.EventData") is { ValueKind: JsonValueKind.Object } data)
                AddAll(fields, data, WindowsFields);
            return new EventFacts(Text(system, "TimeCreated.#attributes.SystemTime"), fields);
        }

        if (evt.TryGetProperty("EventID", out _))
        {
            AddAll(fields, evt, new[] { "EventID", "Computer" });
            AddAll(fields, evt, WindowsFields);
            return new EventFacts(Text(evt, "UtcTime"), fields);
        }

        string time = "";
        foreach (string name in GenericTimeFields)
        {
            time = Text(evt, name);
            if (time.Length > 0)
                break;
        }
        foreach (JsonProperty property in evt.EnumerateObject())
        {
            if (fields.Count == 3)
                break;
            if (property.Value.ValueKind == JsonValueKind.String && !Array.Exists(GenericTimeFields, n => n == property.Name))
                fields.Add(new(property.Name, Shorten(property.Value.GetString() ?? "")));
        }
        return new EventFacts(time, fields);
    }

    private static void AddAll(List<KeyValuePair<string, string>> fields, JsonElement obj, string[] paths)
    {
        foreach (string path in paths)
            Add(fields, path, obj, path);
    }

    private static void Add(List<KeyValuePair<string, string>> fields, string name, JsonElement obj, string path)
    {
        string value = Text(obj, path);
        if (value.Length > 0)
            fields.Add(new(name, value));
    }

    // A dotted path through nested objects; "#attributes" is an ordinary key of the evtx_dump shape.
    private static JsonElement? Path(JsonElement obj, string path)
    {
        JsonElement current = obj;
        foreach (string step in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(step, out current))
                return null;
        }
        return current;
    }

    private static string Text(JsonElement obj, string path) => Path(obj, path) is { } value ? Shorten(Scalar(value)) : "";

    private static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => "",
    };

    // Table cells stay on one line and readable: control characters become spaces, long values are cut.
    private static string Shorten(string value)
    {
        var text = value.Length > MaxValueLength ? value[..(MaxValueLength - 1)] + "…" : value;
        return text.AsSpan().IndexOfAnyInRange('\0', '\u001f') < 0 ? text : string.Create(text.Length, text, static (span, source) =>
        {
            for (int i = 0; i < span.Length; i++)
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
        });
    }
}
