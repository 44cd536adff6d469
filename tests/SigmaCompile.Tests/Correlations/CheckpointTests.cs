using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using SigmaCompile.Correlations;
using Xunit;
using static SigmaCompile.Tests.Correlations.CorrelationFixture;

namespace SigmaCompile.Tests.Correlations;

/// <summary>
/// Checkpoints: state written after any event and read into a fresh correlator goes on exactly as an uninterrupted
/// run would; state of correlations that are unknown or changed is skipped; damaged state is refused cleanly.
/// </summary>
public sealed class CheckpointTests
{
    private static readonly HandWrittenCorrelation Spray = new()
    {
        Title = "spray",
        Type = CorrelationType.ValueCount,
        Timespan = TimeSpan.FromMinutes(5),
        Condition = Condition(CorrelationOperator.GreaterThanOrEqual, 3, "Computer"),
        GroupBy = new[] { "User" },
        Sources = new[] { ValueSource(FailedLogon, "Computer", "User") },
    };

    private static readonly HandWrittenCorrelation FewSuccesses = new()
    {
        Title = "few successes",
        Type = CorrelationType.EventCount,
        Timespan = TimeSpan.FromMinutes(2),
        Condition = Condition(CorrelationOperator.LessThanOrEqual, 1),
        GroupBy = new[] { "User" },
        Sources = new[] { Source(SuccessfulLogon, "User") },
    };

    private static readonly HandWrittenCorrelation Volume = new()
    {
        Title = "volume",
        Type = CorrelationType.ValueSum,
        Timespan = TimeSpan.FromMinutes(3),
        Condition = Condition(CorrelationOperator.GreaterThan, 1.0, "Bytes"),
        GroupBy = new[] { "User" },
        Sources = new[] { ValueSource(Transfer, "Bytes", "User") },
    };

    private static readonly HandWrittenCorrelation Median = new()
    {
        Title = "median",
        Type = CorrelationType.ValueMedian,
        Timespan = TimeSpan.FromMinutes(3),
        Condition = Condition(CorrelationOperator.GreaterThan, 0.2, "Bytes"),
        GroupBy = new[] { "User" },
        Sources = new[] { ValueSource(Transfer, "Bytes", "User") },
    };

    private static ICorrelationRule[] Rules() => new ICorrelationRule[]
    {
        FailedLogonsExampleTests.FailuresThenSuccess, FailedLogonsExampleTests.ManyFailures, Spray, FewSuccesses, Volume, Median,
    };

    // A mixed stream: the failed-logons example, sprays, successes, fractional transfers (sums that are not exact in
    // binary), events out of order, one too late, and long gaps that close windows.
    private static List<string> Stream()
    {
        var events = new List<string>(FailedLogonsExampleTests.Events());
        string[] users = { "alice", "bob", "carol" };
        for (int i = 0; i < 60; i++)
        {
            string user = users[i % 3];
            double at = 400 + i * 7 + (i % 5 == 0 ? -20 : 0);
            events.Add((i % 4) switch
            {
                0 => CorrelationRun.Event(at, ("EventID", 4625), ("User", user), ("Computer", "pc" + (i % 7))),
                1 => CorrelationRun.Event(at, ("EventID", 4624), ("User", user)),
                2 => CorrelationRun.Event(at, ("EventID", 5156), ("User", user), ("Bytes", 0.1 * (i % 6))),
                _ => CorrelationRun.Event(at, ("Command", "whoami"), ("User", user)),
            });
        }
        events.Add(CorrelationRun.Event(100, ("EventID", 4625), ("User", "dave"), ("Computer", "pc1"))); // late
        events.Add(CorrelationRun.Event(2000, ("EventID", 5156), ("User", "dave"), ("Bytes", 0.7)));
        events.Add(CorrelationRun.Event(2001, ("EventID", 4624), ("User", "dave")));
        return events;
    }

    private static string Describe(CorrelationAlert alert) =>
        $"{alert.Rule.Title} {string.Join(",", alert.Group.Select(g => g.Key + "=" + g.Value))} {alert.Value:R} " +
        $"{alert.FirstTime:O} {alert.LastTime:O} {alert.EventCount} {string.Join(",", alert.Events)}";

    private static List<string> Run(Correlator correlator, IEnumerable<string> events, long firstRecord, bool flush)
    {
        var output = new CorrelatorOutput();
        var produced = new List<string>();
        long record = firstRecord;
        foreach (string json in events)
        {
            using JsonDocument document = JsonDocument.Parse(json);
            correlator.Process(document.RootElement, new EventReference("stream", record++), output);
            produced.AddRange(output.Alerts.Select(Describe));
            produced.AddRange(output.Detections.Select(d => "detection " + d.Title + " " + (record - 1)));
        }
        if (flush)
        {
            correlator.Flush(output);
            produced.AddRange(output.Alerts.Select(Describe));
        }
        return produced;
    }

    private static long[] Counters(Correlator c) =>
        new[] { c.EventsWithoutTime, c.LateEvents, c.EventsWithoutGroup, c.EventsWithoutValue, c.EvictedGroups, c.DroppedEvents };

