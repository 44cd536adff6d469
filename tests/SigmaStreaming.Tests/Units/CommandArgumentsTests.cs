using System;
using SigmaCompile.Streaming.CommandLine;
using Xunit;

namespace SigmaStreaming.Tests.Units;

public sealed class CommandArgumentsTests
{
    [Fact]
    public void Splits_the_command_its_options_and_its_files()
    {
        Assert.True(CommandArguments.TryParse(new[] { "publish", "--nats", "nats://h:1", "a.jsonl", "--SigmaStream:BatchSize=64", "b.json.gz" }, out CommandArguments? parsed, out _));
        Assert.Equal("publish", parsed.Command);
        Assert.Equal(new[] { "--nats", "nats://h:1", "--SigmaStream:BatchSize", "64" }, parsed.Configuration);
        Assert.Equal(new[] { "a.jsonl", "b.json.gz" }, parsed.Positional);
        Assert.Null(parsed.Idle);
    }

    [Fact]
    public void Reads_idle_seconds_and_takes_everything_after_a_double_dash_as_files()
    {
        Assert.True(CommandArguments.TryParse(new[] { "alerts", "--idle", "2.5", "--", "--odd-name.jsonl" }, out CommandArguments? parsed, out _));
        Assert.Equal(TimeSpan.FromSeconds(2.5), parsed.Idle);
        Assert.Equal(new[] { "--odd-name.jsonl" }, parsed.Positional);
    }

    [Theory]
    [InlineData(new string[0], "name a command: detect, correlate, publish, alerts, setup or bench")]
    [InlineData(new[] { "--nats", "x" }, "name a command: detect, correlate, publish, alerts, setup or bench")]
    [InlineData(new[] { "detect", "--nats" }, "--nats needs a value")]
    [InlineData(new[] { "detect", "--natz", "x" }, "unknown option --natz")]
    [InlineData(new[] { "alerts", "--idle", "soon" }, "--idle takes a number of seconds, not 'soon'")]
    [InlineData(new[] { "alerts", "--idle", "-1" }, "--idle takes a number of seconds, not '-1'")]
    public void Says_what_is_wrong(string[] args, string problem)
    {
        Assert.False(CommandArguments.TryParse(args, out _, out string? actual));
        Assert.Equal(problem, actual);
    }
}
