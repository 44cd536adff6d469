using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using SigmaCompile.Streaming.Transport;

namespace SigmaCompile.Streaming.JetStream;

/// <summary>
/// Reads one subject in order through an unacknowledged consumer of its own, started after a given position.
/// When a delivery goes missing (the consumer sequence skips, as after a reconnect), the consumer is made again
/// after the last message handed out, so the partition is read with no gap and no repeat.
/// </summary>
/// <remarks>
/// A single filter subject (not the 2.10 list) is used: NATS 2.9 ignores the list, and would deliver every partition.
/// </remarks>
internal sealed class JetStreamOrderedReader : IOrderedReader
{
    private readonly INatsJSContext _js;
    private readonly string _stream;
    private readonly string _subject;
    private readonly TimeSpan _wait;
    private ulong _after;
    private ulong _lastConsumerSequence;
    private INatsJSConsumer? _consumer;

    public JetStreamOrderedReader(INatsJSContext js, string stream, string subject, ulong afterPosition, TimeSpan wait)
    {
        _js = js;
        _stream = stream;
        _subject = subject;
        _after = afterPosition;
        _wait = wait;
    }

    public async ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        await DeleteConsumerAsync().ConfigureAwait(false);
        string name = string.Create(CultureInfo.InvariantCulture, $"{_stream}-reader-{Guid.NewGuid():N}");
        _consumer = await _js.CreateOrUpdateConsumerAsync(_stream, new ConsumerConfig
        {
            Name = name,
            FilterSubject = _subject,
            AckPolicy = ConsumerConfigAckPolicy.None,
            DeliverPolicy = _after == 0 ? ConsumerConfigDeliverPolicy.All : ConsumerConfigDeliverPolicy.ByStartSequence,
            OptStartSeq = _after == 0 ? 0 : _after + 1,
            // Left behind by a killed worker, it goes away by itself.
            InactiveThreshold = TimeSpan.FromMinutes(1),
        }, cancellationToken).ConfigureAwait(false);
        _lastConsumerSequence = 0;
    }

    public async ValueTask<IReadOnlyList<IInboundMessage>> FetchAsync(int max, CancellationToken cancellationToken)
    {
        if (_consumer is null)
            await OpenAsync(cancellationToken).ConfigureAwait(false);
        var batch = new List<IInboundMessage>(max);
        bool gap = false;
        foreach (INatsJSMsg<byte[]> message in await JetStreamFetch.FetchAsync(_consumer!, max, _wait, cancellationToken).ConfigureAwait(false))
        {
            var wrapped = new JetStreamMessage(message);
            if (gap || wrapped.ConsumerPosition != _lastConsumerSequence + 1)
            {
                gap = true; // Drop the rest: they are read again, in order, by the new consumer.
                continue;
            }
            _lastConsumerSequence = wrapped.ConsumerPosition;
            _after = wrapped.Position;
            batch.Add(wrapped);
        }
        if (gap)
            await OpenAsync(cancellationToken).ConfigureAwait(false);
        return batch;
    }

    public async ValueTask<long?> PendingAsync(CancellationToken cancellationToken)
    {
        if (_consumer is null)
            return null;
        await _consumer.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return (long)_consumer.Info.NumPending;
    }

    private async ValueTask DeleteConsumerAsync()
    {
        if (_consumer is null)
            return;
        string name = _consumer.Info.Name;
        _consumer = null;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _js.DeleteConsumerAsync(_stream, name, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or NATS.Client.Core.NatsException)
        {
            // The inactivity threshold removes it.
        }
    }

    public ValueTask DisposeAsync() => DeleteConsumerAsync();
}
