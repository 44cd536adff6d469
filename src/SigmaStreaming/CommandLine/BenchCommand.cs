using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using NATS.Client.JetStream;
using SigmaCompile.Streaming.Input;
using SigmaCompile.Streaming.JetStream;
using SigmaCompile.Streaming.Transport;

namespace SigmaCompile.Streaming.CommandLine;

/// <summary>
/// <c>bench</c>: publishes files and measures how fast the running detection workers take them, and how long an
/// event takes to become an alert. Run against fresh streams, with the workers started as the command says.
/// </summary>
internal static class BenchCommand
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// With <paramref name="preloaded"/>, publishes everything first and times the workers from the first delivery to
    /// the last acknowledgement (start them when told). Otherwise publishes while they run and also reports the
    /// latency from an event being stored to each of its alerts being stored (both by the server's clock).
    /// </summary>
    public static async Task<int> RunAsync(JetStreamTransport transport, StreamingOptions options, IReadOnlyList<string> files, bool preloaded, int? rate, CancellationToken cancellationToken)
    {
        await transport.EnsureTopologyAsync(cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        IEnumerable<EventRecord> records = files.SelectMany(f => EventFileReader.Read(f, f));
        long published = await new EventPublisher(transport, options).PublishAsync(rate is int perSecond ? Paced(records, perSecond) : records,
            r => Console.Error.WriteLine($"SigmaStream: {r.Source}: {r.Problem}"), cancellationToken).ConfigureAwait(false);
        Console.Error.WriteLine($"SigmaStream: {published} events published in {clock.Elapsed.TotalSeconds:F2} s");
        if (preloaded)
        {
            Console.Error.WriteLine("SigmaStream: start the detection workers now");
            while ((await BacklogAsync(transport, options, cancellationToken).ConfigureAwait(false)).Pending >= (ulong)published)
                await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
            clock.Restart();
        }
        while (await BacklogAsync(transport, options, cancellationToken).ConfigureAwait(false) is not (0, 0))
            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        double seconds = clock.Elapsed.TotalSeconds;
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{published} events in {seconds:F2} s: {published / seconds:F0} events/s ({(preloaded ? "first delivery to last acknowledgement" : "first publication to last acknowledgement")})"));
        if (!preloaded)
            await ReportLatencyAsync(transport, options, cancellationToken).ConfigureAwait(false);
        return StreamCommandLine.ExitOk;
    }

    // Holds the publisher back to a steady rate, so latency is measured on a stream the workers keep up with.
    private static IEnumerable<EventRecord> Paced(IEnumerable<EventRecord> records, int perSecond)
    {
        var clock = Stopwatch.StartNew();
        long count = 0;
        foreach (EventRecord record in records)
        {
            TimeSpan due = TimeSpan.FromSeconds((double)count++ / perSecond);
            if (due > clock.Elapsed)
                Thread.Sleep(due - clock.Elapsed);
            yield return record;
        }
    }

    private static async Task<(ulong Pending, long AckPending)> BacklogAsync(JetStreamTransport transport, StreamingOptions options, CancellationToken cancellationToken)
    {
        INatsJSConsumer consumer = await transport.Context.GetConsumerAsync(options.EventsStream, options.DetectionConsumer, cancellationToken).ConfigureAwait(false);
        return (consumer.Info.NumPending, consumer.Info.NumAckPending);
    }

    private static async Task ReportLatencyAsync(JetStreamTransport transport, StreamingOptions options, CancellationToken cancellationToken)
    {
        Dictionary<ulong, DateTimeOffset> eventTimes = (await ReadAllAsync(transport, options.EventsStream, options.EventsSubject, cancellationToken).ConfigureAwait(false))
            .ToDictionary(m => m.Position, m => m.StoredAt);
        var latencies = new List<double>();
        foreach (IInboundMessage alert in await ReadAllAsync(transport, options.AlertsStream, options.AlertsSubject, cancellationToken).ConfigureAwait(false))
        {
            using JsonDocument document = JsonDocument.Parse(alert.Data);
            if (document.RootElement.TryGetProperty("stream_seq", out JsonElement seq) && eventTimes.TryGetValue(seq.GetUInt64(), out DateTimeOffset stored))
                latencies.Add((alert.StoredAt - stored).TotalMilliseconds);
        }
        if (latencies.Count == 0)
        {
            Console.Out.WriteLine("no detections: no latency to report");
            return;
        }
        latencies.Sort();
        double Percentile(double p) => latencies[(int)Math.Min(latencies.Count - 1, Math.Ceiling(p / 100 * latencies.Count) - 1)];
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"event stored to alert stored, {latencies.Count} alerts: p50 {Percentile(50):F1} ms, p90 {Percentile(90):F1} ms, p99 {Percentile(99):F1} ms, max {latencies[^1]:F1} ms"));
    }

    private static async Task<List<IInboundMessage>> ReadAllAsync(JetStreamTransport transport, string stream, string subject, CancellationToken cancellationToken)
    {
        var messages = new List<IInboundMessage>();
        await using IOrderedReader reader = await transport.OpenOrderedAsync(stream, subject, 0, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            IReadOnlyList<IInboundMessage> batch = await reader.FetchAsync(1000, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
                return messages;
            messages.AddRange(batch);
        }
    }
}
