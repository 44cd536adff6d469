using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SigmaCompile;
using SigmaScan.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SigmaScan.Tests;

/// <summary>
/// <c>--rules DIR</c>: the rules compiled at run time give exactly the detections of the rules compiled into
/// SigmaScan at build time, and broken rules are reported as the build reports them while the others still scan.
/// </summary>
public sealed class RuntimeCompileTests(ITestOutputHelper output)
{
    private const string BrokenRule = """
        title: Broken Example
        id: 0f0e0d0c-0b0a-4909-8807-060504030201
        logsource:
          product: windows
          category: process_creation
        detection:
          selection:
            CommandLine|contians: 'mimikatz'
          condition: selection
        """;

    [Fact]
    public void The_repository_rules_compiled_at_run_time_are_the_built_in_rules()
    {
        CompiledRules runtime = RuleFolders.RepositoryCompiled;
        CompiledRules builtIn = CompiledRules.BuiltIn;
        Assert.Equal(builtIn.All.Select(r => (r.Id, r.Title, r.Level)), runtime.All.Select(r => (r.Id, r.Title, r.Level)));
        Assert.NotEmpty(builtIn.Correlations);
        Assert.Equal(builtIn.Correlations.Select(r => (r.Id, r.Title, r.Type, r.Timespan)), runtime.Correlations.Select(r => (r.Id, r.Title, r.Type, r.Timespan)));
        Assert.NotSame(builtIn.All[0].GetType().Assembly, runtime.All[0].GetType().Assembly);
    }

    [Fact]
    public void Run_time_rules_give_the_detections_of_the_built_in_rules_on_the_fixtures()
    {
        string inputs = RuleFolders.Fixture("inputs");
        SigmaScanRun builtIn = SigmaScanRun.Start(new[] { "--threads", "1", inputs });
        SigmaScanRun runtime = SigmaScanRun.Start(new[] { "--rules", RuleFolders.Repository, "--no-cache", inputs });
        Assert.Equal(0, builtIn.ExitCode);
        Assert.Equal(0, runtime.ExitCode);
        Assert.Equal(7, builtIn.Lines.Count);
        Assert.Equal(builtIn.Output, runtime.Output);
    }

    [SharedDataFact]
    public void Run_time_rules_give_the_detections_of_the_built_in_rules_on_the_Stratus_CloudTrail_log()
    {
        string log = SharedData.PathOf("events/cloudtrail/stratus_red_team_detonation_logs.jsonl.gz");
        SigmaScanRun builtIn = SigmaScanRun.Start(new[] { "--threads", "1", log });
        SigmaScanRun runtime = SigmaScanRun.Start(new[] { "--rules", RuleFolders.Repository, "--no-cache", log });
        Assert.Contains(builtIn.Lines, l => l.Contains("\"rule_id\":\"97fbabf8-8e1b-47a2-b7d5-a418d2b95e3d\"", StringComparison.Ordinal) && l.EndsWith("\"record\":36}", StringComparison.Ordinal));
        Assert.Equal(builtIn.Output, runtime.Output);
    }

    [SharedDataFact]
    public void Every_regression_rule_compiled_at_run_time_matches_its_own_events()
    {
        IReadOnlyList<RegressionEntry> index = RegressionSet.Index();
        IReadOnlyDictionary<Guid, IDetectionRule> rules = RegressionRules.Compiled.All.ToDictionary(r => r.Id);
        List<string> failures = RegressionSet.Failures(index, rules);
        failures.ForEach(output.WriteLine);
        Assert.Equal(202, index.Count);
        Assert.Equal(index.Count, rules.Count);
        Assert.Empty(failures);
    }

