using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using SigmaCompile.Correlations;
using SigmaCompile.RuleSets;
using SigmaCompile.Streaming.Hosting;
using SigmaCompile.Streaming.Input;
using SigmaCompile.Streaming.JetStream;
using SigmaCompile.Streaming.Operations;

namespace SigmaCompile.Streaming.CommandLine;

/// <summary>
/// The SigmaStream command line, for any app compiled with its own rules:
/// <c>return await StreamCommandLine.RunAsync(args, SigmaRules.Set, correlations);</c>
/// </summary>
public static class StreamCommandLine
{
    /// <summary>Exit code of a command that did its work.</summary>
    public const int ExitOk = 0;

    /// <summary>Exit code when the server could not be used or a worker failed.</summary>
    public const int ExitFailure = 1;

    /// <summary>Exit code of a wrong command line, wrong configuration, or an input that could not be read.</summary>
    public const int ExitUsage = 2;

    private const string Usage = """
        Usage: SigmaStream <command> [options]

          detect    --nats URL                    run a detection worker until stopped (Ctrl+C, SIGTERM)
          correlate --nats URL --partitions LIST  run a correlation worker for partitions such as 0-3,6
          publish   --nats URL FILE...            publish every event of the files (.jsonl, .json, CloudTrail
                                                  {"Records":[...]}, or these .gz) and exit once all are stored
          alerts    --nats URL --idle SECONDS     print every alert as a JSON line; exit after SECONDS without one
          setup     --nats URL                    create the streams, the detection consumer and the checkpoint
                                                  bucket (idempotent; the other commands do it when missing)

          bench     --nats URL [--preloaded | --rate N] FILE...
                                                  publish the files (at N events/s) and measure the running
                                                  detection workers: events/s, and event-to-alert latency
                                                  percentiles (--preloaded: publish first, then time the
                                                  workers started after)

        Options: --nats, --partitions, --partition-count, --batch-size, --ack-wait (e.g. 00:00:05),
        --consumer, --logsource (e.g. product=windows), --metrics-interval, and any setting as
        --SigmaStream:<Name> VALUE. Settings also come from appsettings.json next to the program and from
        environment variables (SigmaStream__Nats=...). See docs/streaming.md.
        """;

    /// <summary>Runs the command of <paramref name="args"/> and returns the process exit code.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="rules">The compiled detection rules (<c>SigmaRules.Set</c>).</param>
    /// <param name="correlations">The compiled correlation rules (empty when there are none).</param>
    public static async Task<int> RunAsync(string[] args, RuleSet rules, IReadOnlyList<ICorrelationRule> correlations)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(correlations);
        if (args.Length > 0 && args[0] is "-h" or "--help" or "help")
        {
            Console.Out.WriteLine(Usage);
            return ExitOk;
        }
        if (!CommandArguments.TryParse(args, out CommandArguments? command, out string? problem))
            return Fail(problem);

