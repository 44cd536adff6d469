using System.Globalization;
using System.Linq;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using SigmaCompile.Catalog;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Generator;

/// <summary>
/// Sigma v2.1 filters (<c>filter:</c> documents): each named rule whose log source matches gets <c>and not (filter
/// condition)</c>; the generated class shows it; a filter that applies nowhere is a warning; a broken filter is an
/// error at its line and column and the rules still compile.
/// </summary>
public sealed class FilterTests
{
    private const string Rules = """
        title: Data Compressed With Rar
        id: 6f3e2987-db24-4c78-a860-b4f4095a7095
        logsource:
            category: process_creation
            product: windows
        detection:
            selection:
                Image|endswith: '\rar.exe'
            condition: selection
        ---
        title: Login On Jump Host
        id: df0841c0-9846-4e9f-ad8a-7df91571771b
        name: jump_host_login
        logsource:
            category: process_creation
            product: windows
        detection:
            selection:
                Computer: jump01
            condition: selection
        ---
        title: Linux Shell
        id: 7a7a7a7a-0000-4000-8000-000000000001
        name: linux_shell
        logsource:
            category: process_creation
            product: linux
        detection:
            selection:
                Image|endswith: '/sh'
            condition: selection
        """;

    // The specification's example, the second rule named by its name.
    private const string AdminFilter = """
        title: Filter Administrator account
        description: The valid administrator account start with adm_
        logsource:
            category: process_creation
            product: windows
        filter:
            rules:
                - 6f3e2987-db24-4c78-a860-b4f4095a7095 # Data Compressed - rar.exe
                - jump_host_login
            selection:
                User|startswith: 'adm_'
            condition: selection
        """;

    private static bool Matches(IDetectionRule rule, string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return rule.IsMatch(document.RootElement);
    }

    [Fact]
    public void A_filter_removes_its_matches_from_every_rule_it_names()
    {
        var rules = GeneratorHarness.CompileRules(new[] { GeneratorHarness.Rule("rules.yml", Rules), GeneratorHarness.Rule("mf_admins.yml", AdminFilter) });
        IDetectionRule rar = rules.Single(r => r.Title == "Data Compressed With Rar");
        IDetectionRule jump = rules.Single(r => r.Title == "Login On Jump Host");
        Assert.True(Matches(rar, """{"Image":"C:\\rar.exe","User":"bob"}"""));
        Assert.False(Matches(rar, """{"Image":"C:\\rar.exe","User":"adm_bob"}"""));
        Assert.True(Matches(jump, """{"Computer":"jump01","User":"bob"}"""));
        Assert.False(Matches(jump, """{"Computer":"jump01","User":"adm_alice"}"""));
        // The condition and the catalog's stages show the filter.
        Assert.Equal("(selection) and not (_filter1_selection)", rar.Condition);
        var stages = ((IDescribedRule)rar).Stages;
        Assert.Contains(stages, s => s.Name == "_filter1_selection" && s.Predicates.Any(p => p.Field == "User"));
    }

    [Fact]
    public void The_generated_class_shows_the_filter_in_its_condition_comment()
    {
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(new[] { GeneratorHarness.Rule("rules.yml", Rules), GeneratorHarness.Rule("mf_admins.yml", AdminFilter) });
        Assert.Empty(result.Diagnostics);
        string source = result.Results.Single().GeneratedSources.Single(s => s.HintName == "DataCompressedWithRar.g.cs").SourceText.ToString();
        Assert.Contains("/// Condition: <c>(selection) and not (_filter1_selection)</c>", source);
    }

    [Fact]
    public void Two_filters_on_one_rule_both_apply()
    {
        string second = AdminFilter.Replace("Filter Administrator account", "Filter backup host").Replace("User|startswith: 'adm_'", "Computer: backup01");
        var rules = GeneratorHarness.CompileRules(new[] { GeneratorHarness.Rule("rules.yml", Rules), GeneratorHarness.Rule("a.yml", AdminFilter), GeneratorHarness.Rule("b.yml", "id: 00000000-0000-4000-8000-00000000000b\n" + second) });
        IDetectionRule rar = rules.Single(r => r.Title == "Data Compressed With Rar");
        Assert.False(Matches(rar, """{"Image":"C:\\rar.exe","User":"adm_bob"}"""));
        Assert.False(Matches(rar, """{"Image":"C:\\rar.exe","Computer":"backup01"}"""));
        Assert.True(Matches(rar, """{"Image":"C:\\rar.exe","Computer":"ws1","User":"bob"}"""));
        Assert.Equal("((selection) and not (_filter1_selection)) and not (_filter2_selection)", rar.Condition);
    }

