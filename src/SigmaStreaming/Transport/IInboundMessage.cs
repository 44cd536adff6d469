using System;
using System.Threading;
using System.Threading.Tasks;

namespace SigmaCompile.Streaming.Transport;

/// <summary>A message read from a stream.</summary>
public interface IInboundMessage
{
    /// <summary>Its body.</summary>
    ReadOnlyMemory<byte> Data { get; }

    /// <summary>Its position in its stream (JetStream's stream sequence; a Kafka offset would do).</summary>
    ulong Position { get; }

    /// <summary>When the server stored it (by the server's clock).</summary>
    DateTimeOffset StoredAt { get; }

    /// <summary>How often it has been delivered, this time included (more than 1 means redelivered).</summary>
    long DeliveryCount { get; }

    /// <summary>The value of header <paramref name="name"/>, or null.</summary>
    string? Header(string name);

    /// <summary>Tells the server the message is done with, so it is not delivered again (a no-op for unacknowledged reads).</summary>
    ValueTask AcknowledgeAsync(CancellationToken cancellationToken);
}
