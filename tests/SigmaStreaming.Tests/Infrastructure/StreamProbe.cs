using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using NATS.Client.JetStream;
using SigmaCompile.Streaming;
using SigmaCompile.Streaming.Input;
using SigmaCompile.Streaming.JetStream;
using SigmaCompile.Streaming.Transport;

namespace SigmaStreaming.Tests.Infrastructure;

/// <summary>An alert as the tests compare them: which rule, on which record of which source.</summary>
public readonly record struct AlertKey(string Source, long Record, string RuleId)
{
    /// <summary>Reads the key of an alert line.</summary>
    public static AlertKey Of(JsonElement alert) =>
        new(alert.GetProperty("source").GetString()!, alert.GetProperty("record").GetInt64(), alert.GetProperty("rule_id").GetString()!);
}

/// <summary>The test's own connection to the server: publishes events, watches the detection consumer and reads the results.</summary>
public sealed class StreamProbe : IAsyncDisposable
{
    private readonly JetStreamTransport _transport;

    private StreamProbe(JetStreamTransport transport, StreamingOptions options)
    {
        _transport = transport;
        Options = options;
    }

    /// <summary>The options naming the test's streams.</summary>
    public StreamingOptions Options { get; }

    /// <summary>The transport, for in-process workers.</summary>
    public JetStreamTransport Transport => _transport;

    /// <summary>Connects and creates the test's streams.</summary>
    public static async Task<StreamProbe> ConnectAsync(StreamingOptions options)
    {
        JetStreamTransport transport = await JetStreamTransport.ConnectAsync(options, "sigma-tests", CancellationToken.None);
        await transport.EnsureTopologyAsync(CancellationToken.None);
        return new StreamProbe(transport, options);
    }

    /// <summary>Publishes <paramref name="records"/> as the publish command does and returns how many were stored.</summary>
    public Task<long> PublishAsync(IEnumerable<EventRecord> records) =>
        new EventPublisher(_transport, Options).PublishAsync(records, r => throw new InvalidOperationException($"{r.Source}: {r.Problem}"), CancellationToken.None);

    /// <summary>The detection consumer's messages not yet delivered and delivered but not acknowledged.</summary>
    public async Task<(ulong Pending, long AckPending)> DetectionBacklogAsync()
    {
        INatsJSConsumer consumer = await _transport.Context.GetConsumerAsync(Options.EventsStream, Options.DetectionConsumer);
        return (consumer.Info.NumPending, consumer.Info.NumAckPending);
    }

    /// <summary>Waits until every published event is acknowledged; fails after <paramref name="timeout"/> with <paramref name="context"/>.</summary>
    public async Task WaitUntilAllAcknowledgedAsync(TimeSpan timeout, Func<string> context)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            (ulong pending, long ackPending) = await DetectionBacklogAsync();
            if (pending == 0 && ackPending == 0)
                return;
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"events still waiting after {timeout}: {pending} not delivered, {ackPending} not acknowledged\n{context()}");
            await Task.Delay(200);
        }
    }

    /// <summary>Every message of <paramref name="subject"/> in <paramref name="stream"/>, read until none comes for <paramref name="idle"/>.</summary>
    public async Task<IReadOnlyList<IInboundMessage>> ReadAllAsync(string stream, string subject, TimeSpan idle)
    {
        var messages = new List<IInboundMessage>();
        await using IOrderedReader reader = await _transport.OpenOrderedAsync(stream, subject, 0, CancellationToken.None);
        var quiet = Stopwatch.StartNew();
        while (quiet.Elapsed < idle)
        {
            IReadOnlyList<IInboundMessage> batch = await reader.FetchAsync(1000, CancellationToken.None);
            if (batch.Count > 0)
                quiet.Restart();
            messages.AddRange(batch);
        }
        return messages;
    }

    /// <summary>Every alert stored, as parsed JSON, read until none comes for <paramref name="idle"/>.</summary>
    public async Task<IReadOnlyList<JsonElement>> ReadAlertsAsync(TimeSpan idle)
    {
        var alerts = new List<JsonElement>();
        await AlertReader.ReadAsync(_transport, Options, idle, data => alerts.Add(JsonDocument.Parse(data).RootElement.Clone()), CancellationToken.None);
        return alerts;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _transport.DisposeAsync();
}
