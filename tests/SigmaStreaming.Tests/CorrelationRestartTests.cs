using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using SigmaStreaming.Tests.Infrastructure;
using SigmaStreaming.TestWorker;
using Xunit;

namespace SigmaStreaming.Tests;

/// <summary>
/// A correlation worker restarted in the middle of a correlation's window, as separate processes against a real
/// nats-server: a group whose events straddle the restart fires exactly once, and a group that fired before the
/// restart does not fire again when the messages after the last checkpoint are processed a second time.
/// </summary>
[Collection(NatsCollection.Name)]
public sealed class CorrelationRestartTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly string CorrelationId = TestCorrelations.RepeatedLoginFailures.Id.ToString("D");
    private readonly NatsServer _server;

    public CorrelationRestartTests(NatsServer server)
    {
        _server = server;
    }

    [Fact]
    public Task A_killed_correlation_worker_resumes_from_its_checkpoint_and_fires_once_per_group() => RestartAsync(stop => stop.Kill());

    [Fact]
    public Task A_stopped_correlation_worker_resumes_from_its_checkpoint_and_fires_once_per_group() => RestartAsync(stop => stop.Terminate());

    private async Task RestartAsync(Action<WorkerProcess> stop)
    {
        TestStreams streams = TestStreams.Create(_server.Url);
        await using StreamProbe probe = await StreamProbe.ConnectAsync(streams.Options);
        await using WorkerProcess detect = WorkerProcess.Start(streams.Args("detect"));
        await using WorkerProcess first = WorkerProcess.Start(streams.Args("correlate", "--partitions", "0-3"));

        // Alice fails twice before the restart, Bob three times (so Bob's alert comes before it).
        await probe.PublishAsync(new[]
        {
            TestEvents.LoginFailed("logins.jsonl", 1, "alice", Start),
            TestEvents.LoginFailed("logins.jsonl", 2, "bob", Start),
            TestEvents.LoginFailed("logins.jsonl", 3, "alice", Start.AddMinutes(1)),
            TestEvents.LoginFailed("logins.jsonl", 4, "bob", Start.AddMinutes(1)),
            TestEvents.LoginFailed("logins.jsonl", 5, "bob", Start.AddMinutes(2)),
        });
        await WaitForCorrelationAlertAsync(probe, "bob", () => Logs(detect, first));
        stop(first);
        await first.WaitForExitAsync(TimeSpan.FromSeconds(60));

        // Alice's third failure arrives while no correlation worker runs; a new one picks the partitions up.
        await probe.PublishAsync(new[] { TestEvents.LoginFailed("logins2.jsonl", 1, "alice", Start.AddMinutes(3)) });
        await using WorkerProcess second = WorkerProcess.Start(streams.Args("correlate", "--partitions", "0-3"));
        await WaitForCorrelationAlertAsync(probe, "alice", () => Logs(detect, first, second));
        await Task.Delay(TimeSpan.FromSeconds(3)); // room for a duplicate to show up, were there one

        IReadOnlyList<JsonElement> alerts = await probe.ReadAlertsAsync(TimeSpan.FromSeconds(1));
        JsonElement[] correlation = alerts.Where(a => a.GetProperty("rule_id").GetString() == CorrelationId).ToArray();
        Assert.True(correlation.Length == 2, $"{correlation.Length} correlation alerts:\n{string.Join("\n", alerts)}\n{Logs(detect, first, second)}");
        JsonElement alice = correlation.Single(a => User(a) == "alice");
        Assert.Equal(3, alice.GetProperty("value").GetDouble());
        Assert.Equal("event_count", alice.GetProperty("correlation_type").GetString());
        Assert.Equal("logins2.jsonl", alice.GetProperty("source").GetString());
        Assert.Equal(new[] { ("logins.jsonl", 1L), ("logins.jsonl", 3L), ("logins2.jsonl", 1L) },
            alice.GetProperty("events").EnumerateArray().Select(e => (e.GetProperty("source").GetString()!, e.GetProperty("record").GetInt64())));
        Assert.Equal(3, correlation.Single(a => User(a) == "bob").GetProperty("value").GetDouble());
        // The single failures only feed the correlation (generate: false): they are no alerts of their own.
        Assert.DoesNotContain(alerts, a => a.GetProperty("rule_id").GetString() == TestCorrelations.LoginFailedRule.ToString("D"));
    }

    private static string? User(JsonElement alert) => alert.GetProperty("group").GetProperty("user").GetString();

    private static async Task WaitForCorrelationAlertAsync(StreamProbe probe, string user, Func<string> context)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            IReadOnlyList<JsonElement> alerts = await probe.ReadAlertsAsync(TimeSpan.FromMilliseconds(500));
            if (alerts.Any(a => a.GetProperty("rule_id").GetString() == CorrelationId && User(a) == user))
                return;
            if (clock.Elapsed > TimeSpan.FromMinutes(2))
                throw new TimeoutException($"no correlation alert for {user}:\n{string.Join("\n", alerts)}\n{context()}");
        }
    }

    private static string Logs(params WorkerProcess[] workers) =>
        string.Join("\n", workers.Select(w => $"--- {w.Description}\n{w.Errors}"));
}
