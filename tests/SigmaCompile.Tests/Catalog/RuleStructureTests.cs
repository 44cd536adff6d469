using System.Collections.Generic;
using System.Linq;
using SigmaCompile.Catalog;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Catalog;

/// <summary>What a compiled rule says about itself: metadata, coverage, stages and indicators.</summary>
public sealed class RuleStructureTests
{
    private static string Rows(IDescribedRule rule) =>
        string.Join("\n", rule.Indicators.Select(i => $"{i.Field} {i.OperatorName} [{string.Join(", ", i.Values)}]"));

    [Fact]
    public void The_seed_rule_shows_its_metadata_coverage_stages_indicators_and_the_lambda_rules_on_the_same_action()
    {
        RuleCatalog catalog = CatalogHarness.RepositoryCatalog;
        IDescribedRule seed = catalog.Rule("AWS New Lambda Layer Attached");

        Assert.Equal(RuleStatus.Test, seed.Status);
        Assert.Equal(RuleLevel.Low, seed.Level);
        Assert.Equal(new LogSource("aws", null, "cloudtrail"), seed.LogSource);
        Assert.Equal("Austin Songer", seed.Author);
        Assert.Equal("rules/aws/aws_lambda_layer_attached.yml", seed.SourcePath);

        AttackTactic tactic = Assert.Single(seed.Coverage.Tactics);
        Assert.Equal(new AttackTactic("privilege-escalation", "Privilege Escalation", "TA0004"), tactic);
        Assert.Empty(seed.Coverage.Techniques);

        Assert.Equal(2, seed.Stages.Count);
        Assert.Equal((0, RuleStageKind.Condition, "selection"), (seed.Stages[0].Index, seed.Stages[0].Kind, seed.Stages[0].Text));
        Assert.Equal((1, RuleStageKind.Selection, "selection"), (seed.Stages[1].Index, seed.Stages[1].Kind, seed.Stages[1].Name));
        Assert.Equal(
            new[] { "eventSource: lambda.amazonaws.com", "eventName|startswith: UpdateFunctionConfiguration", "requestParameters.layers|contains: '*'" },
            seed.Stages[1].Predicates.Select(p => p.ToString()));

        Assert.Equal("""
            eventName starts_with [UpdateFunctionConfiguration]
            eventSource eq [lambda.amazonaws.com]
            requestParameters.layers match [*]
            """.Replace("\r\n", "\n"), Rows(seed));

        // The rule on the dated call UpdateFunctionConfiguration20150331v2 is covered by the prefix; the one on
        // AddPermission is another action, though it shares the event source.
        Assert.Equal(new[] { "AWS Lambda Function Execution Role Or Environment Changed" }, catalog.RulesDetectingSameAction(seed).Select(r => r.Title));
        Assert.Equal(new[] { "aws/cloudtrail: lambda.amazonaws.com UpdateFunctionConfiguration*" }, catalog.OperationsOf(seed).Select(o => o.Name));
        Assert.Equal(3, catalog.CountRulesWith("eventSource", IndicatorOperator.Equal, "lambda.amazonaws.com"));
    }

    [Fact]
    public void A_windows_rule_with_1_of_and_a_filter_expands_its_condition_and_marks_the_filter()
    {
        IDescribedRule rule = CatalogHarness.RepositoryCatalog.Rule("Process Memory Dump Of LSASS Via Command Line");
        RuleStage condition = rule.Stages[0];
        Assert.Equal("1 of selection_* and not filter_wer", condition.Text);
        Assert.Equal("(selection_comsvcs or selection_procdump or selection_rdrleak) and not filter_wer", condition.Expanded);
        Assert.Equal(
            new[] { RuleStageKind.Condition, RuleStageKind.Selection, RuleStageKind.Selection, RuleStageKind.Selection, RuleStageKind.Filter },
            rule.Stages.Select(s => s.Kind));
        RuleIndicator all = rule.Indicators.First(i => i.Search == "selection_comsvcs");
        Assert.True(all.All);
        Assert.Equal(new[] { "comsvcs", "MiniDump" }, all.Values);
        Assert.All(rule.Indicators.Where(i => i.Search == "filter_wer"), i => Assert.True(i.Filter));
        Assert.Equal(new[] { "T1003.001" }, rule.Coverage.Techniques.Select(t => t.Id));
        Assert.Equal(("T1003", "001", true), (rule.Coverage.Techniques[0].TechniqueId, rule.Coverage.Techniques[0].SubTechniqueId, rule.Coverage.Techniques[0].IsSubTechnique));
    }

