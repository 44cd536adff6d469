using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SigmaCompile.Catalog;
using SigmaCompile.Tests.Infrastructure;
using Titles = global::SigmaCompile.Generator.Planning.WindowsEventTitles;
using Xunit;

namespace SigmaCompile.Tests.Catalog;

/// <summary>
/// Each rule's event coverage (the events it can match, as provider, event and title) and the catalog's log
/// collection checklist: how pipelines, the rule's own predicates and the condition's and, or and not shape it.
/// </summary>
public sealed class EventCoverageTests
{
    private const string SysmonChannel = "Microsoft-Windows-Sysmon/Operational";

    /// <summary>A rule with a title, id and logsource, and the given detection (indented as in the YAML).</summary>
    private static string Rule(string title, string id, string logsource, string detection) =>
        $"title: {title}\nid: {id}\n{logsource}\ndetection:\n{detection}\n";

    private static RuleCatalog Compile(string? pipelines, params string[] rules)
    {
        List<AdditionalText> files = rules.Select((yaml, i) => (AdditionalText)GeneratorHarness.Rule($"rule{i}.yml", yaml)).ToList();
        Dictionary<string, string> options = GeneratorHarness.DefaultOptions();
        if (pipelines is not null)
            options["build_property.SigmaPipelines"] = pipelines;
        return CatalogHarness.Compile(files, options);
    }

    private static IReadOnlyList<CoveredEvent> Coverage(string? pipelines, string rule) => Compile(pipelines, rule).Rules.Single().EventCoverage;

    private static string[] Rows(IEnumerable<CoveredEvent> rows) => rows.Select(r => $"{r.Provider} | {r.Event} | {r.Title} | {r.Kind}").ToArray();

    private const string ProcessCreation = "logsource: {product: windows, category: process_creation}";

    [Fact]
    public void The_seed_rule_has_one_catch_all_row_for_its_lambda_prefix()
    {
        IDescribedRule seed = CatalogHarness.RepositoryCatalog.Rule("AWS New Lambda Layer Attached");
        CoveredEvent row = Assert.Single(seed.EventCoverage);
        Assert.Equal(new CoveredEvent("AWS-lambda", "catch_all", "AWS-lambda (catch-all)", EventCoverageKind.CatchAll), row);
        Assert.Equal(CoveredEvent.CatchAll, row.Event);
    }

    [Fact]
    public void The_cloudtrail_pipeline_leaves_the_seed_row_as_it_is()
    {
        // The pipeline adds eventSource|endswith-like '*.amazonaws.com', which pins no event source.
        RuleCatalog catalog = CatalogHarness.Compile(CatalogHarness.RepositoryRules(), WithPipelines("cloudtrail"));
        Assert.Equal(new[] { "AWS-lambda | catch_all | AWS-lambda (catch-all) | CatchAll" }, Rows(catalog.Rule("AWS New Lambda Layer Attached").EventCoverage));
    }

    [Fact]
    public void A_rule_with_several_event_names_has_a_row_for_each()
    {
        IDescribedRule rule = CatalogHarness.RepositoryCatalog.Rule("S3 Bucket Policy Or Encryption Removed Outside Automation");
        Assert.Equal(
            new[]
            {
                "AWS-s3 | DeleteBucketPolicy | AWS-s3 DeleteBucketPolicy | Event",
                "AWS-s3 | DeleteBucketPublicAccessBlock | AWS-s3 DeleteBucketPublicAccessBlock | Event",
                "AWS-s3 | DeleteBucketEncryption | AWS-s3 DeleteBucketEncryption | Event",
            },
            Rows(rule.EventCoverage));
    }

