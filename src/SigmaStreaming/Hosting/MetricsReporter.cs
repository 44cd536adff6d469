using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SigmaCompile.Streaming.Operations;

namespace SigmaCompile.Streaming.Hosting;

/// <summary>Logs the worker's counters and health every <see cref="StreamingOptions.MetricsInterval"/>, and once more when it stops.</summary>
public sealed class MetricsReporter : BackgroundService
{
    private readonly StreamingMetrics _metrics;
    private readonly WorkerHealth _health;
    private readonly ILogger<MetricsReporter> _logger;
    private readonly TimeSpan _interval;
    private long _lastEvents;
    private DateTime _lastTime = DateTime.UtcNow;

    /// <summary>Creates the reporter.</summary>
    public MetricsReporter(StreamingMetrics metrics, WorkerHealth health, IOptions<StreamingOptions> options, ILogger<MetricsReporter> logger)
    {
        _metrics = metrics;
        _health = health;
        _logger = logger;
        _interval = options.Value.MetricsInterval;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
                Report();
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        Report();
    }

    private void Report()
    {
        DateTime now = DateTime.UtcNow;
        long events = _metrics.EventsIn;
        double seconds = (now - _lastTime).TotalSeconds;
        double rate = seconds > 0 ? (events - _lastEvents) / seconds : 0;
        _lastEvents = events;
        _lastTime = now;
        _logger.LogInformation(
            "{Health}: events in {Events} ({Rate:F0}/s), alerts out {Alerts} ({CorrelationAlerts} correlation), dead letters {DeadLetters}, " +
            "redeliveries {Redeliveries}, duplicates dropped {Duplicates}, correlation inputs out {InputsOut} / in {InputsIn}, " +
            "checkpoints {Checkpoints} (failed {CheckpointFailures}), evictions {Evictions}, lag {Lag}",
            _health.Describe(), events, rate, _metrics.AlertsOut, _metrics.CorrelationAlertsOut, _metrics.DeadLetters,
            _metrics.Redeliveries, _metrics.Duplicates, _metrics.CorrelationInputsOut, _metrics.CorrelationInputsIn,
            _metrics.Checkpoints, _metrics.CheckpointFailures, _metrics.Evictions, _metrics.Lag?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown");
    }
}
