using System;
using System.Threading;
using System.Threading.Tasks;

namespace SigmaCompile.Streaming.Transport;

/// <summary>
/// The seam between the workers and the streaming engine: read a batch, publish with a message id, acknowledge,
/// read a subject in order from a position, and keep checkpoints. <see cref="JetStream.JetStreamTransport"/> implements it
/// on NATS JetStream; docs/streaming.md says how a Kafka implementation would map.
/// </summary>
public interface IStreamingTransport : IAsyncDisposable
{
    /// <summary>Creates the streams, the detection consumer and the checkpoint bucket when missing (idempotent).</summary>
    ValueTask EnsureTopologyAsync(CancellationToken cancellationToken);

    /// <summary>Joins the detection workers' shared consumer of the events stream.</summary>
    ValueTask<IEventSource> OpenEventsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Reads <paramref name="subject"/> of <paramref name="stream"/> in order from just after
    /// <paramref name="afterPosition"/> (0: from the start): a correlation partition, or the alerts.
    /// </summary>
    ValueTask<IOrderedReader> OpenOrderedAsync(string stream, string subject, ulong afterPosition, CancellationToken cancellationToken);

    /// <summary>Publishes a message and returns once the server has stored it; true when it was a duplicate (stored before).</summary>
    ValueTask<bool> PublishAsync(OutboundMessage message, CancellationToken cancellationToken);

    /// <summary>The correlation checkpoints.</summary>
    ICheckpointStore Checkpoints { get; }

    /// <summary>Whether the connection to the server is up.</summary>
    bool IsConnected { get; }
}
