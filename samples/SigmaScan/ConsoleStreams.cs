using System;
using System.IO;

namespace SigmaScan;

/// <summary>The process's standard streams, and whether they are terminals; tests pass their own.</summary>
/// <param name="Input">Standard input (read for the input <c>-</c>).</param>
/// <param name="Output">Standard output as bytes (detections).</param>
/// <param name="Out">Standard output as text (help, rule listings).</param>
/// <param name="Error">Standard error (diagnostics, progress, summaries).</param>
/// <param name="OutputIsTerminal">Whether stdout is a terminal: the table is then the default format.</param>
/// <param name="ErrorIsTerminal">Whether stderr is a terminal: progress is then shown.</param>
internal sealed record ConsoleStreams(Stream Input, Stream Output, TextWriter Out, TextWriter Error, bool OutputIsTerminal, bool ErrorIsTerminal)
{
    public static ConsoleStreams OfProcess() => new(
        Console.OpenStandardInput(),
        Console.OpenStandardOutput(),
        Console.Out,
        Console.Error,
        !Console.IsOutputRedirected,
        !Console.IsErrorRedirected);
}
