using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using SigmaCompile.Streaming.Input;

namespace SigmaStreaming.Tests.Infrastructure;

/// <summary>Events for the streaming tests: generated ones, and the real logs of ../shared/events.</summary>
public static class TestEvents
{
    /// <summary>
    /// <paramref name="count"/> generated events named <paramref name="source"/>; Test Synthetic Probe matches those
    /// whose probe ends in 0 or 7, and Test PowerShell Keyword those whose command mentions powershell.
    /// </summary>
    public static IReadOnlyList<EventRecord> Generated(string source, int count) =>
        Enumerable.Range(1, count).Select(i => Record(source, i, string.Create(CultureInfo.InvariantCulture,
            $$"""{"probe":"{{i}}","host":"h{{i % 13}}","command":"{{(i % 11 == 0 ? "powershell -enc AAAA" : "cmd /c dir")}}","@timestamp":"2026-01-01T00:00:00Z"}"""))).ToArray();

    /// <summary>A failed login of <paramref name="user"/> at <paramref name="time"/>, as record <paramref name="number"/> of <paramref name="source"/>.</summary>
    public static EventRecord LoginFailed(string source, long number, string user, DateTimeOffset time) =>
        Record(source, number, string.Create(CultureInfo.InvariantCulture, $$"""{"action":"login_failed","user":"{{user}}","@timestamp":"{{time.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}}"}"""));

    /// <summary>A record holding <paramref name="json"/> (which need not be valid).</summary>
    public static EventRecord Record(string source, long number, string json) => new(source, number, Encoding.UTF8.GetBytes(json), null);

    /// <summary>
    /// The real events of <paramref name="files"/> (paths under ../shared/events), each named by that path.
    /// </summary>
    public static IReadOnlyList<EventRecord> Shared(params string[] files)
    {
        var records = new List<EventRecord>();
        foreach (string file in files)
        {
            foreach (EventRecord record in EventFileReader.Read(SigmaCompile.TestSupport.SharedData.PathOf("events/" + file), file))
            {
                if (record.Problem is not null)
                    throw new InvalidOperationException($"{file}: {record.Problem}");
                records.Add(record);
            }
        }
        return records;
    }

    /// <summary>Over 20,000 real events: two Windows logs and two CloudTrail logs.</summary>
    public static IReadOnlyList<EventRecord> SharedOver20000() => Shared(
        "windows/evtx_attack_samples.jsonl.gz", "windows/evtx_to_mitre_attack.jsonl.gz",
        "cloudtrail/invictus_aws_dataset.jsonl.gz", "cloudtrail/stratus_red_team_detonation_logs.jsonl.gz");
}
