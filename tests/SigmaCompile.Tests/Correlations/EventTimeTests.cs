using System;
using System.Text.Json;
using SigmaCompile.Correlations;
using Xunit;

namespace SigmaCompile.Tests.Correlations;

/// <summary>Reading an event's time: the default fields in order, the formats, and events without a usable time.</summary>
public sealed class EventTimeTests
{
    private static readonly Correlator Default = Correlator.FromRules(Array.Empty<IDetectionRule>(), Array.Empty<ICorrelationRule>());

    private static DateTimeOffset? Read(string json, Correlator? correlator = null)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return (correlator ?? Default).TryReadEventTime(document.RootElement, out DateTimeOffset time) ? time : null;
    }

    private static DateTimeOffset Utc(int hour, int minute, int second, long extraTicks = 0) =>
        new DateTimeOffset(2024, 5, 6, hour, minute, second, TimeSpan.Zero).AddTicks(extraTicks);

    [Theory]
    [InlineData("2024-05-06T03:15:00Z", 0)]
    [InlineData("2024-05-06T03:15:00", 0)]
    [InlineData("2024-05-06t03:15:00z", 0)]
    [InlineData("2024-05-06T03:15:00.5Z", 5_000_000)]
    [InlineData("2024-05-06T03:15:00.123Z", 1_230_000)]
    [InlineData("2024-05-06T03:15:00.1234567Z", 1_234_567)]
    [InlineData("2024-05-06T03:15:00.123456789Z", 1_234_567)]
    [InlineData("2024-05-06T05:15:00+02:00", 0)]
    [InlineData("2024-05-06T05:15:00.123456789+02:00", 1_234_567)]
    [InlineData("2024-05-05T22:15:00-05:00", 0)]
    [InlineData("2024-05-06 03:15:00", 0)]
    [InlineData("2024-05-06 03:15:00.250", 2_500_000)]
    [InlineData(" 2024-05-06T03:15:00Z ", 0)]
    public void Iso_8601_and_space_separated_times_are_read_in_utc(string text, long ticks) =>
        Assert.Equal(Utc(3, 15, 0, ticks), Read("{\"@timestamp\": \"" + text + "\"}"));

    [Theory]
    [InlineData("1714965300", 0)]
    [InlineData("1714965300.25", 2_500_000)]
    [InlineData("1714965300250", 2_500_000)]
    [InlineData("\"1714965300\"", 0)]
    [InlineData("\"1714965300250\"", 2_500_000)]
    public void Epoch_seconds_and_milliseconds_are_read_from_numbers_and_text(string json, long ticks) =>
        Assert.Equal(new DateTimeOffset(2024, 5, 6, 3, 15, 0, TimeSpan.Zero).AddTicks(ticks), Read("{\"timestamp\": " + json + "}"));

    [Theory]
    [InlineData("{\"eventTime\": \"2024-05-06T03:15:00Z\", \"eventName\": \"StopLogging\"}")]
    [InlineData("{\"Event\": {\"System\": {\"TimeCreated\": {\"#attributes\": {\"SystemTime\": \"2024-05-06T03:15:00.000000Z\"}}}}}")]
    [InlineData("{\"TimeCreated\": \"2024-05-06T03:15:00Z\"}")]
    [InlineData("{\"UtcTime\": \"2024-05-06 03:15:00.000\"}")]
    public void The_default_fields_cover_cloudtrail_windows_and_sysmon(string json) => Assert.Equal(Utc(3, 15, 0), Read(json));

    [Fact]
    public void The_first_field_with_a_usable_time_wins()
    {
        Assert.Equal(Utc(1, 0, 0), Read("{\"UtcTime\": \"2024-05-06 02:00:00\", \"@timestamp\": \"2024-05-06T01:00:00Z\"}"));
        Assert.Equal(Utc(2, 0, 0), Read("{\"UtcTime\": \"2024-05-06 02:00:00\", \"@timestamp\": \"yesterday\"}"));
        Assert.Equal(Utc(2, 0, 0), Read("{\"@timestamp\": [null, \"2024-05-06T02:00:00Z\"]}"));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"@timestamp\": \"yesterday\"}")]
    [InlineData("{\"@timestamp\": \"2024-05-06\"}")]
    [InlineData("{\"@timestamp\": \"2024-13-45T99:99:99Z\"}")]
    [InlineData("{\"@timestamp\": null}")]
    [InlineData("{\"@timestamp\": true}")]
    [InlineData("{\"@timestamp\": {\"when\": \"2024-05-06T03:15:00Z\"}}")]
    [InlineData("{\"@timestamp\": \"\"}")]
    [InlineData("{\"@timestamp\": 1e400}")]
    [InlineData("{\"@timestamp\": 1e300}")]
    [InlineData("{\"@timestamp\": \"2024-05-06T03:15:00Z and a very long tail that makes this text longer than any timestamp is\"}")]
    [InlineData("[\"2024-05-06T03:15:00Z\"]")]
    [InlineData("\"2024-05-06T03:15:00Z\"")]
    public void Events_without_a_usable_time_are_refused_without_throwing(string json) => Assert.Null(Read(json));

    [Fact]
    public void The_time_fields_can_be_configured()
    {
        Correlator custom = Correlator.FromRules(Array.Empty<IDetectionRule>(), Array.Empty<ICorrelationRule>(),
            new CorrelatorOptions { TimeFields = new[] { "meta.observed" } });
        Assert.Equal(Utc(3, 15, 0), Read("{\"@timestamp\": \"2024-05-06T09:00:00Z\", \"meta\": {\"observed\": \"2024-05-06T03:15:00Z\"}}", custom));
        Assert.Null(Read("{\"@timestamp\": \"2024-05-06T09:00:00Z\"}", custom));
    }
}
