using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using SigmaCompile;
using SigmaCompile.Correlations;
using SigmaCompile.Matching;
using SigmaCompile.Tests.Correlations;
using SigmaScan.Output;
using SigmaScan.Tests.Infrastructure;
using Xunit;

namespace SigmaScan.Tests;

/// <summary>
/// Correlations in a scan: alert lines and their fields, detections of rules that feed a correlation (reported only
/// with generate), windows decided at the end of input, the minimum level, time fields, every output format, and a
/// parallel scan that writes what a sequential one writes.
/// </summary>
public sealed class CorrelationScanTests : IDisposable
{
    private static readonly Guid LayerRule = Guid.Parse("97fbabf8-8e1b-47a2-b7d5-a418d2b95e3d");
    private static readonly Guid BucketPolicyRule = Guid.Parse("3c1f7a52-9e0d-4b86-a4c1-6f2d8e5b0a17");
    private static readonly Guid CorrelationId = Guid.Parse("0e1c2d3f-4a5b-4c6d-8e7f-901a2b3c4d5e");
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static HandWrittenCorrelation LayersPerUser(CorrelationCondition condition, bool generate = false, RuleLevel level = RuleLevel.High) => new()
    {
        Id = CorrelationId,
        Title = "Many Lambda layers attached by one identity",
        Level = level,
        Type = CorrelationType.EventCount,
        Timespan = TimeSpan.FromMinutes(10),
        Condition = condition,
        Generate = generate,
        GroupBy = new[] { "arn" },
        Sources = new[] { CorrelationSource.Detection("layer", LayerRule, new[] { new FieldPath("userIdentity.arn") }) },
    };

