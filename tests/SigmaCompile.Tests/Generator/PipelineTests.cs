using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Generator;

/// <summary>Field-mapping pipelines: each transformation, rule and field conditions, priority, and diagnostics.</summary>
public sealed class PipelineTests
{
    private const string WindowsRule = """
        title: Whoami
        id: 31313131-0000-4000-8000-000000000001
        logsource:
          product: windows
          category: process_creation
        detection:
          selection:
            Image|endswith: '\whoami.exe'
          condition: selection
        """;

    private static IDetectionRule Compile(string rule, string pipelines, params (string Name, string Yaml)[] pipelineFiles) =>
        GeneratorHarness.CompileRules(Files(rule, pipelineFiles), Options(pipelines)).Single();

    private static ImmutableDiagnostics Diagnose(string pipelines, params (string Name, string Yaml)[] pipelineFiles) =>
        new(GeneratorHarness.Run(Files(WindowsRule, pipelineFiles), Options(pipelines)).Result.Diagnostics.ToList());

    private static List<AdditionalText> Files(string rule, (string Name, string Yaml)[] pipelineFiles)
    {
        var files = new List<AdditionalText> { GeneratorHarness.Rule("rule.yml", rule) };
        files.AddRange(pipelineFiles.Select(p => (AdditionalText)new InMemoryAdditionalText("/project/pipelines/" + p.Name, p.Yaml, "pipeline")));
        return files;
    }

    private static Dictionary<string, string> Options(string pipelines)
    {
        Dictionary<string, string> options = GeneratorHarness.DefaultOptions();
        options["build_property.SigmaPipelines"] = pipelines;
        return options;
    }

    private sealed record ImmutableDiagnostics(List<Diagnostic> Items);

    private static bool Match(IDetectionRule rule, string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return rule.IsMatch(document.RootElement);
    }

    private static string Evtx(string channel, int eventId, string eventData) =>
        "{\"Event\":{\"System\":{\"Channel\":\"" + channel + "\",\"EventID\":" + eventId + "},\"EventData\":{" + eventData + "}}}";

    [Fact]
    public void A_rules_own_literals_outrank_its_logsource_conditions_in_the_prefilter_unless_it_has_only_a_fields_presence()
    {
        // Two short literals (odds of about 0.43 by the planner's model) against a regex with no literal; a third rule
        // compares the event id with ten values, so that the logsource's event id counts as rare as in a large set (its
        // own ten values add up to more, so its logsource's conditions are its atoms).
        string literals = WindowsRule.Replace("Image|endswith: '\\whoami.exe'", "CommandLine|contains: ['arp', 'net']").Replace("title: Whoami", "title: Literals");
        string presence = WindowsRule.Replace("Image|endswith: '\\whoami.exe'", "CommandLine|re: '^x+y$'")
            .Replace("title: Whoami", "title: Presence").Replace("000000000001", "000000000002");
        string ids = WindowsRule.Replace("Image|endswith: '\\whoami.exe'", "EventID: [11, 12, 13, 14, 15, 16, 17, 18, 19, 20]")
            .Replace("title: Whoami", "title: Ids").Replace("000000000001", "000000000003");
        (IReadOnlyList<IDetectionRule> all, SigmaCompile.RuleSets.RuleSet set) = GeneratorHarness.CompileRuleSet(
            new[] { GeneratorHarness.Rule("literals.yml", literals), GeneratorHarness.Rule("presence.yml", presence), GeneratorHarness.Rule("ids.yml", ids) },
            Options("windows-evtx"));
        string[] Candidates(string json)
        {
            using JsonDocument document = JsonDocument.Parse(json);
            var matched = new List<IDetectionRule>();
            set.Match(document.RootElement, matched);
            Assert.Equal(all.Where(r => r.IsMatch(document.RootElement)), matched);
            return set.CandidateRules(document.RootElement).Select(r => r.Title).OrderBy(t => t).ToArray();
        }

        const string Sysmon = "Microsoft-Windows-Sysmon/Operational";
        Assert.Equal(new[] { "Ids", "Presence" }, Candidates(Evtx(Sysmon, 1, "\"CommandLine\":\"whoami /all\"")));
        Assert.Equal(new[] { "Ids", "Literals", "Presence" }, Candidates(Evtx(Sysmon, 1, "\"CommandLine\":\"arp -a\"")));
        Assert.Empty(Candidates(Evtx(Sysmon, 3, "\"DestinationPort\":80")));
    }

