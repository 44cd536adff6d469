using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using SigmaCompile.Streaming;
using SigmaCompile.Streaming.Correlation;
using SigmaCompile.Streaming.Detection;
using SigmaCompile.Streaming.Transport;
using SigmaStreaming.TestWorker;
using SigmaStreaming.TestWorker.Rules;
using Xunit;

namespace SigmaStreaming.Tests.Units;

/// <summary>What one event message becomes: alerts, correlation inputs or a dead letter, with ids derived from its position.</summary>
public sealed class DetectionProcessorTests
{
    private static readonly StreamingOptions Options = new() { Partitions = 4, MaxEventBytes = 1000 };

    private static DetectionProcessor Processor() =>
        new(SigmaRules.Set, new CorrelationRouting(TestCorrelations.All, Options.Partitions), Options);

    private static (DetectionOutcome Outcome, List<OutboundMessage> Output) Process(IInboundMessage message)
    {
        var output = new List<OutboundMessage>();
        return (Processor().Process(message, output), output);
    }

    [Fact]
    public void Each_detection_is_an_alert_line_with_sigmascan_keys_and_an_id_from_position_and_rule()
    {
        (DetectionOutcome outcome, List<OutboundMessage> output) = Process(FakeMessage.Event(42, """{"probe":"17","command":"powershell"}""", "a.jsonl", 9));
        Assert.Equal(DetectionOutcome.Matched, outcome);
        Assert.Equal(new[] { "42:5e0d7c61-3b0f-4c55-9d5e-0c1f6d2a7b05", "42:5e0d7c61-3b0f-4c55-9d5e-0c1f6d2a7b08" }, output.Select(m => m.MessageId).Order(StringComparer.Ordinal));
        Assert.All(output, m => Assert.Equal(Options.AlertsSubject, m.Subject));
        using JsonDocument alert = JsonDocument.Parse(output.Single(m => m.MessageId.EndsWith("08", StringComparison.Ordinal)).Data);
        Assert.Equal(
            """{"rule_id":"5e0d7c61-3b0f-4c55-9d5e-0c1f6d2a7b08","title":"Test Synthetic Probe","level":"medium","source":"a.jsonl","record":9,"stream_seq":42}""",
            alert.RootElement.GetRawText());
    }

    [Fact]
    public void An_event_published_without_headers_is_named_by_the_stream_and_its_position()
    {
        (_, List<OutboundMessage> output) = Process(new FakeMessage(7, """{"probe":"10"}"""));
        using JsonDocument alert = JsonDocument.Parse(output.Single().Data);
        Assert.Equal(Options.EventsStream, alert.RootElement.GetProperty("source").GetString());
        Assert.Equal(7, alert.RootElement.GetProperty("record").GetInt64());
    }

    [Fact]
    public void A_match_that_feeds_a_correlation_goes_to_its_partition_as_the_event_with_its_rules_and_no_alert()
    {
        string body = """{"action":"login_failed","user":"alice","@timestamp":"2026-01-01T00:00:00Z"}""";
        (_, List<OutboundMessage> output) = Process(FakeMessage.Event(5, body, "logins.jsonl", 3));
        OutboundMessage input = Assert.Single(output);
        string unit = TestCorrelations.RepeatedLoginFailures.Id.ToString("D");
        int partition = PartitionHash.PartitionOf(unit + "\u001falice", Options.Partitions);
        Assert.Equal(Options.PartitionSubject(partition), input.Subject);
        Assert.Equal("5:" + TestCorrelations.LoginFailedRule.ToString("D") + ":" + unit, input.MessageId);
        Assert.Equal(body, System.Text.Encoding.UTF8.GetString(input.Data.Span));
        var headers = input.Headers.ToDictionary(h => h.Key, h => h.Value);
        Assert.Equal("logins.jsonl", headers[StreamHeaders.Source]);
        Assert.Equal("3", headers[StreamHeaders.Record]);
        Assert.Equal("5", headers[StreamHeaders.EventPosition]);
        Assert.Equal(unit, headers[StreamHeaders.Correlation]);
        Assert.Equal(TestCorrelations.LoginFailedRule.ToString("D"), headers[StreamHeaders.Rules]);
    }

    [Theory]
    [InlineData("{\"probe\": ", "not JSON: ")]
    [InlineData("[1,2]", "not a JSON object but an array")]
    [InlineData("12", "not a JSON object but a number")]
    [InlineData("null", "not a JSON object but null")]
    [InlineData("", "not JSON: ")]
    public void A_message_that_is_not_a_json_object_is_a_dead_letter_with_its_reason(string body, string reason)
    {
        (DetectionOutcome outcome, List<OutboundMessage> output) = Process(FakeMessage.Event(11, body, "bad.jsonl", 2));
        Assert.Equal(DetectionOutcome.DeadLettered, outcome);
        OutboundMessage dead = Assert.Single(output);
        Assert.Equal(Options.DeadLetterSubject, dead.Subject);
        Assert.Equal("11:dead-letter", dead.MessageId);
        var headers = dead.Headers.ToDictionary(h => h.Key, h => h.Value);
        Assert.StartsWith(reason, headers[StreamHeaders.Reason], StringComparison.Ordinal);
        Assert.DoesNotContain('\n', headers[StreamHeaders.Reason]);
        Assert.Equal("bad.jsonl", headers[StreamHeaders.Source]);
        Assert.Equal("2", headers[StreamHeaders.Record]);
    }

    [Fact]
    public void A_message_over_the_size_limit_is_a_dead_letter_without_being_parsed()
    {
        (DetectionOutcome outcome, List<OutboundMessage> output) = Process(FakeMessage.Event(1, "{\"probe\":\"" + new string('7', 1200) + "\"}"));
        Assert.Equal(DetectionOutcome.DeadLettered, outcome);
        Assert.Equal("too large: 1212 bytes, more than MaxEventBytes (1000)", output.Single().Headers.Single(h => h.Key == StreamHeaders.Reason).Value);
    }

    [Fact]
    public void Processing_the_same_message_twice_gives_the_same_messages()
    {
        DetectionProcessor processor = Processor();
        var first = new List<OutboundMessage>();
        var second = new List<OutboundMessage>();
        FakeMessage message = FakeMessage.Event(99, """{"probe":"7","action":"login_failed","user":"bob"}""");
        processor.Process(message, first);
        processor.Process(message, second);
        Assert.Equal(first.Select(m => (m.Subject, m.MessageId)), second.Select(m => (m.Subject, m.MessageId)));
        Assert.Equal(2, first.Count);
    }
}
