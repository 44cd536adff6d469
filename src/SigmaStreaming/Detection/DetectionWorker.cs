using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SigmaCompile.Correlations;
using SigmaCompile.RuleSets;
using SigmaCompile.Streaming.Correlation;
using SigmaCompile.Streaming.Operations;
using SigmaCompile.Streaming.Transport;

namespace SigmaCompile.Streaming.Detection;

/// <summary>
/// A detection worker: fetches batches from the shared events consumer, matches each event, publishes its alerts and
/// correlation inputs (or its dead letter), and acknowledges the event only once the server has stored all of them.
/// Stateless: add workers to scale. Stopping it finishes the batch in hand; killing it loses nothing, since the
/// server redelivers unacknowledged events after <see cref="StreamingOptions.AckWait"/>.
/// </summary>
public sealed class DetectionWorker
{
    private static readonly TimeSpan LagInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    private readonly IStreamingTransport _transport;
    private readonly StreamingOptions _options;
    private readonly StreamingMetrics _metrics;
    private readonly ILogger _logger;
    private readonly DetectionProcessor _processor;
    private readonly MessagePublisher _publisher;

    /// <summary>Creates a worker for the rules of <paramref name="rules"/> and the correlations that use them.</summary>
    public DetectionWorker(IStreamingTransport transport, RuleSet rules, IReadOnlyList<ICorrelationRule> correlations, StreamingOptions options,
        StreamingMetrics metrics, ILogger logger)
    {
        _transport = transport;
        _options = options;
        _metrics = metrics;
        _logger = logger;
        if (options.LogSource.Length > 0)
            rules = rules.ForLogSource(SigmaCompile.LogSource.Parse(options.LogSource));
        _processor = new DetectionProcessor(rules, new CorrelationRouting(correlations, options.Partitions), options);
        _publisher = new MessagePublisher(transport, options, metrics, logger, PublishedKind.Alert);
    }

    /// <summary>Runs until <paramref name="stoppingToken"/> is cancelled, then finishes the batch in hand.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        await using IEventSource source = await _transport.OpenEventsAsync(stoppingToken).ConfigureAwait(false);
        _logger.LogInformation("detection worker reading {Stream} through consumer {Consumer}", _options.EventsStream, _options.DetectionConsumer);
        var lagClock = Stopwatch.StartNew();
        bool firstLag = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            IReadOnlyList<IInboundMessage> batch;
            try
            {
                batch = await source.FetchAsync(_options.BatchSize, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogWarning("fetching events failed, retrying: {Error}", e.Message);
                await Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
                continue;
            }

            // The batch in hand is finished even when stopping: its events are fetched, so finishing them is the
            // quickest way to have them acknowledged. The drain is bounded in case the server is gone.
            using (var drain = new CancellationTokenSource(DrainTimeout))
                await ProcessBatchAsync(batch, drain.Token).ConfigureAwait(false);

            if (firstLag || lagClock.Elapsed >= LagInterval)
            {
                firstLag = false;
                lagClock.Restart();
                await ReadLagAsync(source, stoppingToken).ConfigureAwait(false);
            }
        }
        _logger.LogInformation("detection worker stopped after {Events} events", _metrics.EventsIn);
    }

    private async Task ProcessBatchAsync(IReadOnlyList<IInboundMessage> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
            return;
        var outputs = new List<OutboundMessage>[batch.Count];
        for (int i = 0; i < batch.Count; i++)
        {
            IInboundMessage message = batch[i];
            _metrics.CountEvent(redelivered: message.DeliveryCount > 1);
            outputs[i] = new List<OutboundMessage>();
            if (_processor.Process(message, outputs[i]) == DetectionOutcome.DeadLettered)
            {
                _metrics.CountDeadLetter();
                _logger.LogWarning("event {Position} dead-lettered: {Reason}", message.Position, outputs[i][0].Headers[0].Value);
            }
        }

        // Every message of the batch is published at once; each event is acknowledged after its own are stored.
        var published = new Task<bool>[batch.Count];
        for (int i = 0; i < batch.Count; i++)
            published[i] = _publisher.PublishAllAsync(outputs[i], cancellationToken);
        for (int i = 0; i < batch.Count; i++)
        {
            if (!await published[i].ConfigureAwait(false))
                continue; // Not acknowledged: the server redelivers it, and its messages are published again under the same ids.
            try
            {
                await batch[i].AcknowledgeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || cancellationToken.IsCancellationRequested)
            {
                _logger.LogWarning("acknowledging event {Position} failed, it will be redelivered: {Error}", batch[i].Position, e.Message);
            }
        }
    }

    private async Task ReadLagAsync(IEventSource source, CancellationToken cancellationToken)
    {
        try
        {
            if (await source.PendingAsync(cancellationToken).ConfigureAwait(false) is long pending)
                _metrics.SetLag(_options.DetectionConsumer, pending);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogDebug("reading the lag failed: {Error}", e.Message);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private static async Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
