using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace SigmaStreaming.Tests.Infrastructure;

/// <summary>
/// A real nats-server with JetStream, on a free loopback port with a temporary store, started once for the tests
/// of the <see cref="NatsCollection"/> and stopped after them. When nats-server is missing or does not start, the
/// tests fail with a message saying so: they are not skipped.
/// </summary>
public sealed class NatsServer : IAsyncLifetime
{
    private static readonly string[] Candidates = { "/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server" };

    private readonly StringBuilder _log = new();
    private Process? _process;
    private string? _store;

    /// <summary>The server's URL.</summary>
    public string Url { get; private set; } = "";

    /// <summary>What the server printed so far.</summary>
    public string Log
    {
        get
        {
            lock (_log)
                return _log.ToString();
        }
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        string executable = Find() ?? throw new InvalidOperationException(
            "nats-server was not found on PATH nor in /usr/sbin, /usr/bin, /usr/local/bin: the streaming tests need it. " +
            "Install it with 'apt-get install -y nats-server' (.ci/run does so when it is missing).");
        int port = FreePort();
        _store = Path.Combine(Path.GetTempPath(), "sigmastream-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_store);
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "-js", "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-sd", _store })
            start.ArgumentList.Add(arg);
        _process = Process.Start(start) ?? throw new InvalidOperationException("nats-server did not start");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Url = $"nats://127.0.0.1:{port}";

        var clock = Stopwatch.StartNew();
        while (!Log.Contains("Server is ready", StringComparison.Ordinal))
        {
            if (_process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(30))
                throw new InvalidOperationException($"nats-server ({executable}) did not become ready on port {port}:\n{Log}");
            await Task.Delay(50);
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        if (_store is not null)
        {
            try
            {
                Directory.Delete(_store, recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder left behind is harmless.
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_log)
            _log.AppendLine(line);
    }

    private static string? Find()
    {
        string? path = Environment.GetEnvironmentVariable("PATH");
        return (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "nats-server"))
            .Concat(Candidates)
            .FirstOrDefault(File.Exists);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The tests that share one nats-server; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class NatsCollection : ICollectionFixture<NatsServer>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "nats-server";
}