    [Fact]
    public void Cloud_events_pair_each_event_source_with_its_own_event_names_and_fall_back_to_the_logsource()
    {
        string rule = Rule("Two Services", "1b2c3d4e-0001-4000-8000-000000000001", "logsource: {product: aws, service: cloudtrail}", """
              sel_iam:
                eventSource: iam.amazonaws.com
                eventName: [CreateUser, CreateAccessKey]
              sel_sts:
                eventSource: sts.amazonaws.com
                eventName: GetCallerIdentity
              condition: 1 of sel_*
            """);
        Assert.Equal(
            new[]
            {
                "AWS-iam | CreateUser | AWS-iam CreateUser | Event",
                "AWS-iam | CreateAccessKey | AWS-iam CreateAccessKey | Event",
                "AWS-sts | GetCallerIdentity | AWS-sts GetCallerIdentity | Event",
            },
            Rows(Coverage(null, rule)));

        // An event name without an event source: the provider is not known, the logsource stands in.
        string login = Rule("Console Login", "1b2c3d4e-0002-4000-8000-000000000002", "logsource: {product: aws, service: cloudtrail}", """
              sel:
                eventName: ConsoleLogin
              condition: sel
            """);
        Assert.Equal(new[] { "aws/cloudtrail | ConsoleLogin | aws/cloudtrail ConsoleLogin | LogSource" }, Rows(Coverage(null, login)));
    }

    [Fact]
    public void A_process_creation_rule_under_windows_evtx_needs_sysmon_1_and_security_4688()
    {
        string rule = Rule("Whoami", "1b2c3d4e-0003-4000-8000-000000000003", ProcessCreation, """
              sel:
                Image|endswith: '\whoami.exe'
              condition: sel
            """);
        Assert.Equal(
            new[]
            {
                $"{SysmonChannel} | 1 | Process creation | Event",
                "Security | 4688 | A new process has been created | Event",
            },
            Rows(Coverage("windows-evtx", rule)));
    }

    [Fact]
    public void Without_a_pipeline_a_windows_rule_names_its_logsource()
    {
        string rule = Rule("Whoami", "1b2c3d4e-0004-4000-8000-000000000004", ProcessCreation, """
              sel:
                Image|endswith: '\whoami.exe'
              condition: sel
            """);
        Assert.Equal(new[] { "windows/process_creation | catch_all | windows/process_creation (catch-all) | LogSource" }, Rows(Coverage(null, rule)));
    }

    [Fact]
    public void A_logsource_no_pipeline_maps_is_its_own_row()
    {
        string linux = Rule("Linux Whoami", "1b2c3d4e-0005-4000-8000-000000000005", "logsource: {product: linux, category: process_creation}", """
              sel:
                Image|endswith: '/whoami'
              condition: sel
            """);
        string unknownCategory = Rule("Odd Windows Category", "1b2c3d4e-0006-4000-8000-000000000006", "logsource: {product: windows, category: no_such_category}", """
              sel:
                Data|contains: 'x'
              condition: sel
            """);
        RuleCatalog catalog = Compile("windows-evtx", linux, unknownCategory);
        Assert.Equal(new[] { "linux/process_creation | catch_all | linux/process_creation (catch-all) | LogSource" }, Rows(catalog.Rule("Linux Whoami").EventCoverage));
        Assert.Equal(new[] { "windows/no_such_category | catch_all | windows/no_such_category (catch-all) | LogSource" }, Rows(catalog.Rule("Odd Windows Category").EventCoverage));
    }

    [Fact]
    public void The_rules_own_event_id_narrows_the_pipelines_pairs()
    {
        string sysmonOnly = Rule("Sysmon Only", "1b2c3d4e-0007-4000-8000-000000000007", ProcessCreation, """
              sel:
                EventID: 1
                Image|endswith: '\whoami.exe'
              condition: sel
            """);
        Assert.Equal(new[] { $"{SysmonChannel} | 1 | Process creation | Event" }, Rows(Coverage("windows-evtx", sysmonOnly)));

        string logon = Rule("Logon", "1b2c3d4e-0008-4000-8000-000000000008", "logsource: {product: windows, service: security}", """
              sel:
                EventID: [4624, 4625]
                LogonType: 10
              condition: sel
            """);
        Assert.Equal(
            new[]
            {
                "Security | 4624 | An account was successfully logged on | Event",
                "Security | 4625 | An account failed to log on | Event",
            },
            Rows(Coverage("windows-evtx", logon)));
    }

