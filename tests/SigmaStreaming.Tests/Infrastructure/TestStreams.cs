using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using SigmaCompile.Streaming;

namespace SigmaStreaming.Tests.Infrastructure;

/// <summary>Stream, subject, consumer and bucket names of one test, so tests sharing a server never see each other's messages.</summary>
public sealed class TestStreams
{
    private static int _next;

    private TestStreams(string url, string prefix, StreamingOptions options)
    {
        Url = url;
        Prefix = prefix;
        Options = options;
    }

    /// <summary>The server URL.</summary>
    public string Url { get; }

    /// <summary>What the names start with.</summary>
    public string Prefix { get; }

    /// <summary>The options naming this test's streams (the tests' short acknowledgement wait and checkpoint interval included).</summary>
    public StreamingOptions Options { get; }

    /// <summary>Names for a new test on the server at <paramref name="url"/>.</summary>
    public static TestStreams Create(string url)
    {
        string prefix = "T" + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture) + "_" + Guid.NewGuid().ToString("N")[..6];
        var options = new StreamingOptions
        {
            Nats = url,
            EventsStream = prefix + "_EVENTS",
            EventsSubject = prefix + ".events",
            AlertsStream = prefix + "_ALERTS",
            AlertsSubject = prefix + ".alerts",
            DeadLetterStream = prefix + "_DEAD",
            DeadLetterSubject = prefix + ".dead",
            CorrelationStream = prefix + "_CORR",
            CorrelationSubject = prefix + ".correlate",
            DetectionConsumer = prefix + "-detect",
            CheckpointBucket = prefix + "-state",
            Partitions = 4,
            AckWait = TimeSpan.FromSeconds(2),
            CheckpointInterval = TimeSpan.FromMilliseconds(500),
            MetricsInterval = TimeSpan.FromSeconds(2),
        };
        return new TestStreams(url, prefix, options);
    }

    /// <summary>A command line for the test worker: <paramref name="command"/> with these names, then <paramref name="extra"/>.</summary>
    public string[] Args(string command, params string[] extra)
    {
        var args = new List<string>
        {
            command,
            "--nats", Url,
            "--partition-count", Options.Partitions.ToString(CultureInfo.InvariantCulture),
            "--ack-wait", Options.AckWait.ToString("c", CultureInfo.InvariantCulture),
            "--metrics-interval", Options.MetricsInterval.ToString("c", CultureInfo.InvariantCulture),
        };
        foreach ((string key, string value) in new[]
                 {
                     ("EventsStream", Options.EventsStream), ("EventsSubject", Options.EventsSubject),
                     ("AlertsStream", Options.AlertsStream), ("AlertsSubject", Options.AlertsSubject),
                     ("DeadLetterStream", Options.DeadLetterStream), ("DeadLetterSubject", Options.DeadLetterSubject),
                     ("CorrelationStream", Options.CorrelationStream), ("CorrelationSubject", Options.CorrelationSubject),
                     ("DetectionConsumer", Options.DetectionConsumer), ("CheckpointBucket", Options.CheckpointBucket),
                     ("CheckpointInterval", Options.CheckpointInterval.ToString("c", CultureInfo.InvariantCulture)),
                 })
        {
            args.Add("--SigmaStream:" + key);
            args.Add(value);
        }
        args.AddRange(extra);
        return args.ToArray();
    }
}
