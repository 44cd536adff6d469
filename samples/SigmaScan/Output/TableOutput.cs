using System.Globalization;
using System.IO;
using SigmaCompile.Correlations;

namespace SigmaScan.Output;

/// <summary>
/// Detections as a table for people: time, level, title, source:record and the event's key fields (see
/// <see cref="EventFactsReader"/>), one line each under a header. Columns have fixed widths, since rows are written as
/// they are found; a longer title is cut at the end and a longer source at the start, where the file name is kept.
/// A correlation alert is a row at its last event's time, with <c>correlation</c> as its source and the type, value,
/// group and window as its key fields.
/// </summary>
internal sealed class TableOutput(Stream output) : TextOutput(output, "\n")
{
    private const int TimeWidth = 24;
    private const int LevelWidth = 13; // "informational"
    private const int TitleWidth = 50;
    private const int SourceWidth = 36;

    private bool _headerWritten;

    public override void Write(in Detection detection)
    {
        WriteHeader();

        string source = string.Create(CultureInfo.InvariantCulture, $"{detection.Source}:{detection.Record}");
        Writer.WriteLine(Row(
            detection.Facts?.Time ?? "",
            LevelNames.Text(detection.Rule.Level),
            detection.Rule.Title,
            source,
            FieldsText(detection.Facts, "  ")));
    }

    public override void WriteAlert(CorrelationAlert alert)
    {
        WriteHeader();
        Writer.WriteLine(Row(AlertText.Time(alert.LastTime), LevelNames.Text(alert.Rule.Level), alert.Rule.Title, "correlation", AlertFieldsText(alert, "  ")));
    }

    private void WriteHeader()
    {
        if (_headerWritten)
            return;
        Writer.WriteLine(Row("TIME", "LEVEL", "TITLE", "SOURCE:RECORD", "KEY FIELDS"));
        _headerWritten = true;
    }

    private static string Row(string time, string level, string title, string source, string fields) =>
        $"{Cell(time, TimeWidth, keepEnd: false)}  {Cell(level, LevelWidth, keepEnd: false)}  {Cell(title, TitleWidth, keepEnd: false)}  {Cell(source, SourceWidth, keepEnd: true)}  {fields}".TrimEnd();

    private static string Cell(string text, int width, bool keepEnd)
    {
        if (text.Length <= width)
            return text.PadRight(width);
        return keepEnd ? "…" + text[^(width - 1)..] : text[..(width - 1)] + "…";
    }
}
