using System;
using System.Globalization;
using System.Text;

namespace SigmaScan;

/// <summary>The counts of a finished scan.</summary>
/// <param name="Files">The files scanned (or attempted).</param>
/// <param name="Events">The records parsed and matched against the rules.</param>
/// <param name="Detections">The (rule, record) matches.</param>
/// <param name="MalformedRecords">The records that were not valid JSON or could not be decompressed.</param>
/// <param name="InputErrors">
/// The inputs that could not be used: missing, of an unsupported type, or not readable to the end.
/// </param>
/// <param name="Elapsed">The time spent scanning.</param>
internal readonly record struct ScanTotals(
    int Files, long Events, long Detections, long MalformedRecords, int InputErrors, TimeSpan Elapsed)
{
    /// <summary>A one-line summary, e.g. <c>scanned 310 events in 1 file, 12 detections, 41,234 events/s</c>.</summary>
    public string Summary()
    {
        double seconds = Elapsed.TotalSeconds;
        double rate = seconds > 0 ? Events / seconds : 0;

        var text = new StringBuilder();
        text.Append($"scanned {Count(Events, "event")} in {Count(Files, "file")}, {Count(Detections, "detection")}");
        if (MalformedRecords > 0)
            text.Append(", ").Append(Count(MalformedRecords, "malformed record"));
        if (InputErrors > 0)
            text.Append(", ").Append(Count(InputErrors, "input error"));
        text.Append(CultureInfo.InvariantCulture, $", {rate:N0} events/s");
        return text.ToString();
    }

    private static string Count(long count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {noun}{(count == 1 ? "" : "s")}");
}
