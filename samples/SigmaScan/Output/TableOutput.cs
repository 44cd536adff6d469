using System;
using System.Globalization;
using System.IO;

namespace SigmaScan.Output;

/// <summary>
/// Detections as a table for people: time, level, title, source:record and the event's key fields (see
/// <see cref="EventFactsReader"/>), one line each under a header. Columns have fixed widths, since rows are written as
/// they are found; a longer title is cut at the end and a longer source at the start, where the file name is kept.
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
        if (!_headerWritten)
        {
            Writer.WriteLine(Row("TIME", "LEVEL", "TITLE", "SOURCE:RECORD", "KEY FIELDS"));
            _headerWritten = true;
        }

        string source = string.Create(CultureInfo.InvariantCulture, $"{detection.Source}:{detection.Record}");
        Writer.WriteLine(Row(
            detection.Facts?.Time ?? "",
            LevelNames.Text(detection.Rule.Level),
            detection.Rule.Title,
            source,
            FieldsText(detection.Facts, "  ")));
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