        switch (command.Command)
        {
            case "detect":
            case "correlate":
                if (command.Positional.Count > 0)
                    return Fail($"{command.Command} takes no file arguments ('{command.Positional[0]}')");
                return await RunWorkerAsync(command, command.Command == "detect" ? WorkerRole.Detection : WorkerRole.Correlation, rules, correlations).ConfigureAwait(false);
            case "publish":
                if (command.Positional.Count == 0)
                    return Fail("publish needs at least one file");
                return await RunClientAsync(command, (transport, options, ct) => PublishAsync(transport, options, command.Positional, ct)).ConfigureAwait(false);
            case "alerts":
                if (command.Idle is not TimeSpan idle)
                    return Fail("alerts needs --idle SECONDS");
                return await RunClientAsync(command, (transport, options, ct) => PrintAlertsAsync(transport, options, idle, ct)).ConfigureAwait(false);
            case "bench":
                if (command.Positional.Count == 0)
                    return Fail("bench needs at least one file");
                return await RunClientAsync(command, (transport, options, ct) => BenchCommand.RunAsync(transport, options, command.Positional, command.Preloaded, command.Rate, ct)).ConfigureAwait(false);
            case "setup":
                return await RunClientAsync(command, async (transport, options, ct) =>
                {
                    await transport.EnsureTopologyAsync(ct).ConfigureAwait(false);
                    Console.Error.WriteLine($"SigmaStream: streams {options.EventsStream}, {options.AlertsStream}, {options.DeadLetterStream}, {options.CorrelationStream}, consumer {options.DetectionConsumer} and bucket {options.CheckpointBucket} are ready");
                    return ExitOk;
                }).ConfigureAwait(false);
            default:
                return Fail($"unknown command '{command.Command}'");
        }
    }

    private static int Fail(string problem)
    {
        Console.Error.WriteLine($"SigmaStream: {problem}");
        Console.Error.WriteLine(Usage);
        return ExitUsage;
    }

    private static IConfigurationBuilder AddSources(IConfigurationBuilder configuration, CommandArguments command) =>
        configuration.AddCommandLine(command.Configuration.ToArray(), new Dictionary<string, string>(CommandArguments.Switches));

    private static bool TryReadOptions(IConfiguration configuration, out StreamingOptions options)
    {
        options = new StreamingOptions();
        try
        {
            configuration.GetSection(StreamingOptions.Section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"SigmaStream: configuration: {e.Message}{(e.InnerException is null ? "" : " " + e.InnerException.Message)}");
            return false;
        }
        IReadOnlyList<string> problems = options.Problems();
        foreach (string problem in problems)
            Console.Error.WriteLine($"SigmaStream: configuration: {problem}");
        return problems.Count == 0;
    }

    private static async Task<int> RunWorkerAsync(CommandArguments command, WorkerRole role, RuleSet rules, IReadOnlyList<ICorrelationRule> correlations)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        AddSources(builder.Configuration, command);
        if (!TryReadOptions(builder.Configuration, out StreamingOptions options))
            return ExitUsage;
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        // Standard output stays free for data; logs go to standard error.
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(45));
        builder.Services.AddSingleton(Options.Create(options));
        builder.Services.AddSingleton<StreamingMetrics>();
        builder.Services.AddSingleton<WorkerHealth>();
        builder.Services.AddHostedService(sp => new WorkerService(role, rules, correlations, sp.GetRequiredService<IOptions<StreamingOptions>>(),
            sp.GetRequiredService<StreamingMetrics>(), sp.GetRequiredService<WorkerHealth>(), sp.GetRequiredService<ILogger<WorkerService>>(),
            sp.GetRequiredService<IHostApplicationLifetime>()));
        builder.Services.AddHostedService<MetricsReporter>();
        using IHost host = builder.Build();
        await host.RunAsync().ConfigureAwait(false);
        return Environment.ExitCode;
    }

    private static async Task<int> RunClientAsync(CommandArguments command, Func<JetStreamTransport, StreamingOptions, CancellationToken, Task<int>> run)
    {
        IConfigurationRoot configuration = AddSources(new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables(), command).Build();
        if (!TryReadOptions(configuration, out StreamingOptions options))
            return ExitUsage;

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            await using JetStreamTransport transport = await JetStreamTransport.ConnectAsync(options, "sigma-" + command.Command, cancel.Token).ConfigureAwait(false);
            return await run(transport, options, cancel.Token).ConfigureAwait(false);
        }
        catch (NatsException e)
        {
            Console.Error.WriteLine($"SigmaStream: NATS at {options.Nats}: {e.Message}");
            return ExitFailure;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("SigmaStream: cancelled");
            return ExitFailure;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static async Task<int> PublishAsync(JetStreamTransport transport, StreamingOptions options, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        await transport.EnsureTopologyAsync(cancellationToken).ConfigureAwait(false);
        int problems = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long published = await new EventPublisher(transport, options).PublishAsync(
            files.SelectMany(file => EventFileReader.Read(file, file)),
            record =>
            {
                problems++;
                Console.Error.WriteLine($"SigmaStream: {record.Source}: {record.Problem}");
            },
            cancellationToken).ConfigureAwait(false);
        Console.Error.WriteLine($"SigmaStream: {published} events published and stored in {clock.Elapsed.TotalSeconds:F1} s");
        return problems == 0 ? ExitOk : ExitUsage;
    }

    private static async Task<int> PrintAlertsAsync(JetStreamTransport transport, StreamingOptions options, TimeSpan idle, CancellationToken cancellationToken)
    {
        await transport.EnsureTopologyAsync(cancellationToken).ConfigureAwait(false);
        await using Stream stdout = Console.OpenStandardOutput();
        await using var output = new BufferedStream(stdout, 64 * 1024);
        long count = await AlertReader.ReadAsync(transport, options, idle, alert =>
        {
            output.Write(alert.Span);
            output.WriteByte((byte)'\n');
        }, cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        Console.Error.WriteLine($"SigmaStream: {count} alerts");
        return ExitOk;
    }
}
