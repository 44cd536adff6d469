using System;
using SigmaCompile.Correlations;

namespace SigmaScan.Output;

/// <summary>The output formats of <c>--format</c>.</summary>
internal enum OutputFormat
{
    /// <summary><c>jsonl</c>: one JSON object per detection (the default when stdout is not a terminal).</summary>
    JsonLines,

    /// <summary><c>table</c>: aligned columns for reading (the default on a terminal).</summary>
    Table,

    /// <summary><c>csv</c>: RFC 4180, with a header row.</summary>
    Csv,
}

/// <summary>Where detections and correlation alerts are written, in one of the <see cref="OutputFormat"/>s.</summary>
internal interface IDetectionOutput : IDisposable
{
    /// <summary>Whether <see cref="Write"/> shows <see cref="Detection.Facts"/>, so the scan must read them.</summary>
    bool NeedsEventFacts { get; }

    void Write(in Detection detection);

    /// <summary>Writes a correlation alert (after the detections of the event that completed or closed its window).</summary>
    void WriteAlert(CorrelationAlert alert);

    /// <summary>Pushes what is buffered to the output.</summary>
    void Flush();
}

/// <summary>Makes the output of a format.</summary>
internal static class DetectionOutputs
{
    public static IDetectionOutput Create(OutputFormat format, System.IO.Stream stream) => format switch
    {
        OutputFormat.Table => new TableOutput(stream),
        OutputFormat.Csv => new CsvOutput(stream),
        _ => new JsonLinesOutput(stream),
    };

    /// <summary>Reads a <c>--format</c> value.</summary>
    public static bool TryParse(string text, out OutputFormat format)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "jsonl":
                format = OutputFormat.JsonLines;
                return true;
            case "table":
                format = OutputFormat.Table;
                return true;
            case "csv":
                format = OutputFormat.Csv;
                return true;
            default:
                format = default;
                return false;
        }
    }
}