    private static string LayerAttached(string user, DateTimeOffset time, string timeField = "eventTime") =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            [timeField] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["eventSource"] = "lambda.amazonaws.com",
            ["eventName"] = "UpdateFunctionConfiguration20150331v2",
            ["requestParameters"] = new Dictionary<string, object> { ["layers"] = new[] { "arn:aws:lambda:layer:x" } },
            ["userIdentity"] = new Dictionary<string, object> { ["arn"] = "arn:aws:iam::1:user/" + user },
        });

    private static string BucketPolicyRemoved(DateTimeOffset time) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["eventTime"] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["eventSource"] = "s3.amazonaws.com",
            ["eventName"] = "DeleteBucketPolicy",
            ["requestParameters"] = new Dictionary<string, object> { ["bucketName"] = "b" },
            ["userIdentity"] = new Dictionary<string, object> { ["arn"] = "arn:aws:iam::1:user/ops", ["type"] = "IAMUser" },
        });

    // Three layers attached by alice within five minutes, two by bob, one bucket policy removed in between.
    private static readonly string[] Burst =
    {
        LayerAttached("alice", Start),
        LayerAttached("bob", Start.AddMinutes(1)),
        LayerAttached("alice", Start.AddMinutes(2)),
        BucketPolicyRemoved(Start.AddMinutes(3)),
        LayerAttached("bob", Start.AddMinutes(4)),
        LayerAttached("alice", Start.AddMinutes(5)),
    };

    private (string Output, string Errors, ScanTotals Totals) Scan(IEnumerable<string> lines, ScanSettings settings, OutputFormat format = OutputFormat.JsonLines)
    {
        string path = _folder.Write("events.jsonl", string.Join("\n", lines));
        InputSelection inputs = InputSelection.FromArguments(new[] { path }, Stream.Null);
        using var stream = new MemoryStream();
        var errors = new StringWriter { NewLine = "\n" };
        ScanTotals totals;
        using (IDetectionOutput output = DetectionOutputs.Create(format, stream))
            totals = new Scanner(CompiledRules.BuiltIn.Set, output, errors, settings).Scan(inputs);
        return (Encoding.UTF8.GetString(stream.ToArray()), errors.ToString(), totals);
    }

    private static ScanSettings With(params ICorrelationRule[] correlations) => new(Threads: 1) { Correlations = correlations };

    private static List<JsonElement> Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

    [Fact]
    public void An_event_count_alert_is_one_json_line_with_the_group_value_window_and_records()
    {
        (string output, _, ScanTotals totals) = Scan(Burst, With(LayersPerUser(new CorrelationCondition(CorrelationOperator.GreaterThanOrEqual, 3))));

        List<JsonElement> lines = Lines(output);
        // The layer rule feeds the correlation and does not generate: only the bucket rule's detection and the alert.
        Assert.Equal(2, lines.Count);
        Assert.Equal(BucketPolicyRule.ToString("D"), lines[0].GetProperty("rule_id").GetString());
        Assert.Equal(4, lines[0].GetProperty("record").GetInt64());
        Assert.Equal(
            """{"rule_id":"0e1c2d3f-4a5b-4c6d-8e7f-901a2b3c4d5e","title":"Many Lambda layers attached by one identity","level":"high","correlation":"event_count","group":{"arn":"arn:aws:iam::1:user/alice"},"value":3,"first_time":"2026-11-30T08:00:00Z","last_time":"2026-11-30T08:05:00Z","records":[{"source":"events.jsonl","record":1},{"source":"events.jsonl","record":3},{"source":"events.jsonl","record":6}]}""",
            output.Split('\n')[1].Replace(_folder.Path + Path.DirectorySeparatorChar, "", StringComparison.Ordinal));
        Assert.False(lines[1].TryGetProperty("record", out _), "an alert line has no top-level record");
        Assert.Equal(1, totals.Detections);
        Assert.Equal(1, totals.Correlation!.Value.Alerts);
        Assert.Contains("1 correlation alert,", totals.Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public void With_generate_the_rules_that_feed_a_correlation_report_their_own_matches_too()
    {
        (string output, _, ScanTotals totals) = Scan(Burst, With(LayersPerUser(new CorrelationCondition(CorrelationOperator.GreaterThanOrEqual, 3), generate: true)));

        List<JsonElement> lines = Lines(output);
        Assert.Equal(6, totals.Detections);
        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6 }, lines.Where(l => l.TryGetProperty("record", out _)).Select(l => l.GetProperty("record").GetInt64()));
        // The alert comes right after the detection of the event that completed it.
        Assert.Equal("event_count", lines[^1].GetProperty("correlation").GetString());
    }

    [Fact]
    public void Without_correlations_every_match_is_a_detection_as_before()
    {
        (string output, _, ScanTotals totals) = Scan(Burst, new ScanSettings(Threads: 1));

        Assert.Equal(6, Lines(output).Count);
        Assert.Null(totals.Correlation);
        Assert.DoesNotContain("correlation", totals.Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_that_waits_for_the_window_to_close_is_decided_at_the_end_of_input()
    {
        // Fewer than three in ten minutes: bob's two decide only when input ends; alice's three do not fire.
        (string output, _, _) = Scan(Burst, With(LayersPerUser(new CorrelationCondition(CorrelationOperator.LessThan, 3))));

        List<JsonElement> lines = Lines(output);
        Assert.Equal(2, lines.Count);
        Assert.Equal("arn:aws:iam::1:user/bob", lines[1].GetProperty("group").GetProperty("arn").GetString());
        Assert.Equal(2, lines[1].GetProperty("value").GetInt64());
        Assert.Equal("2026-11-30T08:04:00Z", lines[1].GetProperty("last_time").GetString());
    }

    [Fact]
    public void The_minimum_level_applies_to_alerts_and_detections_but_low_rules_still_feed_high_correlations()
    {
        var condition = new CorrelationCondition(CorrelationOperator.GreaterThanOrEqual, 3);
        // The layer rule is low; the correlation over it is high.
        (string high, _, _) = Scan(Burst, With(LayersPerUser(condition)) with { MinimumLevel = RuleLevel.High });
        Assert.Equal("event_count", Assert.Single(Lines(high)).GetProperty("correlation").GetString());

        (string quiet, _, ScanTotals totals) = Scan(Burst, With(LayersPerUser(condition, level: RuleLevel.Medium)) with { MinimumLevel = RuleLevel.High });
        Assert.Equal("", quiet);
        Assert.Equal(0, totals.Correlation!.Value.Alerts);
    }

    [Fact]
    public void Events_without_a_usable_time_take_no_part_and_are_counted_and_other_time_fields_can_be_named()
    {
        string[] lines = Burst.Select(l => l.Replace("\"eventTime\"", "\"when\"", StringComparison.Ordinal)).ToArray();
        var correlation = LayersPerUser(new CorrelationCondition(CorrelationOperator.GreaterThanOrEqual, 3));

        (string untimed, _, ScanTotals totals) = Scan(lines, With(correlation));
        Assert.DoesNotContain("event_count", untimed, StringComparison.Ordinal);
        Assert.Equal(5, totals.Correlation!.Value.EventsWithoutTime);
        Assert.Contains("5 events without a usable time", totals.Summary(), StringComparison.Ordinal);

        (string timed, _, _) = Scan(lines, With(correlation) with { TimeFields = new[] { "when" } });
        Assert.Contains("\"correlation\":\"event_count\"", timed, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_and_csv_show_an_alert_as_a_row_with_its_type_value_group_and_window()
    {
        ScanSettings settings = With(LayersPerUser(new CorrelationCondition(CorrelationOperator.GreaterThanOrEqual, 3)));

        (string table, _, _) = Scan(Burst, settings, OutputFormat.Table);
        string row = Assert.Single(table.Split('\n'), l => l.Contains("Many Lambda layers", StringComparison.Ordinal));
        Assert.StartsWith("2026-11-30T08:05:00Z", row, StringComparison.Ordinal);
        Assert.Contains("correlation", row, StringComparison.Ordinal);
        Assert.Contains("event_count=3  arn=arn:aws:iam::1:user/alice  first_time=2026-11-30T08:00:00Z", row, StringComparison.Ordinal);

        (string csv, _, _) = Scan(Burst, settings, OutputFormat.Csv);
        string csvRow = Assert.Single(csv.Split("\r\n"), l => l.Contains("Many Lambda layers", StringComparison.Ordinal));
        Assert.StartsWith("2026-11-30T08:05:00Z,high,Many Lambda layers attached by one identity,0e1c2d3f-4a5b-4c6d-8e7f-901a2b3c4d5e,correlation,,", csvRow, StringComparison.Ordinal);
        Assert.Contains("event_count=3; arn=arn:aws:iam::1:user/alice", csvRow, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parallel_scan_with_correlations_writes_what_a_sequential_scan_writes()
    {
        // Many users attaching layers at random minutes, with bucket events and broken lines among them.
        var random = new Random(7);
        var lines = new List<string>();
        for (int i = 0; i < 4000; i++)
        {
            DateTimeOffset time = Start.AddSeconds(i * 7 + random.Next(30));
            lines.Add(random.Next(20) switch
            {
                0 => "{\"broken\": " + i,
                1 => BucketPolicyRemoved(time),
                _ => LayerAttached("u" + random.Next(40), time),
            });
        }
        ICorrelationRule[] correlations =
        {
            LayersPerUser(new CorrelationCondition(CorrelationOperator.GreaterThanOrEqual, 4)),
            new HandWrittenCorrelation
            {
                Title = "Quiet identity",
                Type = CorrelationType.EventCount,
                Timespan = TimeSpan.FromMinutes(3),
                Condition = new CorrelationCondition(CorrelationOperator.LessThanOrEqual, 1),
                GroupBy = new[] { "arn" },
                Sources = new[] { CorrelationSource.Detection("layer", LayerRule, new[] { new FieldPath("userIdentity.arn") }) },
                Generate = true,
            },
        };

        (string Output, string Errors, ScanTotals Totals) sequential = Scan(lines, new ScanSettings(Threads: 1) { Correlations = correlations });
        Assert.True(sequential.Totals.Correlation!.Value.Alerts > 50, $"expected many alerts, got {sequential.Totals.Correlation!.Value.Alerts}");
        foreach (int threads in new[] { 2, 4 })
        {
            (string Output, string Errors, ScanTotals Totals) parallel = Scan(lines, new ScanSettings(threads) { Correlations = correlations });
            Assert.Equal(sequential.Output, parallel.Output);
            Assert.Equal(sequential.Errors, parallel.Errors);
        }

        // And it is what the Correlator gives when fed every event in order.
        var correlator = new Correlator(CompiledRules.BuiltIn.Set, correlations);
        var step = new CorrelatorOutput();
        int expectedAlerts = 0;
        foreach ((string line, int number) in lines.Select((l, i) => (l, i + 1)))
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException)
            {
                continue;
            }
            using (document)
                correlator.Process(document.RootElement, new EventReference("events.jsonl", number), step);
            expectedAlerts += step.Alerts.Count;
        }
        correlator.Flush(step);
        expectedAlerts += step.Alerts.Count;
        Assert.Equal(expectedAlerts, sequential.Totals.Correlation!.Value.Alerts);
    }

    [Fact]
    public void Events_older_than_the_lateness_are_counted_and_skipped_and_a_wider_lateness_counts_them()
    {
        // A second file with the first burst an hour earlier, read after it: by default its events are too late.
        string[] later = Burst.Select(l => l.Replace("T08:", "T09:", StringComparison.Ordinal)).ToArray();
        var correlation = LayersPerUser(new CorrelationCondition(CorrelationOperator.GreaterThanOrEqual, 3));
        string[] lines = later.Concat(Burst).ToArray();

        (string tight, _, ScanTotals totals) = Scan(lines, With(correlation));
        Assert.Single(Lines(tight), l => l.TryGetProperty("correlation", out _));
        Assert.Equal(5, totals.Correlation!.Value.LateEvents);
        Assert.Contains("5 late events (see --lateness)", totals.Summary(), StringComparison.Ordinal);

        (string wide, _, ScanTotals wideTotals) = Scan(lines, With(correlation) with { Lateness = TimeSpan.FromHours(2) });
        Assert.Equal(2, Lines(wide).Count(l => l.TryGetProperty("correlation", out _)));
        Assert.Equal(0, wideTotals.Correlation!.Value.LateEvents);
    }

    [Theory]
    [InlineData("30s", 30)]
    [InlineData("10m", 600)]
    [InlineData("2h", 7200)]
    [InlineData("7d", 604800)]
    public void Lateness_is_read_as_a_Sigma_timespan(string text, int seconds)
    {
        CommandLine line = Assert.IsType<CommandLine>(CommandLine.Parse(new[] { "--lateness", text }, out _));
        Assert.Equal(TimeSpan.FromSeconds(seconds), line.Lateness);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("m")]
    [InlineData("-5m")]
    [InlineData("5w")]
    [InlineData("99999999999999999d")]
    public void A_lateness_that_is_no_timespan_is_refused(string text)
    {
        Assert.Null(CommandLine.Parse(new[] { "--lateness", text }, out string error));
        Assert.Contains("--lateness takes a duration", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Timestamp_fields_are_read_from_the_command_line_in_order()
    {
        CommandLine line = Assert.IsType<CommandLine>(CommandLine.Parse(new[] { "--timestamp-field", "when", "--timestamp-field=at", "x.jsonl" }, out _));
        Assert.Equal(new[] { "when", "at" }, line.TimestampFields);
        Assert.Null(CommandLine.Parse(new[] { "--timestamp-field" }, out string error));
        Assert.Contains("--timestamp-field takes a field name", error, StringComparison.Ordinal);
        Assert.Null(CommandLine.Parse(new[] { "--timestamp-field", " " }, out _));
    }
}