    [Fact]
    public void A_channel_without_event_id_is_a_catch_all_and_an_id_outside_the_table_is_titled_by_channel()
    {
        string keywords = Rule("Security Keywords", "1b2c3d4e-0009-4000-8000-000000000009", "logsource: {product: windows, service: security}", """
              keywords:
                - 'mimikatz'
              condition: keywords
            """);
        Assert.Equal(new[] { "Security | catch_all | Security (catch-all) | CatchAll" }, Rows(Coverage("windows-evtx", keywords)));

        string service = Rule("Service Installed", "1b2c3d4e-000a-4000-8000-00000000000a", "logsource: {product: windows, service: system}", """
              sel:
                Provider_Name: 'Service Control Manager'
                EventID: 7045
              condition: sel
            """);
        // The pipeline names the channel, which is what a collector subscribes to; without it, the provider stands in.
        Assert.Equal(new[] { "System | 7045 | System event 7045 | Event" }, Rows(Coverage("windows-evtx", service)));
        Assert.Equal(new[] { "Service Control Manager | 7045 | Service Control Manager event 7045 | Event" }, Rows(Coverage(null, service)));
    }

    [Theory]
    [InlineData("condition: sel and not filter", "")] // the filter excludes 4688
    [InlineData("condition: sel", "EventID|neq: 4688")] // so does |neq
    public void A_predicate_under_not_or_negated_does_not_narrow(string condition, string negated)
    {
        string rule = Rule("Filtered", "1b2c3d4e-000b-4000-8000-00000000000b", ProcessCreation, $"""
              sel:
                Image|endswith: '\whoami.exe'
                {negated}
              filter:
                EventID: 4688
              {condition}
            """);
        // Excluding an id narrows nothing to a list of ids: both events stay.
        Assert.Equal(
            new[]
            {
                $"{SysmonChannel} | 1 | Process creation | Event",
                "Security | 4688 | A new process has been created | Event",
            },
            Rows(Coverage("windows-evtx", rule)));
    }

    [Fact]
    public void A_double_negation_narrows_as_the_search_itself()
    {
        string rule = Rule("Twice", "1b2c3d4e-0017-4000-8000-000000000017", ProcessCreation, """
              sel:
                EventID: 1
              condition: not not sel
            """);
        Assert.Equal(new[] { $"{SysmonChannel} | 1 | Process creation | Event" }, Rows(Coverage("windows-evtx", rule)));
    }

    [Fact]
    public void A_predicate_in_only_one_branch_of_an_or_does_not_narrow_the_other()
    {
        string windows = Rule("Either", "1b2c3d4e-000c-4000-8000-00000000000c", "logsource: {product: windows, service: security}", """
              sel_logon:
                EventID: 4624
              sel_any:
                SubjectUserName: 'evil'
              condition: sel_logon or sel_any
            """);
        // sel_any allows any Security event, which covers 4624 too.
        Assert.Equal(new[] { "Security | catch_all | Security (catch-all) | CatchAll" }, Rows(Coverage("windows-evtx", windows)));

        string cloud = Rule("Either Cloud", "1b2c3d4e-000d-4000-8000-00000000000d", "logsource: {product: aws, service: cloudtrail}", """
              sel_call:
                eventSource: s3.amazonaws.com
                eventName: PutBucketPolicy
              sel_error:
                eventSource: s3.amazonaws.com
                errorCode: AccessDenied
              condition: sel_call or sel_error
            """);
        Assert.Equal(new[] { "AWS-s3 | catch_all | AWS-s3 (catch-all) | CatchAll" }, Rows(Coverage(null, cloud)));

        string both = Rule("Both Branches", "1b2c3d4e-000e-4000-8000-00000000000e", ProcessCreation, """
              sel_a:
                EventID: 1
                CommandLine|contains: 'a'
              sel_b:
                EventID: 4688
                CommandLine|contains: 'b'
              condition: sel_a or sel_b
            """);
        // Each branch pins an id the pipeline pairs with one channel: still exactly the two events.
        Assert.Equal(
            new[]
            {
                $"{SysmonChannel} | 1 | Process creation | Event",
                "Security | 4688 | A new process has been created | Event",
            },
            Rows(Coverage("windows-evtx", both)));
    }