    [Fact]
    public void A_long_list_of_rare_literals_outranks_its_logsource_conditions()
    {
        // Thirty endings of eight characters: the planner counts the odds that one of them occurs as
        // 1 - (1 - 0.6^8)^30, about 0.40, below its logsource's conditions (0.45). Summed, as the planner once counted a
        // union, they came to 0.50, and the rule was a candidate on every process-creation event. A second rule compares
        // the event id with ten values, as in a large set (see the test above).
        string endings = string.Join(", ", Enumerable.Range(0, 30).Select(i => $"'.q{i:D2}.exe'"));
        string rule = WindowsRule.Replace("Image|endswith: '\\whoami.exe'", $"Image|endswith: [{endings}]");
        string ids = WindowsRule.Replace("Image|endswith: '\\whoami.exe'", "EventID: [11, 12, 13, 14, 15, 16, 17, 18, 19, 20]")
            .Replace("title: Whoami", "title: Ids").Replace("000000000001", "000000000003");
        (IReadOnlyList<IDetectionRule> all, SigmaCompile.RuleSets.RuleSet set) = GeneratorHarness.CompileRuleSet(
            new[] { GeneratorHarness.Rule("endings.yml", rule), GeneratorHarness.Rule("ids.yml", ids) }, Options("windows-evtx"));
        IDetectionRule endingsRule = all.Single(r => r.Title == "Whoami");
        const string Sysmon = "Microsoft-Windows-Sysmon/Operational";
        using JsonDocument plain = JsonDocument.Parse(Evtx(Sysmon, 1, "\"Image\":\"C:\\\\x\\\\cmd.exe\""));
        using JsonDocument ending = JsonDocument.Parse(Evtx(Sysmon, 1, "\"Image\":\"C:\\\\x\\\\report.q17.exe\""));
        Assert.DoesNotContain(endingsRule, set.CandidateRules(plain.RootElement));
        Assert.Contains(endingsRule, set.CandidateRules(ending.RootElement));
        Assert.True(endingsRule.IsMatch(ending.RootElement));
        Assert.False(endingsRule.IsMatch(plain.RootElement));
    }

    [Fact]
    public void Windows_evtx_maps_process_creation_to_sysmon_1_and_security_4688()
    {
        IDetectionRule rule = Compile(WindowsRule, "windows-evtx");
        Assert.True(Match(rule, Evtx("Microsoft-Windows-Sysmon/Operational", 1, "\"Image\":\"C:\\\\Windows\\\\System32\\\\whoami.exe\"")));
        Assert.True(Match(rule, Evtx("Security", 4688, "\"NewProcessName\":\"C:\\\\Windows\\\\System32\\\\whoami.exe\"")));
        // Same image, wrong event: a Sysmon network connection, a Security logon, or the flat shape.
        Assert.False(Match(rule, Evtx("Microsoft-Windows-Sysmon/Operational", 3, "\"Image\":\"C:\\\\Windows\\\\System32\\\\whoami.exe\"")));
        Assert.False(Match(rule, Evtx("Security", 4624, "\"NewProcessName\":\"C:\\\\Windows\\\\System32\\\\whoami.exe\"")));
        Assert.False(Match(rule, "{\"Image\":\"C:\\\\Windows\\\\System32\\\\whoami.exe\"}"));
    }

    [Fact]
    public void Windows_evtx_maps_system_fields_and_userdata()
    {
        const string Rule = """
            title: Wmi Failure
            id: 31313131-0000-4000-8000-000000000002
            logsource:
              product: windows
              service: wmi
            detection:
              selection:
                EventID: 5858
                Provider_Name: Microsoft-Windows-WMI-Activity
                Operation|contains: cleareventlog
              condition: selection
            """;
        IDetectionRule rule = Compile(Rule, "windows-evtx");
        const string Event = "{\"Event\":{\"System\":{\"Provider\":{\"#attributes\":{\"Name\":\"Microsoft-Windows-WMI-Activity\"}},\"EventID\":5858,\"Channel\":\"Microsoft-Windows-WMI-Activity/Operational\"},"
            + "\"UserData\":{\"Operation_ClientFailure\":{\"Operation\":\"ExecMethod Win32_NTEventlogFile::cleareventlog\"}}}}";
        Assert.True(Match(rule, Event));
        Assert.False(Match(rule, Event.Replace("5858", "5857")));
        Assert.False(Match(rule, Event.Replace("WMI-Activity/Operational", "Sysmon/Operational")));
    }

