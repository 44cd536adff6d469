using System;
using System.Threading;
using System.Threading.Tasks;
using NATS.Client.JetStream;
using SigmaCompile.Streaming.Transport;

namespace SigmaCompile.Streaming.JetStream;

/// <summary>A JetStream message as the workers see it.</summary>
internal sealed class JetStreamMessage : IInboundMessage
{
    private readonly INatsJSMsg<byte[]> _message;

    public JetStreamMessage(INatsJSMsg<byte[]> message)
    {
        _message = message;
    }

    public ReadOnlyMemory<byte> Data => _message.Data ?? ReadOnlyMemory<byte>.Empty;

    public ulong Position => _message.Metadata?.Sequence.Stream ?? 0;

    public ulong ConsumerPosition => _message.Metadata?.Sequence.Consumer ?? 0;

    public DateTimeOffset StoredAt => _message.Metadata?.Timestamp ?? default;

    public long DeliveryCount => (long)(_message.Metadata?.NumDelivered ?? 1);

    public string? Header(string name) =>
        _message.Headers is { } headers && headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    public ValueTask AcknowledgeAsync(CancellationToken cancellationToken) => _message.AckAsync(cancellationToken: cancellationToken);
}