    [Fact]
    public void Contradicting_event_conditions_say_no_event_can_match()
    {
        string rule = Rule("Wrong Id", "1b2c3d4e-000f-4000-8000-00000000000f", ProcessCreation, """
              sel:
                EventID: 4624
              condition: sel
            """);
        CoveredEvent row = Assert.Single(Coverage("windows-evtx", rule));
        Assert.Equal(("windows/process_creation", "", EventCoverageKind.NoEvent), (row.Provider, row.Event, row.Kind));
        Assert.Contains("no event can match", row.Title);

        string all = Rule("All Ids", "1b2c3d4e-0010-4000-8000-000000000010", "logsource: {product: windows, service: security}", """
              sel:
                EventID|all: [4624, 4625]
              condition: sel
            """);
        Assert.Equal(EventCoverageKind.NoEvent, Assert.Single(Coverage("windows-evtx", all)).Kind);
    }

    [Fact]
    public void A_rule_without_logsource_or_event_fields_says_its_events_cannot_be_determined()
    {
        string rule = Rule("Anywhere", "1b2c3d4e-0011-4000-8000-000000000011", "description: no logsource", """
              sel:
                CommandLine|contains: 'evil'
              condition: sel
            """);
        CoveredEvent row = Assert.Single(Coverage(null, rule));
        Assert.Equal(("", "", EventCoverageKind.Undetermined), (row.Provider, row.Event, row.Kind));
        Assert.StartsWith("cannot be determined", row.Title);

        // Without a logsource, a channel and an event id still say which events.
        string pinned = Rule("Pinned", "1b2c3d4e-0012-4000-8000-000000000012", "description: no logsource", """
              sel:
                Channel: Security
                EventID: 1102
              condition: sel
            """);
        Assert.Equal(new[] { "Security | 1102 | The audit log was cleared | Event" }, Rows(Coverage(null, pinned)));
    }

    /// <summary>A Security/System pair of events and three searches of seven maps each on other tracked fields.</summary>
    private static string Combinations(string id, bool withProviders) => Rule("Many " + id, id, "logsource: {product: windows}", """
          pair:
            - Channel: Security
              EventID: 4624
            - Channel: System
              EventID: 7045
          sources:
            - eventSource: [a1]
            - eventSource: [a2]
            - eventSource: [a3]
            - eventSource: [a4]
            - eventSource: [a5]
            - eventSource: [a6]
            - eventSource: [a7]
          names:
            - eventName: [n1]
            - eventName: [n2]
            - eventName: [n3]
            - eventName: [n4]
            - eventName: [n5]
            - eventName: [n6]
            - eventName: [n7]
          providers:
            - Provider_Name: [p1]
            - Provider_Name: [p2]
            - Provider_Name: [p3]
            - Provider_Name: [p4]
            - Provider_Name: [p5]
            - Provider_Name: [p6]
            - Provider_Name: [p7]
        """ + (withProviders ? "\n  condition: pair and sources and names and providers" : "\n  condition: pair and sources and names"));

    [Fact]
    public void A_condition_with_too_many_combinations_is_widened_never_narrowed()
    {
        // 2 x 7 x 7 = 98 combinations are kept apart: exactly the two events.
        Assert.Equal(
            new[]
            {
                "Security | 4624 | An account was successfully logged on | Event",
                "System | 7045 | System event 7045 | Event",
            },
            Rows(Coverage(null, Combinations("1b2c3d4e-0013-4000-8000-000000000013", withProviders: false))));

        // 2 x 7 x 7 x 7 = 686 is past the bound: each field keeps the union of its values, so the rows still include
        // the two events the rule allows, and the two mixed pairs the widened answer can no longer tell apart.
        Assert.Equal(
            new[]
            {
                "Security | 4624 | An account was successfully logged on | Event",
                "Security | 7045 | Security event 7045 | Event",
                "System | 4624 | System event 4624 | Event",
                "System | 7045 | System event 7045 | Event",
            },
            Rows(Coverage(null, Combinations("1b2c3d4e-0016-4000-8000-000000000016", withProviders: true))));
    }