    [Fact]
    public void A_logsource_the_pipeline_does_not_know_keeps_working_without_added_conditions()
    {
        IDetectionRule rule = Compile(WindowsRule.Replace("category: process_creation", "category: something_new"), "windows-evtx");
        Assert.True(Match(rule, Evtx("Anything", 42, "\"Image\":\"x\\\\whoami.exe\"")));
    }

    [Fact]
    public void Field_name_mapping_one_to_one_and_one_to_many()
    {
        const string Pipeline = """
            name: ecs
            transformations:
              - type: field_name_mapping
                mapping:
                  Image: process.executable
                  User: [user.name, user.id]
            """;
        IDetectionRule rule = Compile(WindowsRule.Replace("Image|endswith: '\\whoami.exe'", "Image|endswith: '\\whoami.exe'\n    User: bob"), "ecs.yml", ("ecs.yml", Pipeline));
        Assert.True(Match(rule, "{\"process\":{\"executable\":\"c:\\\\whoami.exe\"},\"user\":{\"name\":\"bob\"}}"));
        Assert.True(Match(rule, "{\"process\":{\"executable\":\"c:\\\\whoami.exe\"},\"user\":{\"id\":\"bob\"}}"));
        Assert.False(Match(rule, "{\"Image\":\"c:\\\\whoami.exe\",\"User\":\"bob\"}"));
    }

    [Fact]
    public void Prefix_and_prefix_mapping_with_field_name_conditions()
    {
        const string Pipeline = """
            name: nested
            transformations:
              - type: field_name_prefix_mapping
                mapping:
                  Parent: parent.
              - type: field_name_prefix
                prefix: data.
                field_name_conditions:
                  - type: exclude_fields
                    mode: re
                    fields: ['parent\..*']
            """;
        const string Rule = """
            title: Prefixes
            id: 31313131-0000-4000-8000-000000000003
            detection:
              selection:
                Image: a
                ParentImage: b
              condition: selection
            """;
        IDetectionRule rule = Compile(Rule, "nested.yml", ("nested.yml", Pipeline));
        Assert.True(Match(rule, "{\"data\":{\"Image\":\"a\"},\"parent\":{\"Image\":\"b\"}}"));
        Assert.False(Match(rule, "{\"data\":{\"Image\":\"a\",\"ParentImage\":\"b\"}}"));
    }

    [Fact]
    public void Add_condition_applies_by_logsource_and_its_fields_are_mapped_by_later_items()
    {
        const string Pipeline = """
            name: routing
            transformations:
              - type: add_condition
                conditions:
                  kind: process
                rule_conditions:
                  - type: logsource
                    category: process_creation
              - type: add_condition
                conditions:
                  kind: never
                rule_conditions:
                  - type: logsource
                    category: network_connection
              - type: field_name_mapping
                mapping:
                  kind: event.kind
            """;
        IDetectionRule rule = Compile(WindowsRule, "routing.yml", ("routing.yml", Pipeline));
        Assert.True(Match(rule, "{\"event\":{\"kind\":\"process\"},\"Image\":\"x\\\\whoami.exe\"}"));
        Assert.False(Match(rule, "{\"event\":{\"kind\":\"file\"},\"Image\":\"x\\\\whoami.exe\"}"));
        Assert.False(Match(rule, "{\"kind\":\"process\",\"Image\":\"x\\\\whoami.exe\"}"));
    }

    [Fact]
    public void Change_logsource_feeds_later_rule_conditions_and_the_rule_metadata()
    {
        const string Pipeline = """
            name: relabel
            transformations:
              - type: change_logsource
                product: linux
                rule_conditions:
                  - type: logsource
                    product: windows
              - type: add_condition
                conditions:
                  os: linux
                rule_conditions:
                  - type: logsource
                    product: linux
            """;
        IDetectionRule rule = Compile(WindowsRule, "relabel.yml", ("relabel.yml", Pipeline));
        Assert.Equal("linux", rule.LogSource.Product);
        Assert.True(Match(rule, "{\"os\":\"linux\",\"Image\":\"x\\\\whoami.exe\"}"));
        Assert.False(Match(rule, "{\"os\":\"windows\",\"Image\":\"x\\\\whoami.exe\"}"));
    }

