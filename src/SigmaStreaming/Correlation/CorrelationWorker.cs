using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SigmaCompile.Correlations;
using SigmaCompile.RuleSets;
using SigmaCompile.Streaming.Operations;
using SigmaCompile.Streaming.Transport;

namespace SigmaCompile.Streaming.Correlation;

/// <summary>
/// A correlation worker: owns a set of partitions and, for each, restores its checkpoint, reads the partition in
/// order from just after the checkpointed position, feeds the correlators, publishes their alerts, and checkpoints
/// state with the position it reflects every <see cref="StreamingOptions.CheckpointEvery"/> messages or
/// <see cref="StreamingOptions.CheckpointInterval"/>, and when it stops.
/// </summary>
public sealed class CorrelationWorker
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    private readonly IStreamingTransport _transport;
    private readonly RuleSet _rules;
    private readonly StreamingOptions _options;
    private readonly StreamingMetrics _metrics;
    private readonly ILogger _logger;
    private readonly CorrelationRouting _routing;
    private readonly MessagePublisher _publisher;

    /// <summary>Creates a worker for <paramref name="correlations"/> over the detection rules of <paramref name="rules"/>.</summary>
    public CorrelationWorker(IStreamingTransport transport, RuleSet rules, IReadOnlyList<ICorrelationRule> correlations, StreamingOptions options,
        StreamingMetrics metrics, ILogger logger)
    {
        _transport = transport;
        _rules = rules;
        _options = options;
        _metrics = metrics;
        _logger = logger;
        _routing = new CorrelationRouting(correlations, options.Partitions);
        _publisher = new MessagePublisher(transport, options, metrics, logger, PublishedKind.CorrelationAlert);
    }

    /// <summary>Runs every owned partition until <paramref name="stoppingToken"/> is cancelled, then checkpoints them.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        if (!PartitionList.TryParse(_options.OwnedPartitions, _options.Partitions, out IReadOnlyList<int>? partitions, out string? problem))
            throw new InvalidOperationException("OwnedPartitions: " + problem);
        if (_routing.Units.Count == 0)
            _logger.LogWarning("no correlation rules are compiled in: the partitions stay empty");
        _logger.LogInformation("correlation worker owning partitions {Partitions} of {Count}", string.Join(',', partitions), _options.Partitions);
        await Task.WhenAll(partitions.Select(p => RunPartitionAsync(p, stoppingToken))).ConfigureAwait(false);
    }

    private async Task RunPartitionAsync(int partition, CancellationToken stoppingToken)
    {
        try
        {
            while (await RunPartitionCoreAsync(partition, stoppingToken).ConfigureAwait(false))
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
        }
        catch (CheckpointConflictException e)
        {
            _logger.LogError("partition {Partition}: {Error}; this worker stops reading it (give each partition to one worker)", partition, e.Message);
        }
        catch (InvalidDataException e)
        {
            _logger.LogError("partition {Partition}: its checkpoint cannot be read ({Error}); this worker leaves it alone rather than count its windows again", partition, e.Message);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped before the partition was open.
        }
    }

    /// <summary>Runs the partition from its checkpoint; true when it must start again from the checkpoint.</summary>
    private async Task<bool> RunPartitionCoreAsync(int partition, CancellationToken stoppingToken)
    {
        var state = new PartitionProcessor(partition, _routing, _rules.Rules, _options);
        StoredCheckpoint? stored = await _transport.Checkpoints.LoadAsync(partition, stoppingToken).ConfigureAwait(false);
        ulong version = 0;
        if (stored is not null)
        {
            int skipped = state.Restore(PartitionCheckpoint.FromBytes(stored.Data));
            version = stored.Version;
            _logger.LogInformation("partition {Partition}: resumed after position {Position}{Skipped}", partition, state.Position,
                skipped > 0 ? $" ({skipped} states of changed or removed correlations dropped)" : "");
        }

        await using IOrderedReader reader = await _transport.OpenOrderedAsync(_options.CorrelationStream, _options.PartitionSubject(partition), state.Position, stoppingToken).ConfigureAwait(false);
        ulong checkpointed = state.Position;
        long processedSince = 0;
        var sinceCheckpoint = Stopwatch.StartNew();
        var lagClock = Stopwatch.StartNew();
        var output = new List<OutboundMessage>();
        while (!stoppingToken.IsCancellationRequested)
        {
            IReadOnlyList<IInboundMessage> batch;
            try
            {
                batch = await reader.FetchAsync(_options.BatchSize, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogWarning("partition {Partition}: fetching failed, retrying: {Error}", partition, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None).ConfigureAwait(false);
                continue;
            }

            using (var drain = new CancellationTokenSource(DrainTimeout))
            {
                if (!await ProcessBatchAsync(state, batch, output, drain.Token).ConfigureAwait(false))
                {
                    // An alert could not be stored: go back to the last checkpoint rather than skip it.
                    _logger.LogWarning("partition {Partition}: alerts could not be stored; resuming from the last checkpoint", partition);
                    return true;
                }
            }
            _metrics.SetEvictions(partition, state.EvictedGroups);
            processedSince += batch.Count;
            if (state.Position != checkpointed
                && (processedSince >= _options.CheckpointEvery || sinceCheckpoint.Elapsed >= _options.CheckpointInterval))
            {
                version = await SaveAsync(partition, state, version, stoppingToken).ConfigureAwait(false);
                checkpointed = state.Position;
                processedSince = 0;
                sinceCheckpoint.Restart();
            }
            if (lagClock.Elapsed >= _options.CheckpointInterval)
            {
                lagClock.Restart();
                await ReadLagAsync(partition, reader, stoppingToken).ConfigureAwait(false);
            }
        }

        if (state.Position != checkpointed)
        {
            using var final = new CancellationTokenSource(DrainTimeout);
            await SaveAsync(partition, state, version, final.Token).ConfigureAwait(false);
        }
        _logger.LogInformation("partition {Partition}: stopped at position {Position}", partition, state.Position);
        return false;
    }

    private async Task<bool> ProcessBatchAsync(PartitionProcessor state, IReadOnlyList<IInboundMessage> batch, List<OutboundMessage> output, CancellationToken cancellationToken)
    {
        output.Clear();
        foreach (IInboundMessage message in batch)
        {
            _metrics.CountCorrelationInput();
            if (state.Process(message, output) == InputOutcome.Skipped)
            {
                _metrics.CountSkippedInput();
                _logger.LogWarning("correlation input {Position} skipped: its unit or rules are not compiled into this worker, or its headers are damaged", message.Position);
            }
        }
        return await _publisher.PublishAllAsync(output, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ulong> SaveAsync(int partition, PartitionProcessor state, ulong version, CancellationToken cancellationToken)
    {
        try
        {
            ulong saved = await _transport.Checkpoints.SaveAsync(partition, state.Checkpoint().ToBytes(), version, cancellationToken).ConfigureAwait(false);
            _metrics.CountCheckpoint(saved: true);
            return saved;
        }
        catch (CheckpointConflictException)
        {
            _metrics.CountCheckpoint(saved: false);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not fatal: the next checkpoint tries again; until then a restart replays a little more.
            _metrics.CountCheckpoint(saved: false);
            _logger.LogWarning("partition {Partition}: checkpoint failed: {Error}", partition, e.Message);
            return version;
        }
    }

    private async Task ReadLagAsync(int partition, IOrderedReader reader, CancellationToken cancellationToken)
    {
        try
        {
            if (await reader.PendingAsync(cancellationToken).ConfigureAwait(false) is long pending)
                _metrics.SetLag("partition-" + partition.ToString(System.Globalization.CultureInfo.InvariantCulture), pending);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogDebug("partition {Partition}: reading the lag failed: {Error}", partition, e.Message);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
