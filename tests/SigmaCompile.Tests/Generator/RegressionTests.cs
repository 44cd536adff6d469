using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using SigmaCompile.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SigmaCompile.Tests.Generator;

/// <summary>
/// SigmaHQ's regression events (../shared/sigma-regression): the whole corpus compiled with the built-in
/// windows-evtx pipeline, and each of the 202 rules with regression data run on its own events.
/// </summary>
public sealed class RegressionTests(ITestOutputHelper output)
{
    private static readonly Lazy<IReadOnlyDictionary<Guid, IDetectionRule>> Corpus = new(() => CompiledCorpus.All.ToDictionary(r => r.Id));

    [SharedDataFact]
    public void Every_rule_with_regression_data_matches_its_own_events()
    {
        IReadOnlyList<RegressionEntry> index = RegressionSet.Index();
        List<string> failures = RegressionSet.Failures(index, Corpus.Value);
        foreach (string failure in failures)
            output.WriteLine(failure);
        output.WriteLine($"{index.Count - failures.Count} of {index.Count} rules pass");
        Assert.Equal(202, index.Count);
        Assert.Empty(failures);
    }

    [SharedDataFact]
    public void Rules_do_not_fire_on_events_of_another_logsource()
    {
        // Every regression event is, by its channel and event id, of one logsource. A rule written for another
        // category must not fire on it: e.g. no process_creation rule on a Sysmon event 3.
        var wrong = new List<string>();
        foreach (RegressionEntry entry in RegressionSet.Index())
        {
            foreach (JsonDocument document in RegressionSet.Events(entry))
            {
                JsonElement system = document.RootElement.GetProperty("Event").GetProperty("System");
                int eventId = system.GetProperty("EventID").GetInt32();
                string channel = system.TryGetProperty("Channel", out JsonElement c) ? c.GetString() ?? "" : "";
                string? category = channel == "Microsoft-Windows-Sysmon/Operational" ? SysmonCategory(eventId) : null;
                foreach (IDetectionRule rule in Corpus.Value.Values)
                {
                    if (rule.LogSource.Product != "windows" || !rule.IsMatch(document.RootElement))
                        continue;
                    bool fits = rule.LogSource.Category is null
                        ? rule.LogSource.Service is null || ServiceFits(rule.LogSource.Service, channel)
                        : category is not null && CategoryFits(rule.LogSource.Category, category);
                    if (!fits)
                        wrong.Add($"{rule.Title} ({rule.LogSource.Category ?? rule.LogSource.Service}) fired on {channel} {eventId}");
                }
            }
        }
        foreach (string line in wrong.Distinct().Take(50))
            output.WriteLine(line);
        Assert.Empty(wrong);
    }

    private static string? SysmonCategory(int eventId) => eventId switch
    {
        1 => "process_creation",
        3 => "network_connection",
        5 => "process_termination",
        6 => "driver_load",
        7 => "image_load",
        8 => "create_remote_thread",
        10 => "process_access",
        11 => "file_event",
        12 or 13 or 14 => "registry",
        15 => "create_stream_hash",
        17 or 18 => "pipe_created",
        19 or 20 or 21 => "wmi_event",
        22 => "dns_query",
        23 => "file_delete",
        25 => "process_tampering",
        26 => "file_delete_detected",
        _ => "other",
    };

    private static bool CategoryFits(string ruleCategory, string eventCategory) =>
        ruleCategory == eventCategory || (eventCategory == "registry" && ruleCategory.StartsWith("registry_", StringComparison.Ordinal));

    private static bool ServiceFits(string service, string channel) => service switch
    {
        "sysmon" => channel == "Microsoft-Windows-Sysmon/Operational",
        "security" => channel == "Security",
        "windefend" => channel == "Microsoft-Windows-Windows Defender/Operational",
        "taskscheduler" => channel == "Microsoft-Windows-TaskScheduler/Operational",
        "wmi" => channel == "Microsoft-Windows-WMI-Activity/Operational",
        _ => false,
    };
}