    [Fact]
    public void The_checklist_counts_the_rules_that_need_each_event_ordered_by_provider_then_id()
    {
        string logon = Rule("Logon", "1b2c3d4e-0014-4000-8000-000000000014", "logsource: {product: windows, service: security}", """
              sel:
                EventID: 4624
              condition: sel
            """);
        string cleared = Rule("Cleared", "1b2c3d4e-0015-4000-8000-000000000015", "logsource: {product: windows, service: security}", """
              sel:
                EventID: 1102
              condition: sel
            """);
        RuleCatalog catalog = CatalogHarness.Compile(
            CatalogHarness.RepositoryRules().Concat(new[] { GeneratorHarness.Rule("logon.yml", logon), GeneratorHarness.Rule("cleared.yml", cleared) }),
            WithPipelines("windows-evtx"));
        Assert.Equal(
            new[]
            {
                "AWS-lambda | catch_all | 2",
                "AWS-lambda | UpdateFunctionConfiguration20150331v2 | 1",
                "AWS-s3 | DeleteBucketEncryption | 1",
                "AWS-s3 | DeleteBucketPolicy | 1",
                "AWS-s3 | DeleteBucketPublicAccessBlock | 1",
                $"{SysmonChannel} | 1 | 2",
                "Security | 1102 | 1",
                "Security | 4624 | 2",
                "Security | 4625 | 1",
                "Security | 4688 | 2",
            },
            catalog.EventChecklist.Select(e => $"{e.Provider} | {e.Event} | {e.RuleCount}"));
        EventChecklistEntry processes = catalog.EventChecklist.Single(e => e.Event == "4688");
        Assert.Equal(
            new[] { "Encoded PowerShell Command Launched By Office Or Script Host", "Process Memory Dump Of LSASS Via Command Line" },
            processes.RuleIndexes.Select(i => catalog.Rules[i].Title).OrderBy(t => t));
        Assert.Equal("A new process has been created", processes.Title);
    }

    [Fact]
    public void A_catalog_built_without_a_checklist_has_an_empty_one_and_bad_positions_are_refused()
    {
        var empty = new RuleCatalog(System.Array.Empty<IDescribedRule>(), System.Array.Empty<SharedIndicator>(), System.Array.Empty<RuleOperation>());
        Assert.Empty(empty.EventChecklist);
        Assert.Throws<System.ArgumentException>(() => new RuleCatalog(
            System.Array.Empty<IDescribedRule>(), System.Array.Empty<SharedIndicator>(), System.Array.Empty<RuleOperation>(),
            new[] { new EventChecklistEntry("Security", "4624", "t", EventCoverageKind.Event, new[] { 0 }) }));
    }

    [Fact]
    public void The_documented_title_table_is_the_built_in_one()
    {
        string docs = System.IO.File.ReadAllText(System.IO.Path.Combine(SharedData.RepositoryRoot, "docs", "catalog.md"));
        string security = docs[docs.IndexOf("- Security (`Security`", System.StringComparison.Ordinal)..];
        security = security[..security.IndexOf("titled as", System.StringComparison.Ordinal)];
        string[] documented = System.Text.RegularExpressions.Regex.Matches(security, "\\b[0-9]{4}\\b").Select(m => m.Value).ToArray();
        Assert.Equal(Titles.SecurityIds.OrderBy(i => i, System.StringComparer.Ordinal), documented.OrderBy(i => i, System.StringComparer.Ordinal));

        // Sysmon: every id from 1 to 29, and 255.
        Assert.Equal(Enumerable.Range(1, 29).Append(255).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), Titles.SysmonIds);
        Assert.Equal("Process creation", Titles.Title("microsoft-windows-sysmon", "1"));
        Assert.Equal("A new process has been created", Titles.Title("Microsoft-Windows-Security-Auditing", "4688"));
        Assert.Equal("Application event 1000", Titles.Title("Application", "1000"));
    }

    private static Dictionary<string, string> WithPipelines(string pipelines)
    {
        Dictionary<string, string> options = GeneratorHarness.DefaultOptions();
        options["build_property.SigmaPipelines"] = pipelines;
        return options;
    }
}
