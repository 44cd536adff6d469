using System;
using System.Globalization;
using System.IO;
using SigmaCompile.Correlations;

namespace SigmaScan.Output;

/// <summary>
/// Detections as CSV (RFC 4180): a header row, then one row per detection with <c>time</c>, <c>level</c>,
/// <c>title</c>, <c>rule_id</c>, <c>source</c>, <c>record</c> and <c>key_fields</c> (<c>name=value</c> pairs joined
/// by <c>"; "</c>). A correlation alert is a row with its last event's time, <c>correlation</c> as source, no record,
/// and the type, value, group and window as key fields. Lines end in CRLF; a field holding a comma, a quote or a line break is quoted, its quotes doubled.
/// </summary>
internal sealed class CsvOutput(Stream output) : TextOutput(output, "\r\n")
{
    private static readonly char[] NeedsQuotes = { ',', '"', '\r', '\n' };

    private bool _headerWritten;

    public override void Write(in Detection detection)
    {
        WriteHeader();

        Writer.WriteLine(string.Join(",",
            Field(detection.Facts?.Time ?? ""),
            Field(LevelNames.Text(detection.Rule.Level)),
            Field(detection.Rule.Title),
            Field(detection.Rule.Id.ToString("D")),
            Field(detection.Source),
            detection.Record.ToString(CultureInfo.InvariantCulture),
            Field(FieldsText(detection.Facts, "; "))));
    }

    public override void WriteAlert(CorrelationAlert alert)
    {
        WriteHeader();
        Writer.WriteLine(string.Join(",",
            Field(AlertText.Time(alert.LastTime)),
            Field(LevelNames.Text(alert.Rule.Level)),
            Field(alert.Rule.Title),
            Field(alert.Rule.Id.ToString("D")),
            "correlation",
            "",
            Field(AlertFieldsText(alert, "; "))));
    }

    private void WriteHeader()
    {
        if (_headerWritten)
            return;
        Writer.WriteLine("time,level,title,rule_id,source,record,key_fields");
        _headerWritten = true;
    }

    private static string Field(string value) =>
        value.IndexOfAny(NeedsQuotes) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
