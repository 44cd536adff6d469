using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using SigmaCompile.Correlations;
using SigmaCompile.RuleSets;
using SigmaCompile.Streaming.Correlation;
using SigmaCompile.Streaming.Detection;
using SigmaCompile.Streaming.JetStream;
using SigmaCompile.Streaming.Operations;

namespace SigmaCompile.Streaming.Hosting;

/// <summary>Which worker a host runs.</summary>
public enum WorkerRole
{
    /// <summary>A detection worker.</summary>
    Detection,

    /// <summary>A correlation worker.</summary>
    Correlation,
}

/// <summary>
/// Runs a detection or correlation worker in a .NET host: connects (retrying until the server answers), creates the
/// streams when missing, runs the worker until the host stops, and on stop lets it finish its batch and checkpoint.
/// </summary>
public sealed class WorkerService : BackgroundService
{
    private readonly WorkerRole _role;
    private readonly RuleSet _rules;
    private readonly IReadOnlyList<ICorrelationRule> _correlations;
    private readonly StreamingOptions _options;
    private readonly StreamingMetrics _metrics;
    private readonly WorkerHealth _health;
    private readonly ILogger<WorkerService> _logger;
    private readonly IHostApplicationLifetime _lifetime;

    /// <summary>Creates the service.</summary>
    public WorkerService(WorkerRole role, RuleSet rules, IReadOnlyList<ICorrelationRule> correlations, IOptions<StreamingOptions> options,
        StreamingMetrics metrics, WorkerHealth health, ILogger<WorkerService> logger, IHostApplicationLifetime lifetime)
    {
        _role = role;
        _rules = rules;
        _correlations = correlations;
        _options = options.Value;
        _metrics = metrics;
        _health = health;
        _logger = logger;
        _lifetime = lifetime;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using JetStreamTransport transport = await ConnectAsync(stoppingToken).ConfigureAwait(false);
            await transport.EnsureTopologyAsync(stoppingToken).ConfigureAwait(false);
            _health.Connected(transport);
            if (_role == WorkerRole.Detection)
                await new DetectionWorker(transport, _rules, _correlations, _options, _metrics, _logger).RunAsync(stoppingToken).ConfigureAwait(false);
            else
                await new CorrelationWorker(transport, _rules, _correlations, _options, _metrics, _logger).RunAsync(stoppingToken).ConfigureAwait(false);
            _health.Stopped("stopped");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _health.Stopped("stopped");
        }
        catch (Exception e)
        {
            _health.Stopped("failed");
            _logger.LogCritical(e, "the {Role} worker failed", _role);
            Environment.ExitCode = 1;
            _lifetime.StopApplication();
        }
    }

    private async Task<JetStreamTransport> ConnectAsync(CancellationToken stoppingToken)
    {
        string name = _role == WorkerRole.Detection ? "sigma-detect" : "sigma-correlate";
        while (true)
        {
            try
            {
                return await JetStreamTransport.ConnectAsync(_options, name, stoppingToken).ConfigureAwait(false);
            }
            catch (NatsException e)
            {
                _health.Stopped("waiting for the server");
                _logger.LogWarning("cannot reach NATS at {Url} ({Error}); retrying", _options.Nats, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
