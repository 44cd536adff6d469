using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace SigmaCompile.Streaming.Input;

/// <summary>
/// Reads the records of event files in SigmaScan's formats and numbering: <c>.jsonl</c> (one event per line, blank
/// lines skipped but counted), <c>.json</c> (an object, an array, or CloudTrail's <c>{"Records":[...]}</c>), either
/// gzip-compressed (<c>.gz</c>). Kept minimal on purpose: SigmaScan's own reader is being reworked into a shared
/// piece, which this should use once it exists.
/// </summary>
/// <remarks>
/// A <c>.jsonl</c> line is passed on as it is, valid JSON or not: the detection worker decides, and dead-letters what
/// it cannot match, so the publisher and the scanner number the same records.
/// </remarks>
public static class EventFileReader
{
    /// <summary>Whether <paramref name="path"/> names a supported file type.</summary>
    public static bool IsSupported(string path) => TryGetFormat(path, out _, out _);

    /// <summary>The records of <paramref name="path"/>, named <paramref name="source"/>; a problem ends the file.</summary>
    public static IEnumerable<EventRecord> Read(string path, string source)
    {
        if (!TryGetFormat(path, out bool lines, out bool compressed))
        {
            yield return new EventRecord(source, 0, default, "unsupported file type (expected .jsonl, .json, .jsonl.gz or .json.gz)");
            yield break;
        }
        if (!TryOpen(path, compressed, out Stream? stream, out string? problem))
        {
            yield return new EventRecord(source, 0, default, problem);
            yield break;
        }

        using (stream)
        {
            IEnumerator<EventRecord> records = (lines ? ReadLines(stream, source) : ReadDocument(stream, source)).GetEnumerator();
            while (true)
            {
                EventRecord record;
                try
                {
                    if (!records.MoveNext())
                        break;
                    record = records.Current;
                }
                catch (Exception e) when (e is IOException or InvalidDataException or JsonException)
                {
                    record = new EventRecord(source, 0, default, "cannot read: " + e.Message);
                }
                yield return record;
                if (record.Problem is not null)
                    yield break;
            }
        }
    }

    // Outside the iterator, which cannot yield from a try block with a catch clause.
    private static bool TryOpen(string path, bool compressed, [NotNullWhen(true)] out Stream? stream, [NotNullWhen(false)] out string? problem)
    {
        try
        {
            stream = File.OpenRead(path);
            if (compressed)
                stream = new GZipStream(stream, CompressionMode.Decompress);
            problem = null;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stream = null;
            problem = "cannot read: " + e.Message;
            return false;
        }
    }

    private static IEnumerable<EventRecord> ReadLines(Stream stream, string source)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 64 * 1024, leaveOpen: true);
        long number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
                yield return new EventRecord(source, number, Encoding.UTF8.GetBytes(line), null);
        }
    }

    private static IEnumerable<EventRecord> ReadDocument(Stream stream, string source)
    {
        using JsonDocument document = JsonDocument.Parse(stream);
        JsonElement root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Records", out JsonElement records) && records.ValueKind == JsonValueKind.Array)
            root = records;
        if (root.ValueKind != JsonValueKind.Array)
        {
            yield return new EventRecord(source, 1, Encoding.UTF8.GetBytes(root.GetRawText()), null);
            yield break;
        }
        long number = 0;
        foreach (JsonElement element in root.EnumerateArray())
            yield return new EventRecord(source, ++number, Encoding.UTF8.GetBytes(element.GetRawText()), null);
    }

    private static bool TryGetFormat(string path, out bool lines, out bool compressed)
    {
        ReadOnlySpan<char> name = path;
        compressed = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        if (compressed)
            name = name[..^3];
        lines = name.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);
        return lines || name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
    }
}