    [Fact]
    public void Drop_detection_item_and_replace_string()
    {
        const string Pipeline = """
            name: cleanup
            transformations:
              - type: drop_detection_item
                field_name_conditions:
                  - type: include_fields
                    fields: [EventID]
              - type: replace_string
                regex: '^\\Device\\HarddiskVolume\d+'
                replacement: 'C:'
            """;
        const string Rule = """
            title: Drops
            id: 31313131-0000-4000-8000-000000000004
            detection:
              selection:
                EventID: 1
                Image|startswith: '\Device\HarddiskVolume3\Windows\'
              condition: selection
            """;
        IDetectionRule rule = Compile(Rule, "cleanup.yml", ("cleanup.yml", Pipeline));
        Assert.True(Match(rule, "{\"Image\":\"C:\\\\Windows\\\\notepad.exe\"}"));
        Assert.False(Match(rule, "{\"Image\":\"\\\\Device\\\\HarddiskVolume3\\\\Windows\\\\notepad.exe\"}"));
    }

    [Fact]
    public void Set_state_gates_later_items_through_processing_state_conditions()
    {
        const string Pipeline = """
            name: stateful
            transformations:
              - type: set_state
                key: flat
                val: 'yes'
              - type: field_name_prefix
                prefix: nested.
                rule_conditions:
                  - type: processing_state
                    key: flat
                    val: 'no'
            """;
        IDetectionRule rule = Compile(WindowsRule, "stateful.yml", ("stateful.yml", Pipeline));
        Assert.True(Match(rule, "{\"Image\":\"x\\\\whoami.exe\"}"));
    }

    [Fact]
    public void Pipelines_run_by_priority_then_in_the_order_given()
    {
        const string First = "name: first\npriority: 10\ntransformations:\n  - type: field_name_mapping\n    mapping:\n      Image: step1\n";
        const string Second = "name: second\npriority: 20\ntransformations:\n  - type: field_name_mapping\n    mapping:\n      step1: step2\n";
        // Given in reverse order, priority still puts 'first' first: Image → step1 → step2.
        IDetectionRule rule = Compile(WindowsRule, "second.yml;first.yml", ("first.yml", First), ("second.yml", Second));
        Assert.True(Match(rule, "{\"step2\":\"x\\\\whoami.exe\"}"));
        Assert.False(Match(rule, "{\"step1\":\"x\\\\whoami.exe\"}"));
    }

    [Fact]
    public void Cloudtrail_pipeline_keeps_rules_on_cloudtrail_records()
    {
        const string Rule = """
            title: Trail
            id: 31313131-0000-4000-8000-000000000005
            logsource:
              product: aws
              service: cloudtrail
            detection:
              selection:
                eventName: StopLogging
              condition: selection
            """;
        IDetectionRule rule = Compile(Rule, "cloudtrail");
        Assert.True(Match(rule, "{\"eventSource\":\"cloudtrail.amazonaws.com\",\"eventName\":\"StopLogging\"}"));
        Assert.False(Match(rule, "{\"eventName\":\"StopLogging\"}"));
    }

    [Theory]
    [InlineData("name: x\ntransformations:\n  - type: field_name_suffix\n    suffix: _s\n", "'field_name_suffix' is not supported")]
    [InlineData("name: x\ntransformations:\n  - type: field_name_mapping\n    mapping:\n      A: B\n    detection_item_conditions: []\n", "'detection_item_conditions' is not supported")]
    [InlineData("name: x\nvars:\n  a: 1\ntransformations: []\n", "'vars' is not supported")]
    [InlineData("name: x\ntransformations:\n  - type: add_condition\n", "needs 'conditions'")]
    [InlineData("name: x\ntransformations:\n  - type: field_name_mapping\n    mapping:\n      A: B\n    rule_conditions:\n      - type: tag\n        tag: attack.t1059\n", "rule condition type 'tag'")]
    public void Anything_unsupported_in_a_pipeline_is_a_diagnostic(string yaml, string message)
    {
        Diagnostic diagnostic = Assert.Single(Diagnose("bad.yml", ("bad.yml", yaml)).Items);
        Assert.Equal("SIGMA020", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("/project/pipelines/bad.yml", diagnostic.Location.GetLineSpan().Path);
        Assert.Contains(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void An_unknown_pipeline_name_is_a_diagnostic()
    {
        Diagnostic diagnostic = Assert.Single(Diagnose("windows-evt").Items);
        Assert.Equal("SIGMA021", diagnostic.Id);
        Assert.Contains("windows-evtx", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_built_in_pipelines_parse_without_diagnostics() =>
        Assert.Empty(Diagnose("windows-evtx;cloudtrail").Items);
}
