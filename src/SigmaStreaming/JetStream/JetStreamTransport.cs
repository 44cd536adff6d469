using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Net;
using SigmaCompile.Streaming.Transport;

namespace SigmaCompile.Streaming.JetStream;

/// <summary>The transport on NATS JetStream (servers 2.9 and later).</summary>
public sealed class JetStreamTransport : IStreamingTransport
{
    private readonly StreamingOptions _options;
    private readonly NatsConnection _connection;
    private readonly INatsJSContext _js;
    private readonly JetStreamCheckpointStore _checkpoints;

    private JetStreamTransport(StreamingOptions options, NatsConnection connection)
    {
        _options = options;
        _connection = connection;
        _js = connection.CreateJetStreamContext();
        _checkpoints = new JetStreamCheckpointStore(connection.CreateKeyValueStoreContext(), options.CheckpointBucket);
    }

    /// <summary>Connects to the server named by <see cref="StreamingOptions.Nats"/>.</summary>
    /// <exception cref="NatsException">The server cannot be reached.</exception>
    public static async ValueTask<JetStreamTransport> ConnectAsync(StreamingOptions options, string clientName, CancellationToken cancellationToken)
    {
        var connection = new NatsConnection(new NatsOpts { Url = options.Nats, Name = clientName });
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new JetStreamTransport(options, connection);
    }

    /// <inheritdoc />
    public ICheckpointStore Checkpoints => _checkpoints;

    /// <inheritdoc />
    public bool IsConnected => _connection.ConnectionState == NatsConnectionState.Open;

    internal INatsJSContext Context => _js;

    /// <inheritdoc />
    public async ValueTask EnsureTopologyAsync(CancellationToken cancellationToken)
    {
        await EnsureStreamAsync(_options.EventsStream, _options.EventsSubject, cancellationToken).ConfigureAwait(false);
        await EnsureStreamAsync(_options.AlertsStream, _options.AlertsSubject, cancellationToken).ConfigureAwait(false);
        await EnsureStreamAsync(_options.DeadLetterStream, _options.DeadLetterSubject, cancellationToken).ConfigureAwait(false);
        await EnsureStreamAsync(_options.CorrelationStream, _options.CorrelationSubject + ".*", cancellationToken).ConfigureAwait(false);
        await _js.CreateOrUpdateConsumerAsync(_options.EventsStream, DetectionConsumerConfig(), cancellationToken).ConfigureAwait(false);
        await _checkpoints.EnsureBucketAsync(cancellationToken).ConfigureAwait(false);
    }

    private ValueTask<INatsJSStream> EnsureStreamAsync(string name, string subject, CancellationToken cancellationToken) =>
        _js.CreateOrUpdateStreamAsync(new StreamConfig(name, new[] { subject })
        {
            Storage = StreamConfigStorage.File,
            Retention = StreamConfigRetention.Limits,
            MaxAge = _options.MaxAge,
            DuplicateWindow = _options.DuplicateWindow,
        }, cancellationToken);

    private ConsumerConfig DetectionConsumerConfig() => new(_options.DetectionConsumer)
    {
        FilterSubject = _options.EventsSubject,
        AckPolicy = ConsumerConfigAckPolicy.Explicit,
        AckWait = _options.AckWait,
        // Unlimited: a message the server stopped redelivering would be an event lost. Malformed events are
        // acknowledged (to the dead-letter stream), so only a worker that cannot finish keeps one coming back.
        MaxDeliver = -1,
        DeliverPolicy = ConsumerConfigDeliverPolicy.All,
        MaxAckPending = Math.Max(1000, _options.BatchSize * 16),
    };

    /// <inheritdoc />
    public async ValueTask<IEventSource> OpenEventsAsync(CancellationToken cancellationToken)
    {
        INatsJSConsumer consumer;
        try
        {
            consumer = await _js.GetConsumerAsync(_options.EventsStream, _options.DetectionConsumer, cancellationToken).ConfigureAwait(false);
        }
        catch (NatsJSApiException e) when (e.Error.Code == 404)
        {
            await EnsureTopologyAsync(cancellationToken).ConfigureAwait(false);
            consumer = await _js.GetConsumerAsync(_options.EventsStream, _options.DetectionConsumer, cancellationToken).ConfigureAwait(false);
        }
        return new JetStreamEventSource(consumer, _options.FetchWait);
    }

    /// <inheritdoc />
    public async ValueTask<IOrderedReader> OpenOrderedAsync(string stream, string subject, ulong afterPosition, CancellationToken cancellationToken)
    {
        var reader = new JetStreamOrderedReader(_js, stream, subject, afterPosition, _options.FetchWait);
        await reader.OpenAsync(cancellationToken).ConfigureAwait(false);
        return reader;
    }

    /// <inheritdoc />
    public async ValueTask<bool> PublishAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var headers = new NatsHeaders();
        foreach (KeyValuePair<string, string> header in message.Headers)
            headers[header.Key] = header.Value;
        PubAckResponse ack = await _js.PublishAsync(message.Subject, message.Data, opts: new NatsJSPubOpts { MsgId = message.MessageId },
            headers: headers, cancellationToken: cancellationToken).ConfigureAwait(false);
        // Not EnsureSuccess: it takes a duplicate for a failure, and a duplicate is what a repeated publication should get.
        if (ack.Error is { } error)
            throw new NatsJSApiException(error);
        return ack.Duplicate;
    }

    /// <summary>Makes sure the server has received everything sent so far (acknowledgements included).</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken) =>
        await _connection.PingAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            // Acknowledgements are sent without waiting for an answer; a round trip makes sure they left.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            if (IsConnected)
                await FlushAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or NatsException)
        {
            // Unacknowledged messages come back after the acknowledgement wait: nothing is lost.
        }
        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
