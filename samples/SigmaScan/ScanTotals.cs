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
    /// <summary>What the correlations did, when the scan correlated; null when it did not.</summary>
    public CorrelationTotals? Correlation { get; init; }

    /// <summary>A one-line summary, e.g. <c>scanned 310 events in 1 file, 12 detections, 41,234 events/s</c>.</summary>
    public string Summary()
    {
        double seconds = Elapsed.TotalSeconds;
        double rate = seconds > 0 ? Events / seconds : 0;

        var text = new StringBuilder();
        text.Append($"scanned {Count(Events, "event")} in {Count(Files, "file")}, {Count(Detections, "detection")}");
        if (Correlation is { } correlation)
        {
            text.Append(", ").Append(Count(correlation.Alerts, "correlation alert"));
            if (correlation.EventsWithoutTime > 0)
                text.Append(", ").Append(Count(correlation.EventsWithoutTime, "event")).Append(" without a usable time");
            if (correlation.LateEvents > 0)
                text.Append(", ").Append(Count(correlation.LateEvents, "late event")).Append(" (see --lateness)");
            if (correlation.EvictedGroups > 0)
                text.Append(", ").Append(Count(correlation.EvictedGroups, "evicted group"));
            if (correlation.DroppedEvents > 0)
                text.Append(", ").Append(Count(correlation.DroppedEvents, "event")).Append(" dropped from full windows");
        }
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

/// <summary>The counts of a scan's correlations.</summary>
/// <param name="Alerts">The correlation alerts reported (at or above the minimum level).</param>
/// <param name="EventsWithoutTime">Events that a correlation would have counted but that had no usable time.</param>
/// <param name="LateEvents">Events older than the correlation's allowed lateness, left out.</param>
/// <param name="EvictedGroups">Groups dropped because the cap on live groups was reached.</param>
/// <param name="DroppedEvents">Event entries dropped because the cap on stored events was reached.</param>
internal readonly record struct CorrelationTotals(long Alerts, long EventsWithoutTime, long LateEvents, long EvictedGroups, long DroppedEvents);