    [Fact]
    public void Restoring_after_any_event_gives_exactly_the_alerts_of_an_uninterrupted_run()
    {
        List<string> events = Stream();
        var whole = new Correlator(Set, Rules());
        List<string> expected = Run(whole, events, 1, flush: true);
        Assert.Contains(expected, a => a.StartsWith("Correlation - Multiple", StringComparison.Ordinal));
        Assert.Contains(expected, a => a.StartsWith("few successes", StringComparison.Ordinal));
        Assert.Contains(expected, a => a.StartsWith("volume", StringComparison.Ordinal));
        Assert.Contains(expected, a => a.StartsWith("median", StringComparison.Ordinal));
        Assert.Contains(expected, a => a.StartsWith("spray", StringComparison.Ordinal));

        for (int k = 0; k <= events.Count; k++)
        {
            var first = new Correlator(Set, Rules());
            List<string> produced = Run(first, events.Take(k), 1, flush: false);
            using var state = new MemoryStream();
            first.WriteState(state);
            state.Position = 0;

            var second = new Correlator(Set, Rules());
            Assert.Equal(0, second.ReadState(state));
            Assert.Equal(first.LiveGroups, second.LiveGroups);
            Assert.Equal(first.StoredEvents, second.StoredEvents);
            Assert.Equal(first.Watermark, second.Watermark);
            produced.AddRange(Run(second, events.Skip(k), k + 1, flush: true));

            Assert.Equal(expected, produced);
            Assert.Equal(Counters(whole), Counters(second));
        }
    }

    [Fact]
    public void State_of_unknown_or_changed_correlations_is_skipped_and_the_rest_restored()
    {
        var before = new Correlator(Set, new ICorrelationRule[] { Spray, Volume });
        Run(before, new[]
        {
            CorrelationRun.Event(0, ("EventID", 4625), ("User", "alice"), ("Computer", "pc1")),
            CorrelationRun.Event(1, ("EventID", 4625), ("User", "alice"), ("Computer", "pc2")),
            CorrelationRun.Event(2, ("EventID", 5156), ("User", "alice"), ("Bytes", 0.5)),
        }, 1, flush: false);
        using var state = new MemoryStream();
        before.WriteState(state);

        // Volume is gone and Spray's timespan changed: both groups are skipped.
        HandWrittenCorrelation longerSpray = new()
        {
            Id = Spray.Id,
            Title = Spray.Title,
            Type = Spray.Type,
            Timespan = TimeSpan.FromMinutes(6),
            Condition = Spray.Condition,
            GroupBy = Spray.GroupBy,
            Sources = Spray.Sources,
        };
        var changed = new Correlator(Set, new ICorrelationRule[] { longerSpray });
        state.Position = 0;
        Assert.Equal(2, changed.ReadState(state));
        Assert.Equal(0, changed.LiveGroups);

        // The same Spray, without Volume: Spray's group is restored and completes.
        var same = new Correlator(Set, new ICorrelationRule[] { Spray });
        state.Position = 0;
        Assert.Equal(1, same.ReadState(state));
        Assert.Equal(1, same.LiveGroups);
        List<string> alerts = Run(same, new[] { CorrelationRun.Event(3, ("EventID", 4625), ("User", "alice"), ("Computer", "pc3")) }, 4, flush: false);
        Assert.Single(alerts);
    }

    [Fact]
    public void Reading_state_replaces_what_the_correlator_held()
    {
        var empty = new Correlator(Set, Rules());
        using var state = new MemoryStream();
        empty.WriteState(state);

        var busy = new Correlator(Set, Rules());
        Run(busy, FailedLogonsExampleTests.Events().Take(5), 1, flush: false);
        Assert.NotEqual(0, busy.LiveGroups);
        state.Position = 0;
        busy.ReadState(state);
        Assert.Equal(0, busy.LiveGroups);
        Assert.Null(busy.Watermark);
    }

    [Fact]
    public void Damaged_state_is_refused_with_InvalidDataException()
    {
        var correlator = new Correlator(Set, Rules());
        Run(correlator, FailedLogonsExampleTests.Events().Take(8), 1, flush: false);
        using var state = new MemoryStream();
        correlator.WriteState(state);
        byte[] bytes = state.ToArray();

        var fresh = new Correlator(Set, Rules());
        Assert.Contains("not a SigmaCompile correlator state", Assert.Throws<InvalidDataException>(() => fresh.ReadState(new MemoryStream(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }))).Message);
        byte[] otherVersion = (byte[])bytes.Clone();
        otherVersion[8] = 99;
        Assert.Contains("version 99", Assert.Throws<InvalidDataException>(() => fresh.ReadState(new MemoryStream(otherVersion))).Message);
        for (int cut = 0; cut < bytes.Length; cut += 7)
            Assert.Throws<InvalidDataException>(() => fresh.ReadState(new MemoryStream(bytes, 0, cut)));
        var random = new Random(13);
        for (int i = 0; i < 200; i++)
        {
            byte[] damaged = (byte[])bytes.Clone();
            damaged[12 + random.Next(damaged.Length - 12)] ^= (byte)(1 + random.Next(255));
            var target = new Correlator(Set, Rules());
            try
            {
                target.ReadState(new MemoryStream(damaged));
            }
            catch (InvalidDataException)
            {
                continue;
            }
            // A change the format cannot notice (a time, a value) still leaves a correlator that runs.
            Run(target, FailedLogonsExampleTests.Events(), 100, flush: true);
        }
    }
}
