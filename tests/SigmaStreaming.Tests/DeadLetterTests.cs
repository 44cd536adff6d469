using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging.Abstractions;
using SigmaCompile.Streaming.Detection;
using SigmaCompile.Streaming.Input;
using SigmaCompile.Streaming.Operations;
using SigmaCompile.Streaming.Transport;
using SigmaStreaming.Tests.Infrastructure;
using SigmaStreaming.TestWorker;
using SigmaStreaming.TestWorker.Rules;
using Xunit;

namespace SigmaStreaming.Tests;

/// <summary>
/// Malformed messages (not JSON, not an object, too large, too deep) go to the dead-letter subject with the reason,
/// are acknowledged and counted, and the worker goes on with the events after them. An in-process worker against a
/// real nats-server, so its counters can be read.
/// </summary>
[Collection(NatsCollection.Name)]
public sealed class DeadLetterTests
{
    private readonly NatsServer _server;

    public DeadLetterTests(NatsServer server)
    {
        _server = server;
    }

    [Fact]
    public async Task Malformed_messages_are_dead_lettered_with_their_reason_acknowledged_and_counted()
    {
        TestStreams streams = TestStreams.Create(_server.Url);
        streams.Options.MaxEventBytes = 4096;
        await using StreamProbe probe = await StreamProbe.ConnectAsync(streams.Options);
        using var metrics = new StreamingMetrics();
        var worker = new DetectionWorker(probe.Transport, SigmaRules.Set, TestCorrelations.All, streams.Options, metrics, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        Task running = worker.RunAsync(stop.Token);

        string huge = "{\"probe\":\"10\",\"padding\":\"" + new string('x', 10_000) + "\"}";
        string deep = string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100);
        EventRecord[] records =
        {
            TestEvents.Record("mixed.jsonl", 1, """{"probe":"7"}"""),
            TestEvents.Record("mixed.jsonl", 2, """{"probe": "10", broken"""),
            TestEvents.Record("mixed.jsonl", 3, """[{"probe":"7"}]"""),
            TestEvents.Record("mixed.jsonl", 4, "\"just text\""),
            TestEvents.Record("mixed.jsonl", 5, huge),
            TestEvents.Record("mixed.jsonl", 6, deep),
            TestEvents.Record("mixed.jsonl", 7, "\u00ff\u00fe not utf-8 JSON"),
            TestEvents.Record("mixed.jsonl", 8, """{"probe":"20"}"""),
        };
        await probe.PublishAsync(records);
        await probe.WaitUntilAllAcknowledgedAsync(TimeSpan.FromMinutes(1), () => "in-process worker");
        stop.Cancel();
        await running;

        IReadOnlyList<IInboundMessage> dead = await probe.ReadAllAsync(streams.Options.DeadLetterStream, streams.Options.DeadLetterSubject, TimeSpan.FromSeconds(1));
        var reasons = dead.ToDictionary(m => long.Parse(m.Header(StreamHeaders.Record)!, System.Globalization.CultureInfo.InvariantCulture), m => m.Header(StreamHeaders.Reason)!);
        Assert.Equal(new long[] { 2, 3, 4, 5, 6, 7 }, reasons.Keys.Order());
        Assert.StartsWith("not JSON: ", reasons[2], StringComparison.Ordinal);
        Assert.Equal("not a JSON object but an array", reasons[3]);
        Assert.Equal("not a JSON object but a string", reasons[4]);
        Assert.Equal($"too large: {Encoding.UTF8.GetByteCount(huge)} bytes, more than MaxEventBytes (4096)", reasons[5]);
        Assert.Contains("depth", reasons[6], StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("not JSON: ", reasons[7], StringComparison.Ordinal);
        foreach (IInboundMessage message in dead)
        {
            long record = long.Parse(message.Header(StreamHeaders.Record)!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal("mixed.jsonl", message.Header(StreamHeaders.Source));
            Assert.Equal(records[record - 1].Data.ToArray(), message.Data.ToArray()); // the message as it came, to inspect or replay
        }

        Assert.Equal(6, metrics.DeadLetters);
        Assert.Equal(8, metrics.EventsIn);
        // The worker went on: the events after the malformed ones were matched.
        AlertKey[] alerts = (await probe.ReadAlertsAsync(TimeSpan.FromSeconds(1))).Select(AlertKey.Of).ToArray();
        Assert.Equal(new[] { new AlertKey("mixed.jsonl", 1, "5e0d7c61-3b0f-4c55-9d5e-0c1f6d2a7b08"), new AlertKey("mixed.jsonl", 8, "5e0d7c61-3b0f-4c55-9d5e-0c1f6d2a7b08") },
            alerts.OrderBy(a => a.Record));
    }
}
