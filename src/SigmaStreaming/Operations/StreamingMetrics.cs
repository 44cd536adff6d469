using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;

namespace SigmaCompile.Streaming.Operations;

/// <summary>
/// The workers' counters, exposed as .NET metrics on the meter <c>SigmaCompile.Streaming</c> (for dotnet-counters,
/// OpenTelemetry, ...) and read by the periodic log line. Thread-safe.
/// </summary>
public sealed class StreamingMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "SigmaCompile.Streaming";

    private readonly Meter _meter;
    private readonly ConcurrentDictionary<string, long> _lag = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, long> _evictions = new();
    private long _eventsIn;
    private long _alertsOut;
    private long _duplicates;
    private long _deadLetters;
    private long _redeliveries;
    private long _correlationInputsOut;
    private long _correlationInputsIn;
    private long _correlationAlertsOut;
    private long _skippedInputs;
    private long _checkpoints;
    private long _checkpointFailures;
    private long _publishFailures;

    /// <summary>Creates the counters and their instruments.</summary>
    public StreamingMetrics()
    {
        _meter = new Meter(MeterName);
        _meter.CreateObservableCounter("sigma.events.in", () => EventsIn, "{event}", "Events taken from the events stream (malformed ones included)");
        _meter.CreateObservableCounter("sigma.alerts.out", () => AlertsOut, "{alert}", "Detection and correlation alerts stored (duplicates not counted)");
        _meter.CreateObservableCounter("sigma.duplicates", () => Duplicates, "{message}", "Messages the server recognised as already stored (republished after a redelivery or restart)");
        _meter.CreateObservableCounter("sigma.dead_letters", () => DeadLetters, "{event}", "Malformed events moved to the dead-letter subject");
        _meter.CreateObservableCounter("sigma.redeliveries", () => Redeliveries, "{event}", "Events delivered more than once");
        _meter.CreateObservableCounter("sigma.correlation.inputs.out", () => CorrelationInputsOut, "{message}", "Keyed correlation inputs stored by detection workers");
        _meter.CreateObservableCounter("sigma.correlation.inputs.in", () => CorrelationInputsIn, "{message}", "Correlation inputs processed by correlation workers");
        _meter.CreateObservableCounter("sigma.correlation.alerts.out", () => CorrelationAlertsOut, "{alert}", "Correlation alerts stored");
        _meter.CreateObservableCounter("sigma.correlation.inputs.skipped", () => SkippedInputs, "{message}", "Correlation inputs that could not be used (unknown rule or unit, bad headers)");
        _meter.CreateObservableCounter("sigma.checkpoints", () => Checkpoints, "{checkpoint}", "Correlation checkpoints saved");
        _meter.CreateObservableCounter("sigma.checkpoint.failures", () => CheckpointFailures, "{checkpoint}", "Correlation checkpoints that could not be saved");
        _meter.CreateObservableCounter("sigma.publish.failures", () => PublishFailures, "{message}", "Publications that failed (their event is left to be redelivered)");
        _meter.CreateObservableCounter("sigma.correlation.evictions", () => Evictions, "{group}", "Correlation groups evicted by the state caps");
        _meter.CreateObservableGauge("sigma.lag", () => _lag.Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("consumer", p.Key))),
            "{message}", "Messages waiting for a worker, per consumer");
    }

    /// <summary>Events taken from the events stream.</summary>
    public long EventsIn => Interlocked.Read(ref _eventsIn);

    /// <summary>Alerts stored.</summary>
    public long AlertsOut => Interlocked.Read(ref _alertsOut);

    /// <summary>Publications the server recognised as duplicates.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Malformed events dead-lettered.</summary>
    public long DeadLetters => Interlocked.Read(ref _deadLetters);

    /// <summary>Events delivered more than once.</summary>
    public long Redeliveries => Interlocked.Read(ref _redeliveries);

    /// <summary>Correlation inputs stored.</summary>
    public long CorrelationInputsOut => Interlocked.Read(ref _correlationInputsOut);

    /// <summary>Correlation inputs processed.</summary>
    public long CorrelationInputsIn => Interlocked.Read(ref _correlationInputsIn);

    /// <summary>Correlation alerts stored.</summary>
    public long CorrelationAlertsOut => Interlocked.Read(ref _correlationAlertsOut);

    /// <summary>Correlation inputs that could not be used.</summary>
    public long SkippedInputs => Interlocked.Read(ref _skippedInputs);

    /// <summary>Checkpoints saved.</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>Checkpoints that could not be saved.</summary>
    public long CheckpointFailures => Interlocked.Read(ref _checkpointFailures);

    /// <summary>Publications that failed.</summary>
    public long PublishFailures => Interlocked.Read(ref _publishFailures);

    /// <summary>Correlation groups evicted, over the partitions of this process.</summary>
    public long Evictions => _evictions.Values.Sum();

    /// <summary>Messages waiting, over the consumers of this process; null before the first reading.</summary>
    public long? Lag => _lag.IsEmpty ? null : _lag.Values.Sum();

    internal void CountEvent(bool redelivered)
    {
        Interlocked.Increment(ref _eventsIn);
        if (redelivered)
            Interlocked.Increment(ref _redeliveries);
    }

    internal void CountDeadLetter() => Interlocked.Increment(ref _deadLetters);

    internal void CountPublished(PublishedKind kind, bool duplicate)
    {
        if (duplicate)
        {
            Interlocked.Increment(ref _duplicates);
            return;
        }
        switch (kind)
        {
            case PublishedKind.Alert:
                Interlocked.Increment(ref _alertsOut);
                break;
            case PublishedKind.CorrelationAlert:
                Interlocked.Increment(ref _alertsOut);
                Interlocked.Increment(ref _correlationAlertsOut);
                break;
            case PublishedKind.CorrelationInput:
                Interlocked.Increment(ref _correlationInputsOut);
                break;
        }
    }

    internal void CountPublishFailure() => Interlocked.Increment(ref _publishFailures);

    internal void CountCorrelationInput() => Interlocked.Increment(ref _correlationInputsIn);

    internal void CountSkippedInput() => Interlocked.Increment(ref _skippedInputs);

    internal void CountCheckpoint(bool saved)
    {
        if (saved)
            Interlocked.Increment(ref _checkpoints);
        else
            Interlocked.Increment(ref _checkpointFailures);
    }

    internal void SetEvictions(int partition, long evicted) => _evictions[partition] = evicted;

    internal void SetLag(string consumer, long pending) => _lag[consumer] = pending;

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}

/// <summary>What a published message was, for the counters.</summary>
internal enum PublishedKind
{
    Alert,
    CorrelationAlert,
    CorrelationInput,
    DeadLetter,
}
