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
    /// <summary>A line of a <c>.jsonl</c> input, not parsed yet: the scan parses it (on any thread, see <see cref="RecordReader.TryParse"/>).</summary>
    Line,

    /// <summary>An event of a <c>.json</c> document, already parsed (the whole document is parsed at once).</summary>
    Event,

    /// <summary>A record that is not valid JSON, or compressed data that cannot be decompressed.</summary>
    Malformed,

    /// <summary>The file could not be opened or read.</summary>
    Unreadable,
}

/// <summary>One item read from an input file.</summary>
/// <param name="Kind">Whether this is a line, an event or a problem.</param>
/// <param name="Number">
/// The 1-based record number: the line of a <c>.jsonl</c> file, the element of a <c>.json</c> array (or of
/// CloudTrail's <c>Records</c>), 1 for a single object; 0 when a problem concerns the whole file.
/// </param>
/// <param name="Line">The text of a <see cref="RecordKind.Line"/>.</param>
/// <param name="IsLastLine">Whether a <see cref="RecordKind.Line"/> ends the file (a broken last line may be a file cut short).</param>
/// <param name="Event">The event, for <see cref="RecordKind.Event"/>.</param>
/// <param name="Release">
/// The document behind this and the earlier events of its file, on the last of them: dispose it once this record
/// has been matched. The reader hands it over rather than disposing it, so records can be matched after reading moves on.
/// </param>
/// <param name="Problem">What went wrong, for <see cref="RecordKind.Malformed"/> and <see cref="RecordKind.Unreadable"/>.</param>
internal readonly record struct InputRecord(RecordKind Kind, long Number, string Line, bool IsLastLine, JsonElement Event, IDisposable? Release, string Problem)
{
    public static InputRecord ForLine(long number, string line, bool isLast) => new(RecordKind.Line, number, line, isLast, default, null, "");

    public static InputRecord ForEvent(long number, JsonElement evt, IDisposable? release) => new(RecordKind.Event, number, "", false, evt, release, "");

    public static InputRecord Malformed(long number, string problem) => new(RecordKind.Malformed, number, "", false, default, null, problem);

    public static InputRecord Unreadable(long number, string problem) => new(RecordKind.Unreadable, number, "", false, default, null, problem);
}

/// <summary>Enumerates the records of an input file.</summary>
internal static class RecordReader
{
    private const int BufferSize = 64 * 1024;

    /// <summary>
    /// The records of <paramref name="file"/>, in order. I/O and data errors are not thrown but come back as
    /// <see cref="RecordKind.Malformed"/> or <see cref="RecordKind.Unreadable"/> records; reading stops after a
    /// problem other than an invalid <c>.jsonl</c> line (which is found when the line is parsed).
    /// </summary>
    /// <remarks>
    /// An event's <see cref="JsonElement"/> stays valid until the <see cref="InputRecord.Release"/> of its file's
    /// last event is disposed.
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
            if (file.StandardInput is { } standardInput)
            {
                stream = standardInput;
                problem = "";
                return true;
            }

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

            yield return InputRecord.ForLine(number, line, IsAtEnd(reader));
        }
    }

    /// <summary>
    /// Parses a <see cref="RecordKind.Line"/>. On failure, <paramref name="problem"/> says where the JSON is broken
    /// (and that a broken last line may be a file cut short: an interrupted copy, or a truncated .gz, which
    /// GZipStream does not detect by itself).
    /// </summary>
    public static bool TryParse(in InputRecord record, [NotNullWhen(true)] out JsonDocument? document, out string problem)
    {
        try
        {
            document = JsonDocument.Parse(record.Line);
            problem = "";
            return true;
        }
        catch (JsonException e)
        {
            document = null;
            problem = Describe(e, withLine: false) + (record.IsLastLine ? " (last line of the file: it may be truncated)" : "");
            return false;
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

    private static IEnumerable<InputRecord> ReadDocument(Stream stream)
    {
        if (!TryParseDocument(stream, out JsonDocument? document, out InputRecord failure))
        {
            yield return failure;
            yield break;
        }

        // Not disposed here: the last event hands the document over (InputRecord.Release).
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
            yield return InputRecord.ForEvent(1, root, document);
            yield break;
        }

        int count = root.GetArrayLength();
        if (count == 0)
            document.Dispose();
        for (int i = 0; i < count; i++)
            yield return InputRecord.ForEvent(i + 1, root[i], i == count - 1 ? document : null);
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
