using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading.Tasks;

namespace SigmaCompile.PackageTests.Infrastructure;

/// <summary>What one command printed, and how it ended.</summary>
internal sealed record CommandResult(string Command, string WorkingDirectory, int ExitCode, string StandardOutput, string Output, TimeSpan Elapsed)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The command and everything it printed (stdout and stderr, interleaved): shown when a test fails.</summary>
    public override string ToString() =>
        $"$ {Command}    (in {WorkingDirectory}; exit code {ExitCode}; {Elapsed.TotalSeconds:F1} s)\n{Output}";
}

/// <summary>
/// Runs a program to completion with a timeout, capturing its output. A program still running at the timeout is
/// killed with its children, and the test fails with what it had printed, so a hang cannot stall CI.
/// </summary>
internal static class CommandRunner
{
    public static CommandResult Run(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?> environment,
        TimeSpan timeout,
        string? standardInput = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string argument in arguments)
            startInfo.ArgumentList.Add(argument);
        foreach ((string key, string? value) in environment)
        {
            if (value is null)
                startInfo.Environment.Remove(key);
            else
                startInfo.Environment[key] = value;
        }

        string command = fileName + " " + string.Join(" ", startInfo.ArgumentList);
        var output = new StringBuilder();
        var standardOutput = new StringBuilder();
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (output)
            {
                output.AppendLine(e.Data);
                standardOutput.AppendLine(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (output)
                output.AppendLine(e.Data);
        };

        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (standardInput is not null)
            process.StandardInput.Write(standardInput);
        process.StandardInput.Close();

        if (!process.WaitForExit(timeout))
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It ended just now.
            }
            process.WaitForExit(TimeSpan.FromSeconds(10));
            string printed;
            lock (output)
                printed = output.ToString();
            throw new TimeoutException($"'{command}' did not finish within {timeout.TotalSeconds:F0} s and was killed. It printed:\n{printed}");
        }

        // The process has ended; let the readers reach the end of its output, without waiting on a build server
        // that may have inherited the pipes.
        Task.Run(() => process.WaitForExit()).Wait(TimeSpan.FromSeconds(15));
        stopwatch.Stop();
        lock (output)
            return new CommandResult(command, workingDirectory, process.ExitCode, standardOutput.ToString(), output.ToString(), stopwatch.Elapsed);
    }
}
