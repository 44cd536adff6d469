using System.Globalization;
using SigmaCompile.Streaming.Transport;

namespace SigmaCompile.Streaming.Detection;

/// <summary>Where an event came from: its source file and record number (from the publisher's headers) and its stream position.</summary>
/// <param name="Source">The source's name; the events stream's name when the publisher gave none.</param>
/// <param name="Record">The 1-based record number within the source; the stream position when the publisher gave none.</param>
/// <param name="Position">The event's position in the events stream.</param>
public readonly record struct EventOrigin(string Source, long Record, ulong Position)
{
    /// <summary>Reads the origin of <paramref name="message"/> from its headers.</summary>
    public static EventOrigin Of(IInboundMessage message, string streamName)
    {
        string? source = message.Header(StreamHeaders.Source);
        string? record = message.Header(StreamHeaders.Record);
        if (source is null || record is null || !long.TryParse(record, NumberStyles.None, CultureInfo.InvariantCulture, out long number))
            return new EventOrigin(source ?? streamName, (long)message.Position, message.Position);
        return new EventOrigin(source, number, message.Position);
    }
}
