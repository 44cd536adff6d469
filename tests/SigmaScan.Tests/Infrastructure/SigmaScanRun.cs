using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using SigmaScan.RuntimeRules;

namespace SigmaScan.Tests.Infrastructure;

/// <summary>What one in-process run of SigmaScan printed, and how it ended.</summary>
internal sealed record SigmaScanRun(int ExitCode, byte[] StandardOutput, string StandardError)
{
    public string Output => Encoding.UTF8.GetString(StandardOutput);

    /// <summary>The stdout lines (JSON Lines, by default when stdout is not a terminal).</summary>
    public IReadOnlyList<string> Lines => Output.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);

    public IReadOnlyList<string> ErrorLines => StandardError.Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

    /// <summary>The summary line of a run-time compile (<c>... (cache: hit)</c>).</summary>
    public string CompileSummary => ErrorLines.Single(l => l.StartsWith("SigmaScan: ", System.StringComparison.Ordinal) && l.Contains("(cache: ", System.StringComparison.Ordinal));

    /// <summary>
    /// Runs SigmaScan's entry point with <paramref name="args"/>, with stdout and stderr redirected (not terminals,
    /// unless told) and <paramref name="standardInput"/> as stdin.
    /// </summary>
    public static SigmaScanRun Start(IEnumerable<string> args, string standardInput = "", CompilerIdentity? identity = null, bool outputIsTerminal = false, bool errorIsTerminal = false, Stream? outputStream = null)
    {
        using Stream output = outputStream ?? new MemoryStream();
        var error = new StringWriter { NewLine = "\n" };
        var stdout = new StringWriter { NewLine = "\n" };
        var console = new ConsoleStreams(new MemoryStream(Encoding.UTF8.GetBytes(standardInput)), output, stdout, error, outputIsTerminal, errorIsTerminal);
        int exit = Program.Run(args.ToList(), console, identity);
        byte[] bytes = output is MemoryStream memory ? memory.ToArray() : System.Array.Empty<byte>();
        // Text written to Out (help, --list-rules, --describe) is appended after the detections.
        return new SigmaScanRun(exit, bytes.Concat(Encoding.UTF8.GetBytes(stdout.ToString())).ToArray(), error.ToString());
    }
}
