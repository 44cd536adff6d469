using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Tasks;

namespace SigmaStreaming.Tests.Infrastructure;

/// <summary>
/// The test worker (the SigmaStream command line with the tests' rules) as a process of its own, so that it can be
/// killed for real or stopped as a service manager stops it (SIGTERM).
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _errors = new();

    private WorkerProcess(Process process, string description)
    {
        _process = process;
        Description = description;
    }

    /// <summary>The command line, for messages.</summary>
    public string Description { get; }

    /// <summary>What it wrote on standard output so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>What it wrote on standard error (its log) so far.</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
                return _errors.ToString();
        }
    }

    /// <summary>Whether it has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts the worker with <paramref name="args"/>.</summary>
    public static WorkerProcess Start(params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "SigmaStreaming.TestWorker.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        // Quicker start-up for short-lived test processes.
        start.Environment["DOTNET_TieredPGO"] = "0";
        Process process = Process.Start(start) ?? throw new InvalidOperationException("the test worker did not start");
        var worker = new WorkerProcess(process, "SigmaStreaming.TestWorker " + string.Join(' ', args));
        process.OutputDataReceived += (_, e) => Append(worker._output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(worker._errors, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Runs the worker with <paramref name="args"/> to its end and returns it (exit code and output).</summary>
    public static async Task<(int ExitCode, WorkerProcess Process)> RunAsync(TimeSpan timeout, params string[] args)
    {
        WorkerProcess worker = Start(args);
        return (await worker.WaitForExitAsync(timeout), worker);
    }

    /// <summary>Waits for it to exit and returns its exit code.</summary>
    /// <exception cref="TimeoutException">It did not exit in time (it is killed).</exception>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        Task exited = _process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(timeout)) != exited)
        {
            Kill();
            throw new TimeoutException($"{Description} did not exit within {timeout}:\n{Errors}");
        }
        await exited; // Drains the redirected output.
        return _process.ExitCode;
    }

    /// <summary>Waits until its log holds <paramref name="text"/>.</summary>
    /// <exception cref="TimeoutException">It did not log it in time, or exited.</exception>
    public async Task WaitForLogAsync(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!Errors.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || clock.Elapsed > timeout)
                throw new TimeoutException($"{Description} did not log '{text}' within {timeout}:\n{Errors}");
            await Task.Delay(50);
        }
    }

    /// <summary>Kills it at once (SIGKILL): no draining, no final checkpoint.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
    }

    /// <summary>Asks it to stop as a service manager does (SIGTERM): it finishes its batch and checkpoints.</summary>
    public void Terminate()
    {
        if (!_process.HasExited && SysKill(_process.Id, 15) != 0)
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed with errno {Marshal.GetLastPInvokeError()}");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
            return;
        lock (buffer)
            buffer.AppendLine(line);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);
}
