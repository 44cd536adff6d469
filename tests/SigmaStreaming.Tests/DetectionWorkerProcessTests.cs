using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using SigmaCompile.Streaming.Input;
using SigmaCompile.TestSupport;
using SigmaStreaming.Tests.Infrastructure;
using Xunit;

namespace SigmaStreaming.Tests;

/// <summary>
/// Detection workers as separate processes against a real nats-server: two of them produce exactly the alerts that
/// SigmaScan's way of matching gives on the same events (no loss, no duplicates), and still do when one is killed
/// in the middle without draining.
/// </summary>
[Collection(NatsCollection.Name)]
public sealed class DetectionWorkerProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);
    private readonly NatsServer _server;

    public DetectionWorkerProcessTests(NatsServer server)
    {
        _server = server;
    }

    [SharedDataFact]
    public Task Two_workers_over_20000_real_events_produce_exactly_the_in_process_alert_set() =>
        TwoWorkersAsync(TestEvents.SharedOver20000(), minimumEvents: 20_000);

    [Fact]
    public Task Two_workers_over_generated_events_produce_exactly_the_in_process_alert_set() =>
        TwoWorkersAsync(TestEvents.Generated("generated.jsonl", 5000), minimumEvents: 5000);

    [SharedDataFact]
    public Task Killing_one_of_two_workers_mid_stream_over_real_events_loses_and_repeats_nothing() =>
        KillOneWorkerAsync(_ => TestEvents.SharedOver20000());

    [Fact]
    public Task Killing_one_of_two_workers_mid_stream_over_generated_events_loses_and_repeats_nothing() =>
        KillOneWorkerAsync(attempt => TestEvents.Generated("generated.jsonl", 8000 << (2 * attempt)));

    private async Task TwoWorkersAsync(IReadOnlyList<EventRecord> records, int minimumEvents)
    {
        Assert.True(records.Count >= minimumEvents, $"only {records.Count} events");
        IReadOnlyList<AlertKey> expected = ExpectedAlerts.Of(records);
        TestStreams streams = TestStreams.Create(_server.Url);
        await using StreamProbe probe = await StreamProbe.ConnectAsync(streams.Options);
        await using WorkerProcess first = WorkerProcess.Start(streams.Args("detect"));
        await using WorkerProcess second = WorkerProcess.Start(streams.Args("detect"));
        // Both are reading before the events come, so that both get a share.
        await first.WaitForLogAsync("detection worker reading", TimeSpan.FromMinutes(1));
        await second.WaitForLogAsync("detection worker reading", TimeSpan.FromMinutes(1));

        Assert.Equal(records.Count, await probe.PublishAsync(records));
        await probe.WaitUntilAllAcknowledgedAsync(Patience, () => Logs(first, second));
        await AssertExactAsync(probe, expected, () => Logs(first, second));

        // Both took part, and together they took every event (a redelivered one counts twice).
        first.Terminate();
        second.Terminate();
        Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        long firstEvents = EventsIn(first), secondEvents = EventsIn(second);
        Assert.True(firstEvents > 0 && secondEvents > 0, $"one worker did nothing: {firstEvents} and {secondEvents}\n{Logs(first, second)}");
        Assert.True(firstEvents + secondEvents >= records.Count, Logs(first, second));
    }

    // A busy machine can starve the polling loop until the workers have taken every event, and then the kill tests
    // nothing. Each run is still checked exactly; a run whose kill came too late is repeated (with more events where
    // the source allows), and the test fails only if no run of three killed the worker mid-stream.
    private async Task KillOneWorkerAsync(Func<int, IReadOnlyList<EventRecord>> recordsFor)
    {
        for (int attempt = 0; attempt < 3; attempt++)
        {
            if (await KillOneWorkerOnceAsync(recordsFor(attempt)))
                return;
        }
        Assert.Fail("in three runs the kill came after the last event was delivered");
    }

    private async Task<bool> KillOneWorkerOnceAsync(IReadOnlyList<EventRecord> records)
    {
        IReadOnlyList<AlertKey> expected = ExpectedAlerts.Of(records);
        TestStreams streams = TestStreams.Create(_server.Url);
        await using StreamProbe probe = await StreamProbe.ConnectAsync(streams.Options);
        // Everything is published first, so the kill falls in the middle of the work unless the poll is starved.
        Assert.Equal(records.Count, await probe.PublishAsync(records));

        await using WorkerProcess victim = WorkerProcess.Start(streams.Args("detect", "--batch-size", "64"));
        await using WorkerProcess survivor = WorkerProcess.Start(streams.Args("detect", "--batch-size", "64"));
        ulong pendingAtKill;
        while (true)
        {
            (ulong pending, long _) = await probe.DetectionBacklogAsync();
            if (pending < (ulong)(records.Count * 9 / 10))
            {
                victim.Kill();
                pendingAtKill = pending;
                break;
            }
            Assert.False(victim.HasExited || survivor.HasExited, Logs(victim, survivor));
            await Task.Delay(5);
        }

        await probe.WaitUntilAllAcknowledgedAsync(Patience, () => Logs(victim, survivor));
        await AssertExactAsync(probe, expected, () => Logs(victim, survivor));
        return pendingAtKill > 0;
    }

    private static async Task AssertExactAsync(StreamProbe probe, IReadOnlyList<AlertKey> expected, Func<string> context)
    {
        // Every alert is stored before its event is acknowledged, so all are there once the events are.
        List<AlertKey> actual = (await probe.ReadAlertsAsync(TimeSpan.FromSeconds(2))).Select(AlertKey.Of).ToList();
        Assert.True(expected.Count > 0, "the rules gave no detections to compare");
        AlertKey[] duplicates = actual.GroupBy(a => a).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        Assert.True(duplicates.Length == 0, $"{duplicates.Length} alerts stored twice, such as {duplicates.FirstOrDefault()}\n{context()}");
        AlertKey[] missing = expected.Except(actual).ToArray();
        AlertKey[] extra = actual.Except(expected).ToArray();
        Assert.True(missing.Length == 0 && extra.Length == 0,
            $"{missing.Length} alerts missing (such as {missing.FirstOrDefault()}), {extra.Length} unexpected (such as {extra.FirstOrDefault()})\n{context()}");
        Assert.Equal(expected.Count, actual.Count);
    }

    private static long EventsIn(WorkerProcess worker)
    {
        Match last = Regex.Matches(worker.Errors, @"events in (\d+)").LastOrDefault()
            ?? throw new InvalidOperationException("no metrics line in the worker's log:\n" + worker.Errors);
        return long.Parse(last.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Logs(params WorkerProcess[] workers) =>
        string.Join("\n", workers.Select(w => $"--- {w.Description}\n{w.Errors}"));
}
