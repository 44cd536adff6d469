using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace SigmaScan;

/// <summary>What an <see cref="InputRecord"/> holds.</summary>
internal enum RecordKind
{
    /// <summary>A parsed event.</summary>
    Event,

    /// <summary>A record that is not valid JSON, or compressed data that cannot be decompressed.</summary>
    Malformed,

    /// <summary>The file could not be opened or read.</summary>
    Unreadable,
}

/// <summary>One item read from an input file.</summary>
/// <param name="Kind">Whether this is an event or a problem.</param>
/// <param name="Number">
/// The 1-based record number: the line of a <c>.jsonl</c> file, the element of a <c>.json</c> array (or of
/// CloudTrail's <c>Records</c>), 1 for a single object; 0 when a problem concerns the whole file.
/// </param>
/// <param name="Event">The event, for <see cref="RecordKind.Event"/>.</param>
/// <param name="Problem">What went wrong, for the other kinds.</param>
internal readonly record struct InputRecord(RecordKind Kind, long Number, JsonElement Event, string Problem)
{
    public static InputRecord ForEvent(long number, JsonElement evt) => new(RecordKind.Event, number, evt, "");

    public static InputRecord Malformed(long number, string problem) => new(RecordKind.Malformed, number, default, problem);

    public static InputRecord Unreadable(long number, string problem) => new(RecordKind.Unreadable, number, default, problem);
}

/// <summary>Enumerates the records of an input file.</summary>
internal static class RecordReader
{
    private const int BufferSize = 64 * 1024;

    /// <summary>
    /// The records of <paramref name="file"/>, in order. I/O and data errors are not thrown but come back as
    /// <see cref="RecordKind.Malformed"/> or <see cref="RecordKind.Unreadable"/> records; reading goes on after
    /// an invalid <c>.jsonl</c> line and stops after any other problem.
    /// </summary>
    /// <remarks>
    /// An event's <see cref="JsonElement"/> is valid only until the next record is requested: the enumerator
    /// disposes the <see cref="JsonDocument"/> behind it when it moves on.
    /// </remarks>
    public static IEnumerable<InputRecord> Read(InputFile file)
    {
        if (!TryOpen(file, out Stream? stream, out string problem))
        {
            yield return InputRecord.Unreadable(0, problem);
            yield break;
        }

        using (stream)
        {
            IEnumerable<InputRecord> records = file.Format == InputFormat.JsonLines ? ReadLines(stream) : ReadDocument(stream);
            foreach (InputRecord record in records)
                yield return record;
        }
    }

    // The helpers below catch exceptions for the iterators, which cannot yield from inside a try block that has
    // a catch clause.

    private static bool TryOpen(InputFile file, [NotNullWhen(true)] out Stream? stream, out string problem)
    {
        try
        {
            // ReadWrite sharing so that a log file another process is still appending to can be scanned.
            Stream fileStream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, BufferSize, FileOptions.SequentialScan);
            stream = file.Compressed ? new GZipStream(fileStream, CompressionMode.Decompress) : fileStream;
            problem = "";
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stream = null;
            problem = "cannot read: " + e.Message;
            return false;
        }
    }

    private static IEnumerable<InputRecord> ReadLines(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, BufferSize, leaveOpen: true);
        for (long number = 1; ; number++)
        {
            if (!TryReadLine(reader, number, out string? line, out InputRecord failure))
            {
                yield return failure;
                yield break;
            }

            if (line is null)
                yield break;
            if (string.IsNullOrWhiteSpace(line))
                continue;

            if (!TryParse(line, out JsonDocument? document, out string problem))
            {
                // A broken last line is what a file cut short looks like (an interrupted copy, a truncated .gz,
                // which GZipStream does not detect by itself).
                if (IsAtEnd(reader))
                    problem += " (last line of the file: it may be truncated)";
                yield return InputRecord.Malformed(number, problem);
                continue;
            }

            using (document)
                yield return InputRecord.ForEvent(number, document.RootElement);
        }
    }

    private static bool TryReadLine(StreamReader reader, long number, out string? line, out InputRecord failure)
    {
        try
        {
            line = reader.ReadLine();
            failure = default;
            return true;
        }
        catch (InvalidDataException e)
        {
            // Corrupt or cut-short gzip data: the record being read is damaged, and nothing after it can be
            // recovered from a deflate stream.
            line = null;
            failure = InputRecord.Malformed(number, "corrupt compressed data, rest of the file skipped: " + e.Message);
            return false;
        }
        catch (IOException e)
        {
            line = null;
            failure = InputRecord.Unreadable(number, "read failed, rest of the file skipped: " + e.Message);
            return false;
        }
    }

    private static bool IsAtEnd(StreamReader reader)
    {
        try
        {
            return reader.EndOfStream;
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            return false; // The next ReadLine meets the same error and reports it.
        }
    }

    private static bool TryParse(string line, [NotNullWhen(true)] out JsonDocument? document, out string problem)
    {
        try
        {
            document = JsonDocument.Parse(line);
            problem = "";
            return true;
        }
        catch (JsonException e)
        {
            document = null;
            problem = Describe(e, withLine: false);
            return false;
        }
    }

    private static IEnumerable<InputRecord> ReadDocument(Stream stream)
    {
        if (!TryParseDocument(stream, out JsonDocument? document, out InputRecord failure))
        {
            yield return failure;
            yield break;
        }

        using (document)
        {
            JsonElement root = document.RootElement;

            // CloudTrail delivers its log files as {"Records":[...]}; the events are the elements of that array.
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("Records", out JsonElement records)
                && records.ValueKind == JsonValueKind.Array)
            {
                root = records;
            }

            if (root.ValueKind != JsonValueKind.Array)
            {
                yield return InputRecord.ForEvent(1, root);
                yield break;
            }

            long number = 0;
            foreach (JsonElement element in root.EnumerateArray())
                yield return InputRecord.ForEvent(++number, element);
        }
    }

    private static bool TryParseDocument(Stream stream, [NotNullWhen(true)] out JsonDocument? document, out InputRecord failure)
    {
        document = null;
        try
        {
            // The whole document is parsed at once: records cannot be told apart before it is known to be valid.
            document = JsonDocument.Parse(stream);
            failure = default;
            return true;
        }
        catch (JsonException e)
        {
            failure = InputRecord.Malformed(0, Describe(e, withLine: true));
        }
        catch (InvalidDataException e)
        {
            failure = InputRecord.Malformed(0, "corrupt compressed data: " + e.Message);
        }
        catch (IOException e)
        {
            failure = InputRecord.Unreadable(0, "read failed: " + e.Message);
        }

        return false;
    }

    /// <summary>Describes a parse error with a 1-based position.</summary>
    private static string Describe(JsonException e, bool withLine)
    {
        // The reader's message ends with its own 0-based " LineNumber: n | BytePositionInLine: m." suffix, which
        // is replaced by the 1-based position below.
        string message = e.Message;
        int suffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (suffix >= 0)
            message = message[..suffix];

        if (e.LineNumber is not long line || e.BytePositionInLine is not long column)
            return "invalid JSON: " + message;
        return withLine
            ? string.Create(CultureInfo.InvariantCulture, $"invalid JSON at line {line + 1}, byte {column + 1}: {message}")
            : string.Create(CultureInfo.InvariantCulture, $"invalid JSON at byte {column + 1}: {message}");
    }
}