    [Fact]
    public void A_broken_rule_is_reported_at_its_line_and_column_and_the_other_rules_still_scan()
    {
        using var folder = new TempFolder();
        string rules = folder.CopyFolder(RuleFolders.Repository, "rules");
        string broken = folder.Write("rules/broken.yml", BrokenRule);

        SigmaScanRun run = SigmaScanRun.Start(new[] { "--rules", rules, "--no-cache", RuleFolders.Fixture("inputs") });

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"{broken}(8,5): error SIGMA005: Unknown modifier 'contians' (did you mean 'contains'?)", run.ErrorLines);
        Assert.Contains("8 rules and 2 correlations from " + rules + " (8 files, 1 with errors left out)", run.CompileSummary, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(RuleFolders.Fixture("expected/inputs.jsonl")), run.Output.Replace(RuleFolders.Fixture("inputs"), "inputs", StringComparison.Ordinal));
    }

    [Fact]
    public void Strict_stops_before_scanning_when_a_rule_has_an_error()
    {
        using var folder = new TempFolder();
        string rules = folder.CopyFolder(RuleFolders.Repository, "rules");
        folder.Write("rules/broken.yml", BrokenRule);

        SigmaScanRun run = SigmaScanRun.Start(new[] { "--rules", rules, "--no-cache", "--strict", RuleFolders.Fixture("inputs") });

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.StandardOutput);
        Assert.Contains(run.ErrorLines, l => l.Contains("error SIGMA005", StringComparison.Ordinal));
        Assert.Contains("SigmaScan: --strict: rules have errors (listed above); nothing was scanned", run.ErrorLines);
    }

    [Fact]
    public void Warnings_are_printed_as_warnings_and_do_not_stop_a_strict_run()
    {
        using var folder = new TempFolder();
        string rule = folder.Write("rules/severe.yml", """
            title: Severe Level
            id: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d
            level: severe
            logsource: {product: aws, service: cloudtrail}
            detection:
              selection:
                eventName: StopLogging
              condition: selection
            """);
        string events = folder.Write("events.jsonl", "{\"eventName\": \"StopLogging\"}\n");

        SigmaScanRun run = SigmaScanRun.Start(new[] { "--rules", folder.Of("rules"), "--no-cache", "--strict", events });

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.ErrorLines, l => l.StartsWith($"{rule}(3,8): warning SIGMA019: ", StringComparison.Ordinal));
        Assert.Single(run.Lines);
    }

    [Fact]
    public void A_rule_file_that_is_not_UTF8_is_SIGMA013_as_in_a_build()
    {
        using var folder = new TempFolder();
        string path = folder.Of("rules/latin1.yml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, System.Text.Encoding.Latin1.GetBytes("title: Caf\u00e9\nid: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5e\nlogsource: {product: x}\ndetection:\n  s:\n    a: b\n  condition: s\n"));

        SigmaScanRun run = SigmaScanRun.Start(new[] { "--rules", folder.Of("rules"), "--no-cache", "--list-rules" });

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.ErrorLines, l => l.StartsWith(path + "(1,1): error SIGMA013: ", StringComparison.Ordinal));
        Assert.Empty(run.Lines);
    }

    [Fact]
    public void An_unknown_pipeline_is_reported_without_a_file_like_the_build_reports_it()
    {
        SigmaScanRun run = SigmaScanRun.Start(new[] { "--rules", RuleFolders.Repository, "--no-cache", "--pipeline", "no-such-pipeline", "--list-rules" });

        Assert.Contains(run.ErrorLines, l => l.StartsWith("sigmascan : error SIGMA021: ", StringComparison.Ordinal) && l.Contains("no-such-pipeline", StringComparison.Ordinal));
    }

    [Fact]
    public void A_pipeline_file_maps_fields_and_is_not_read_as_a_rule_when_it_sits_in_the_rules_folder()
    {
        using var folder = new TempFolder();
        folder.Write("rules/rule.yml", """
            title: Whoami
            id: 2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e
            level: low
            logsource: {product: windows, category: process_creation}
            detection:
              selection:
                Image|endswith: '\whoami.exe'
              condition: selection
            """);
        string pipeline = folder.Write("rules/ecs.yml", """
            name: ecs
            priority: 10
            transformations:
              - type: field_name_mapping
                mapping:
                  Image: process.executable
            """);
        string events = folder.Write("events.jsonl", "{\"process\": {\"executable\": \"C:\\\\Windows\\\\System32\\\\whoami.exe\"}}\n{\"Image\": \"C:\\\\Windows\\\\System32\\\\whoami.exe\"}\n");

        SigmaScanRun run = SigmaScanRun.Start(new[] { "--rules", folder.Of("rules"), "--pipeline", pipeline, "--no-cache", events });

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1 rule from", run.CompileSummary, StringComparison.Ordinal);
        Assert.EndsWith("\"record\":1}", Assert.Single(run.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_rules_folder_or_pipeline_file_fails_with_exit_code_2()
    {
        SigmaScanRun noFolder = SigmaScanRun.Start(new[] { "--rules", "/no/such/folder", "--no-cache", "x.jsonl" });
        Assert.Equal(2, noFolder.ExitCode);
        Assert.Contains("SigmaScan: --rules /no/such/folder: no such folder", noFolder.ErrorLines);

        SigmaScanRun noPipeline = SigmaScanRun.Start(new[] { "--rules", RuleFolders.Repository, "--pipeline", "missing.yml", "--no-cache", "x.jsonl" });
        Assert.Equal(2, noPipeline.ExitCode);
        Assert.Contains("SigmaScan: --pipeline missing.yml: no such file", noPipeline.ErrorLines);
    }
}
