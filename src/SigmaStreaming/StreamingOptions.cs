using System;
using System.Collections.Generic;

namespace SigmaCompile.Streaming;

/// <summary>
/// Where the workers find their streams and how they process them, bound from the configuration section
/// <c>SigmaStream</c> (appsettings.json, environment variables such as <c>SigmaStream__Nats</c>, or the command line).
/// </summary>
public sealed class StreamingOptions
{
    /// <summary>The configuration section the options are read from.</summary>
    public const string Section = "SigmaStream";

    /// <summary>The NATS server URL.</summary>
    public string Nats { get; set; } = "nats://127.0.0.1:4222";

    /// <summary>The stream of events to match (JSON objects, one per message).</summary>
    public string EventsStream { get; set; } = "SIGMA_EVENTS";

    /// <summary>The subject events are published on.</summary>
    public string EventsSubject { get; set; } = "sigma.events";

    /// <summary>The stream alerts (detections and correlation alerts) are stored in.</summary>
    public string AlertsStream { get; set; } = "SIGMA_ALERTS";

    /// <summary>The subject alerts are published on.</summary>
    public string AlertsSubject { get; set; } = "sigma.alerts";

    /// <summary>The stream malformed events are moved to, with the reason.</summary>
    public string DeadLetterStream { get; set; } = "SIGMA_DEADLETTER";

    /// <summary>The subject malformed events are published on.</summary>
    public string DeadLetterSubject { get; set; } = "sigma.deadletter";

    /// <summary>The stream of keyed correlation inputs.</summary>
    public string CorrelationStream { get; set; } = "SIGMA_CORRELATION";

    /// <summary>The prefix of the partition subjects: partition 3 is <c>&lt;prefix&gt;.3</c>.</summary>
    public string CorrelationSubject { get; set; } = "sigma.correlate";

    /// <summary>The durable pull consumer every detection worker shares.</summary>
    public string DetectionConsumer { get; set; } = "sigma-detect";

    /// <summary>The key-value bucket correlation checkpoints are kept in.</summary>
    public string CheckpointBucket { get; set; } = "sigma-correlation-state";

    /// <summary>The most messages a worker fetches at once.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>The number of correlation partitions (the same for every worker and every run over one stream).</summary>
    public int Partitions { get; set; } = 8;

    /// <summary>The partitions a correlation worker owns, such as <c>0-3,6</c>; empty means all.</summary>
    public string OwnedPartitions { get; set; } = "";

    /// <summary>
    /// How long the server waits for a detection worker's acknowledgement before it delivers the event to another
    /// worker (so a killed worker's events are redelivered after at most this long). At most 10 s by default.
    /// </summary>
    public TimeSpan AckWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one fetch waits for messages when there are none.</summary>
    public TimeSpan FetchWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the streams remember message ids: a message republished with the same id within this window is
    /// stored once. It bounds how late a restarted worker's repeated alerts are still recognised.
    /// </summary>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the streams keep messages.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The largest event (in bytes) a detection worker parses; a larger one is dead-lettered.</summary>
    public int MaxEventBytes { get; set; } = 256 * 1024;

    /// <summary>A correlation worker checkpoints a partition after this many messages...</summary>
    public int CheckpointEvery { get; set; } = 1000;

    /// <summary>...or this long after its last checkpoint, whichever comes first (and when it stops).</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the workers log their counters.</summary>
    public TimeSpan MetricsInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Only the rules written for this logsource are used, such as <c>product=windows</c> (empty: every rule). A
    /// rule that leaves a part out is kept.
    /// </summary>
    public string LogSource { get; set; } = "";

    /// <summary>The correlator's cap on live groups per partition (see <c>CorrelatorOptions.MaxLiveGroups</c>).</summary>
    public int MaxLiveGroups { get; set; } = 100_000;

    /// <summary>The correlator's cap on stored events per partition (see <c>CorrelatorOptions.MaxStoredEvents</c>).</summary>
    public int MaxStoredEvents { get; set; } = 1_000_000;

    /// <summary>The subject of partition <paramref name="partition"/>.</summary>
    public string PartitionSubject(int partition) => CorrelationSubject + "." + partition.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What is wrong with these options, one message per problem; empty when they can be used.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(Nats, UriKind.Absolute, out _))
            problems.Add($"Nats: '{Nats}' is not a URL (nats://host:port)");
        foreach ((string name, string value) in new[]
                 {
                     (nameof(EventsStream), EventsStream), (nameof(AlertsStream), AlertsStream),
                     (nameof(DeadLetterStream), DeadLetterStream), (nameof(CorrelationStream), CorrelationStream),
                     (nameof(DetectionConsumer), DetectionConsumer), (nameof(CheckpointBucket), CheckpointBucket),
                 })
        {
            // Stream, consumer and bucket names end up in subjects, where these characters have a meaning.
            if (string.IsNullOrWhiteSpace(value) || value.AsSpan().IndexOfAny(" .*>\t") >= 0)
                problems.Add($"{name}: '{value}' must be a non-empty name without spaces, '.', '*' or '>'");
        }
        foreach ((string name, string value) in new[]
                 {
                     (nameof(EventsSubject), EventsSubject), (nameof(AlertsSubject), AlertsSubject),
                     (nameof(DeadLetterSubject), DeadLetterSubject), (nameof(CorrelationSubject), CorrelationSubject),
                 })
        {
            if (string.IsNullOrWhiteSpace(value) || value.AsSpan().IndexOfAny(" *>\t") >= 0)
                problems.Add($"{name}: '{value}' must be a subject without spaces or wildcards");
        }
        if (BatchSize < 1)
            problems.Add($"BatchSize: {BatchSize} must be at least 1");
        if (Partitions < 1)
            problems.Add($"Partitions: {Partitions} must be at least 1");
        if (AckWait <= TimeSpan.Zero)
            problems.Add($"AckWait: {AckWait} must be positive");
        if (FetchWait <= TimeSpan.Zero || FetchWait >= AckWait)
            problems.Add($"FetchWait: {FetchWait} must be positive and shorter than AckWait ({AckWait})");
        if (DuplicateWindow <= TimeSpan.Zero || DuplicateWindow > MaxAge)
            problems.Add($"DuplicateWindow: {DuplicateWindow} must be positive and at most MaxAge ({MaxAge})");
        if (MaxEventBytes < 1)
            problems.Add($"MaxEventBytes: {MaxEventBytes} must be at least 1");
        if (CheckpointEvery < 1)
            problems.Add($"CheckpointEvery: {CheckpointEvery} must be at least 1");
        if (CheckpointInterval <= TimeSpan.Zero)
            problems.Add($"CheckpointInterval: {CheckpointInterval} must be positive");
        if (MetricsInterval <= TimeSpan.Zero)
            problems.Add($"MetricsInterval: {MetricsInterval} must be positive");
        if (MaxLiveGroups < 1 || MaxStoredEvents < 1)
            problems.Add("MaxLiveGroups and MaxStoredEvents must be at least 1");
        if (!SigmaCompile.Streaming.Correlation.PartitionList.TryParse(OwnedPartitions, Partitions, out _, out string? partitionProblem))
            problems.Add($"OwnedPartitions: {partitionProblem}");
        if (LogSource.Length > 0)
        {
            try
            {
                SigmaCompile.LogSource.Parse(LogSource);
            }
            catch (FormatException e)
            {
                problems.Add($"LogSource: {e.Message}");
            }
        }
        return problems;
    }
}
