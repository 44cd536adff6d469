using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using NATS.Client.JetStream;
using SigmaCompile.Streaming.Transport;

namespace SigmaCompile.Streaming.JetStream;

/// <summary>The durable pull consumer detection workers share.</summary>
internal sealed class JetStreamEventSource : IEventSource
{
    private readonly INatsJSConsumer _consumer;
    private readonly TimeSpan _wait;

    public JetStreamEventSource(INatsJSConsumer consumer, TimeSpan wait)
    {
        _consumer = consumer;
        _wait = wait;
    }

    public async ValueTask<IReadOnlyList<IInboundMessage>> FetchAsync(int max, CancellationToken cancellationToken)
    {
        List<INatsJSMsg<byte[]>> messages = await JetStreamFetch.FetchAsync(_consumer, max, _wait, cancellationToken).ConfigureAwait(false);
        return messages.ConvertAll<IInboundMessage>(m => new JetStreamMessage(m));
    }

    public async ValueTask<long?> PendingAsync(CancellationToken cancellationToken)
    {
        await _consumer.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return (long)_consumer.Info.NumPending;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
