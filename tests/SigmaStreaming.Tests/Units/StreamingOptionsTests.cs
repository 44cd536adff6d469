using System;
using SigmaCompile.Streaming;
using Xunit;

namespace SigmaStreaming.Tests.Units;

public sealed class StreamingOptionsTests
{
    [Fact]
    public void The_defaults_are_usable_and_redeliver_within_ten_seconds()
    {
        var options = new StreamingOptions();
        Assert.Empty(options.Problems());
        Assert.True(options.AckWait <= TimeSpan.FromSeconds(10));
        Assert.Equal("sigma.correlate.3", options.PartitionSubject(3));
    }

    [Fact]
    public void Each_unusable_setting_is_named()
    {
        var options = new StreamingOptions
        {
            Nats = "not a url",
            EventsStream = "has.dot",
            AlertsSubject = "alerts.>",
            BatchSize = 0,
            Partitions = 4,
            OwnedPartitions = "7",
            FetchWait = TimeSpan.FromSeconds(10),
            DuplicateWindow = TimeSpan.FromDays(2),
            LogSource = "product",
        };
        string[] problems = [.. options.Problems()];
        Assert.Contains(problems, p => p.StartsWith("Nats:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("EventsStream:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("AlertsSubject:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("BatchSize:", StringComparison.Ordinal));
        Assert.Contains("OwnedPartitions: partition 7 does not exist: there are 4 (0 to 3)", problems);
        Assert.Contains(problems, p => p.StartsWith("FetchWait:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("DuplicateWindow:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("LogSource:", StringComparison.Ordinal));
        Assert.Equal(8, problems.Length);
    }
}
