using System;
using System.Linq;
using System.Text.Json;
using SigmaScan.Tests.Infrastructure;
using Xunit;

namespace SigmaScan.Tests;

/// <summary>
/// Correlation rules end to end through the command line: the bundled logon scenario, and the specification's
/// failed-logons example dropped into a rules folder compiled at run time.
/// </summary>
public sealed class CorrelatedRulesFolderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // The specification's example, in its shape: an event_count over a detection, then a temporal_ordered over that
    // correlation and another detection, by name, group-by User, all in one multi-document file.
    private const string FailedLogonsExample = """
        title: Failed login
        id: 2a1f0b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b
        name: failed_login
        status: test
        logsource:
          product: windows
          service: security
        detection:
          selection:
            EventID: 4625
          condition: selection
        level: low
        ---
        title: Successful login
        id: 3b2a1c4d-5e6f-4071-9b8c-0d1e2f3a4b5c
        name: successful_login
        status: test
        logsource:
          product: windows
          service: security
        detection:
          selection:
            EventID: 4624
          condition: selection
        level: low
        ---
        title: Multiple failed logons
        id: 4c3b2d5e-6f70-4182-8c9d-1e2f3a4b5c6d
        name: multiple_failed_login
        status: test
        correlation:
          type: event_count
          rules:
            - failed_login
          group-by:
            - User
          timespan: 10m
          condition:
            gte: 10
        level: medium
        ---
        title: Multiple failed logins followed by successful login
        id: 5d4c3e6f-7081-4293-9dae-2f3a4b5c6d7e
        status: test
        correlation:
          type: temporal_ordered
          rules:
            - multiple_failed_login
            - successful_login
          group-by:
            - User
          timespan: 10m
        level: high
        """;

    private static string Logon(int eventId, string user, DateTimeOffset time) =>
        JsonSerializer.Serialize(new { EventID = eventId, User = user, Channel = "Security", TimeCreated = time.UtcDateTime.ToString("o", System.Globalization.CultureInfo.InvariantCulture) });

    [Fact]
    public void The_specification_example_gives_one_temporal_ordered_alert_for_the_user_with_ten_failures_then_a_success()
    {
        string rules = _folder.Write("rules/failed_logons.yml", FailedLogonsExample);
        var start = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        var lines = new System.Collections.Generic.List<string>();
        for (int i = 0; i < 10; i++)
        {
            lines.Add(Logon(4625, "jsmith", start.AddSeconds(30 * i)));
            if (i < 4)
                lines.Add(Logon(4625, "mbrown", start.AddSeconds(30 * i + 5)));
        }
        lines.Add(Logon(4624, "mbrown", start.AddMinutes(5)));
        lines.Add(Logon(4624, "jsmith", start.AddMinutes(6)));
        string events = _folder.Write("events.jsonl", string.Join("\n", lines));

        SigmaScanRun run = SigmaScanRun.Start(new[] { "--rules", System.IO.Path.GetDirectoryName(rules)!, "--no-cache", events });

        Assert.Equal(0, run.ExitCode);
        // The referenced rules do not generate, so the only line is the alert.
        JsonElement alert = JsonDocument.Parse(Assert.Single(run.Lines)).RootElement;
        Assert.Equal("5d4c3e6f-7081-4293-9dae-2f3a4b5c6d7e", alert.GetProperty("rule_id").GetString());
        Assert.Equal("temporal_ordered", alert.GetProperty("correlation").GetString());
        Assert.Equal("jsmith", alert.GetProperty("group").GetProperty("User").GetString());
        Assert.Equal("2026-11-30T09:06:00Z", alert.GetProperty("last_time").GetString());
        Assert.Contains(run.ErrorLines, l => l.Contains("1 correlation alert,", StringComparison.Ordinal));
    }

    [Fact]
    public void The_bundled_data_shows_one_correlation_alert_for_the_account_whose_password_was_guessed()
    {
        SigmaScanRun run = SigmaScanRun.Start(Array.Empty<string>());

        string alertLine = Assert.Single(run.Lines, l => l.Contains("\"correlation\":", StringComparison.Ordinal));
        JsonElement alert = JsonDocument.Parse(alertLine).RootElement;
        Assert.Equal("Failed Logons Followed By A Successful Logon", alert.GetProperty("title").GetString());
        Assert.Equal("jsmith", alert.GetProperty("group").GetProperty("TargetUserName").GetString());
        // The logon rules feed correlations only: none of their matches is a detection line.
        Assert.DoesNotContain(run.Lines.Where(l => l != alertLine), l => l.Contains("windows_security_logons.jsonl", StringComparison.Ordinal));
        Assert.Equal(4, run.Lines.Count - 1);
    }
}