    private static void ExpectWarningAt(Diagnostic diagnostic, string text, string at, string messagePart)
    {
        int index = text.IndexOf(at, System.StringComparison.Ordinal);
        int line = text.Take(index).Count(c => c == '\n') + 1;
        int column = index - text.LastIndexOf('\n', index - 1);
        Assert.Equal(("SIGMA032", DiagnosticSeverity.Warning), (diagnostic.Id, diagnostic.Severity));
        Assert.Equal((line, column), (diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1, diagnostic.Location.GetLineSpan().StartLinePosition.Character + 1));
        Assert.Contains(messagePart, diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_filter_naming_no_existing_rule_is_a_warning_at_the_reference()
    {
        string filter = AdminFilter.Replace("- jump_host_login", "- no_such_rule");
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(new[] { GeneratorHarness.Rule("rules.yml", Rules), GeneratorHarness.Rule("mf_admins.yml", filter) });
        ExpectWarningAt(Assert.Single(result.Diagnostics), filter, "no_such_rule", "neither the id nor the name");
        Assert.Contains(result.Results.Single().GeneratedSources, s => s.HintName == "LoginOnJumpHost.g.cs");
    }

    [Fact]
    public void A_named_rule_of_another_log_source_is_left_unfiltered_with_a_warning()
    {
        string filter = AdminFilter.Replace("- jump_host_login", "- linux_shell");
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(new[] { GeneratorHarness.Rule("rules.yml", Rules), GeneratorHarness.Rule("mf_admins.yml", filter) });
        ExpectWarningAt(Assert.Single(result.Diagnostics), filter, "linux_shell", "does not match");
        var rules = GeneratorHarness.CompileRules(new[] { GeneratorHarness.Rule("rules.yml", Rules), GeneratorHarness.Rule("mf_admins.yml", filter) }.Take(1).Append(GeneratorHarness.Rule("mf_admins.yml", filter)).ToList());
        IDetectionRule shell = rules.Single(r => r.Title == "Linux Shell");
        Assert.Equal("selection", shell.Condition);
        Assert.True(Matches(shell, """{"Image":"/bin/sh","User":"adm_root"}"""));
    }

    public static TheoryData<string, string, string, string> Broken => new()
    {
        { "no logsource", "title: Broken filter\nfilter:\n    rules: [jump_host_login]\n    selection:\n        User: x\n    condition: selection\n", "filter:", "needs a 'logsource'" },
        { "no rules", "title: Broken filter\nlogsource:\n    product: windows\nfilter:\n    selection:\n        User: x\n    condition: selection\n", "filter:", "names no rules" },
        { "filter not a mapping", "title: Broken filter\nlogsource:\n    product: windows\nfilter: [jump_host_login]\n", "[jump", "must be a mapping" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_broken_filter_is_an_error_at_its_line_and_the_rules_still_compile(string shape, string filter, string at, string messagePart)
    {
        Assert.NotEmpty(shape);
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(new[] { GeneratorHarness.Rule("rules.yml", Rules), GeneratorHarness.Rule("mf_broken.yml", filter) });
        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        int index = filter.IndexOf(at, System.StringComparison.Ordinal);
        Assert.Equal(("SIGMA033", DiagnosticSeverity.Error), (diagnostic.Id, diagnostic.Severity));
        Assert.Equal(filter.Take(index).Count(c => c == '\n') + 1, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Contains(messagePart, diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Contains(result.Results.Single().GeneratedSources, s => s.HintName == "LoginOnJumpHost.g.cs");
    }

    [Fact]
    public void A_filter_selection_is_checked_like_a_detection()
    {
        string filter = AdminFilter.Replace("User|startswith:", "User|startwith:");
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(new[] { GeneratorHarness.Rule("rules.yml", Rules), GeneratorHarness.Rule("mf_admins.yml", filter) });
        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SIGMA005", diagnostic.Id);
        Assert.Equal((11, 9), (diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1, diagnostic.Location.GetLineSpan().StartLinePosition.Character + 1));
        // The broken filter is left out: the rule stays unfiltered.
        Assert.Contains(result.Results.Single().GeneratedSources, s => s.HintName == "DataCompressedWithRar.g.cs" && s.SourceText.ToString().Contains("Condition: <c>selection</c>"));
    }

    [Fact]
    public void Filter_fields_are_mapped_by_the_pipelines_of_the_filtered_rule()
    {
        var options = GeneratorHarness.DefaultOptions();
        options["build_property.SigmaPipelines"] = "windows-evtx";
        var rules = GeneratorHarness.CompileRules(new[] { GeneratorHarness.Rule("rules.yml", Rules), GeneratorHarness.Rule("mf_admins.yml", AdminFilter) }, options);
        IDetectionRule jump = rules.Single(r => r.Title == "Login On Jump Host");
        Assert.True(Matches(jump, """{"Event":{"System":{"EventID":1,"Channel":"Microsoft-Windows-Sysmon/Operational","Computer":"jump01"},"EventData":{"User":"bob"}}}"""));
        Assert.False(Matches(jump, """{"Event":{"System":{"EventID":1,"Channel":"Microsoft-Windows-Sysmon/Operational","Computer":"jump01"},"EventData":{"User":"adm_bob"}}}"""));
    }

    [Fact]
    public void Adding_a_filter_re_emits_only_the_rules_it_filters()
    {
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new[] { GeneratorHarness.Rule("rules.yml", Rules) }, trackSteps: true);
        Compilation compilation = GeneratorHarness.EmptyCompilation();
        driver = driver.RunGenerators(compilation);
        driver = driver.AddAdditionalTexts(System.Collections.Immutable.ImmutableArray.Create<AdditionalText>(GeneratorHarness.Rule("mf_admins.yml", AdminFilter))).RunGenerators(compilation);
        var reasons = driver.GetRunResult().Results.Single().TrackedSteps
            .ToDictionary(step => step.Key, step => step.Value.SelectMany(run => run.Outputs).Select(o => o.Reason).ToArray());
        // The filter names two of the three rules.
        Assert.Equal(2, reasons[SigmaCompile.Generator.TrackingNames.FilteredRuleModels].Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(2, reasons[SigmaCompile.Generator.TrackingNames.RuleEmitModels].Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(1, reasons[SigmaCompile.Generator.TrackingNames.RuleEmitModels].Count(r => r is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached));
    }
}