    [Fact]
    public void Every_operator_has_its_row()
    {
        const string Rule = """
            title: Every Operator
            id: 5e0c2b8a-7d41-4f3e-9a26-0b1c2d3e4f50
            logsource: {product: test}
            detection:
              sel:
                A: 'exact'
                B|contains: 'middle'
                C|startswith: 'head'
                D|endswith: 'tail'
                E: 'wild*card?'
                F|re|i: '^x[0-9]+$'
                G|cidr: '10.0.0.0/8'
                H|exists: true
                I: null
                J|gt: 5
                K|lte: 2.5
                L|fieldref: M
                N|cased: 'Exact'
                O|neq: 'no'
                P|windash|contains: ' -x '
                Time|hour|gte: 9
              words:
                - 'evil'
                - 'a*b'
              condition: sel or words
            """;
        IDescribedRule rule = CatalogHarness.Compile(new[] { GeneratorHarness.Rule("ops.yml", Rule) }).Rules.Single();
        Dictionary<string, RuleIndicator> byField = rule.Indicators.Where(i => i.Field is not null).ToDictionary(i => i.Field!);
        Assert.Equal("eq", byField["A"].OperatorName);
        Assert.Equal(("contains", "middle"), (byField["B"].OperatorName, byField["B"].Values.Single()));
        Assert.Equal(("starts_with", "head"), (byField["C"].OperatorName, byField["C"].Values.Single()));
        Assert.Equal(("ends_with", "tail"), (byField["D"].OperatorName, byField["D"].Values.Single()));
        Assert.Equal(("match", "wild*card?"), (byField["E"].OperatorName, byField["E"].Values.Single()));
        Assert.Equal(("match", "/^x[0-9]+$/i", false), (byField["F"].OperatorName, byField["F"].Values.Single(), byField["F"].Cased));
        Assert.Equal(("cidr", "10.0.0.0/8"), (byField["G"].OperatorName, byField["G"].Values.Single()));
        Assert.Equal(("exists", "true"), (byField["H"].OperatorName, byField["H"].Values.Single()));
        Assert.Equal(("null", 0), (byField["I"].OperatorName, byField["I"].Values.Count));
        Assert.Equal(("gt", "5"), (byField["J"].OperatorName, byField["J"].Values.Single()));
        Assert.Equal(("lte", "2.5"), (byField["K"].OperatorName, byField["K"].Values.Single()));
        Assert.Equal(("fieldref", "M"), (byField["L"].OperatorName, byField["L"].Values.Single()));
        Assert.True(byField["N"].Cased);
        Assert.True(byField["O"].Negated);
        Assert.Equal(new[] { " -x ", " /x ", " –x ", " —x ", " ―x " }, byField["P"].Values);
        Assert.Equal(("gte", "9"), (byField["Time|hour"].OperatorName, byField["Time|hour"].Values.Single()));
        RuleIndicator keywords = rule.Indicators.Single(i => i.Field is null);
        Assert.Equal(("keyword", "words"), (keywords.OperatorName, keywords.Search));
        Assert.Equal(new[] { "evil", "a*b" }, keywords.Values);
        Assert.Same(keywords, rule.Indicators[^1]); // keywords come last
    }

    [Fact]
    public void Tags_are_read_as_tactics_techniques_groups_software_cves_and_other_namespaces()
    {
        const string Rule = """
            title: Tagged
            id: 6f1d3c9b-8e52-4a4f-8b37-1c2d3e4f5a61
            tags:
              - attack.command-and-control
              - attack.stealth
              - attack.t1071.001
              - attack.T1105
              - attack.g0016
              - attack.s0002
              - cve.2021-44228
              - detection.emerging-threats
              - car.2016-04-005
            logsource: {product: test}
            detection:
              sel:
                A: x
              condition: sel
            """;
        RuleCoverage coverage = CatalogHarness.Compile(new[] { GeneratorHarness.Rule("tags.yml", Rule) }).Rules.Single().Coverage;
        Assert.Equal(new[] { "Command and Control (TA0011)", "Stealth ()" }, coverage.Tactics.Select(t => $"{t.Name} ({t.Id})"));
        Assert.Equal(new[] { "T1071.001", "T1105" }, coverage.Techniques.Select(t => t.Id));
        Assert.Equal(new[] { "G0016" }, coverage.Groups);
        Assert.Equal(new[] { "S0002" }, coverage.Software);
        Assert.Equal(new[] { "CVE-2021-44228" }, coverage.Cves);
        Assert.Equal(new[] { "detection.emerging-threats", "car.2016-04-005" }, coverage.OtherTags.Select(t => t.ToString()));
    }

    [Fact]
    public void Searches_a_pipeline_adds_are_stages_marked_as_added_and_stay_out_of_the_indicators()
    {
        const string Rule = """
            title: Mapped Rule
            id: 7a2e4d0c-9f63-4b50-9c48-2d3e4f5a6b72
            logsource: {product: windows, category: process_creation}
            detection:
              selection:
                Image|endswith: '\evil.exe'
              unused:
                CommandLine: never
              condition: selection
            """;
        Dictionary<string, string> options = GeneratorHarness.DefaultOptions();
        options["build_property.SigmaPipelines"] = "windows-evtx";
        IDescribedRule rule = CatalogHarness.Compile(new[] { GeneratorHarness.Rule("mapped.yml", Rule) }, options).Rules.Single();

        Assert.Equal(new[] { "condition", "selection", "unused", "_pipeline_1" }, rule.Stages.Select(s => s.Name));
        Assert.Equal(RuleStageKind.Unreferenced, rule.Stages[2].Kind);
        Assert.Equal(RuleStageKind.AddedByPipeline, rule.Stages[3].Kind);
        Assert.Equal("selection", rule.Stages[0].Text);
        Assert.StartsWith("_pipeline_1 and ", rule.Stages[0].Expanded, System.StringComparison.Ordinal);
        Assert.Contains("Event.EventData.Image", rule.Stages[1].Predicates.Single().MappedTo);
        Assert.Contains("Event.EventData.NewProcessName", rule.Stages[1].Predicates.Single().MappedTo);
        // Indicators keep the field as the rule wrote it, and only what the rule itself looks for.
        RuleIndicator indicator = Assert.Single(rule.Indicators);
        Assert.Equal(("Image", IndicatorOperator.EndsWith, "\\evil.exe"), (indicator.Field, indicator.Operator, indicator.Values.Single()));
    }
}
