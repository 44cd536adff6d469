using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SigmaCompile.Catalog;
using SigmaCompile.Generator;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Catalog;

/// <summary>
/// <see cref="IDescribedRule.AppliedFilters"/> on compiled generated code: each rule lists the Sigma filters applied
/// to it (title, id when written, file, search prefix) in the order applied, and no other.
/// </summary>
public sealed class AppliedFiltersTests
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
        ---
        title: Unfiltered Rule
        id: 7a7a7a7a-0000-4000-8000-000000000002
        logsource:
            category: process_creation
            product: windows
        detection:
            selection:
                Image|endswith: '\cmd.exe'
            condition: selection
        """;

    private const string AdminsId = "0a000000-0000-4000-8000-00000000000a";
    private const string BackupId = "0b000000-0000-4000-8000-00000000000b";

    // Names the rar rule by id, the jump host rule by name, and the Linux rule, whose log source it does not match.
    private static string AdminFilter(string? id = AdminsId, string title = "Filter Administrator account") => (id is null ? "" : $"id: {id}\n") + $$"""
        title: {{title}}
        logsource:
            category: process_creation
            product: windows
        filter:
            rules:
                - 6f3e2987-db24-4c78-a860-b4f4095a7095
                - jump_host_login
                - linux_shell
            selection:
                User|startswith: 'adm_'
            condition: selection
        """;

    private const string BackupFilter = $$"""
        title: Filter backup host
        id: {{BackupId}}
        logsource:
            product: windows
        filter:
            rules:
                - 6f3e2987-db24-4c78-a860-b4f4095a7095
            selection:
                Computer: backup01
            condition: selection
        """;

    private static RuleCatalog Compile(params (string Name, string Yaml)[] files) =>
        CatalogHarness.Compile(files.Select(f => (AdditionalText)GeneratorHarness.Rule(f.Name, f.Yaml)));

    [Fact]
    public void A_rule_named_by_id_lists_the_filter_with_its_title_id_file_and_search_prefix()
    {
        RuleCatalog catalog = Compile(("rules.yml", Rules), ("filters/admins.yml", AdminFilter()));
        IDescribedRule rar = catalog.Rule("Data Compressed With Rar");
        AppliedFilter filter = Assert.Single(rar.AppliedFilters);
        Assert.Equal(new AppliedFilter("Filter Administrator account", Guid.Parse(AdminsId), "rules/filters/admins.yml", "_filter1_"), filter);
        // The prefix names the filter's stages.
        Assert.Contains(rar.Stages, s => s.Name == filter.SearchPrefix + "selection" && s.Kind == RuleStageKind.Filter);
    }

    [Fact]
    public void A_rule_named_by_its_name_lists_the_filter_too()
    {
        RuleCatalog catalog = Compile(("rules.yml", Rules), ("filters/admins.yml", AdminFilter()));
        AppliedFilter filter = Assert.Single(catalog.Rule("Login On Jump Host").AppliedFilters);
        Assert.Equal("Filter Administrator account", filter.Title);
        Assert.Equal(Guid.Parse(AdminsId), filter.Id);
    }

    [Fact]
    public void A_rule_with_two_filters_lists_both_in_the_order_applied()
    {
        // The backup filter's file comes first; filters apply in id order, so the admins filter is _filter1_.
        RuleCatalog catalog = Compile(("rules.yml", Rules), ("a_backup.yml", BackupFilter), ("b_admins.yml", AdminFilter()));
        IDescribedRule rar = catalog.Rule("Data Compressed With Rar");
        Assert.Equal(
            new[] { ("Filter Administrator account", "_filter1_", "rules/b_admins.yml"), ("Filter backup host", "_filter2_", "rules/a_backup.yml") },
            rar.AppliedFilters.Select(f => (f.Title, f.SearchPrefix, f.SourcePath)));
        Assert.Equal("((selection) and not (_filter1_selection)) and not (_filter2_selection)", rar.Condition);
        // Each prefix leads to that filter's own search.
        Assert.Equal("User", rar.Stages.Single(s => s.Name == "_filter1_selection").Predicates.Single().Field);
        Assert.Equal("Computer", rar.Stages.Single(s => s.Name == "_filter2_selection").Predicates.Single().Field);
    }

    [Fact]
    public void An_unfiltered_rule_lists_no_filter()
    {
        RuleCatalog catalog = Compile(("rules.yml", Rules), ("filters/admins.yml", AdminFilter()));
        Assert.Empty(catalog.Rule("Unfiltered Rule").AppliedFilters);
        // Without any filter document every rule's list is empty.
        Assert.All(Compile(("rules.yml", Rules)).Rules, r => Assert.Empty(r.AppliedFilters));
    }

    [Fact]
    public void A_named_rule_whose_log_source_the_filter_does_not_match_lists_no_filter()
    {
        RuleCatalog catalog = Compile(("rules.yml", Rules), ("filters/admins.yml", AdminFilter()));
        IDescribedRule shell = catalog.Rule("Linux Shell");
        Assert.Empty(shell.AppliedFilters);
        Assert.Equal("selection", shell.Condition);
    }

    [Fact]
    public void A_filter_without_an_id_is_listed_with_a_null_id()
    {
        RuleCatalog catalog = Compile(("rules.yml", Rules), ("filters/admins.yml", AdminFilter(id: null)));
        AppliedFilter filter = Assert.Single(catalog.Rule("Data Compressed With Rar").AppliedFilters);
        Assert.Equal("Filter Administrator account", filter.Title);
        Assert.Null(filter.Id);
    }

    [Fact]
    public void A_filter_left_out_for_an_error_is_not_listed()
    {
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(new[]
        {
            GeneratorHarness.Rule("rules.yml", Rules),
            GeneratorHarness.Rule("filters/admins.yml", AdminFilter().Replace("User|startswith:", "User|startwith:")),
        });
        Assert.Equal("SIGMA005", Assert.Single(result.Diagnostics).Id);
        Assert.Empty(CatalogHarness.FromAssembly(GeneratorHarness.Load(output)).Rule("Data Compressed With Rar").AppliedFilters);
    }

    [Fact]
    public void The_list_is_read_only()
    {
        IReadOnlyList<AppliedFilter> filters = Compile(("rules.yml", Rules), ("filters/admins.yml", AdminFilter())).Rule("Data Compressed With Rar").AppliedFilters;
        Assert.False(filters is AppliedFilter[]);
        Assert.True(filters is ICollection<AppliedFilter> { IsReadOnly: true });
    }

    [Fact]
    public void Renaming_a_filter_rebuilds_the_catalog_entries_of_the_rules_it_filters_only()
    {
        var files = new List<AdditionalText> { GeneratorHarness.Rule("rules.yml", Rules), GeneratorHarness.Rule("filters/admins.yml", AdminFilter()) };
        GeneratorDriver driver = GeneratorHarness.CreateDriver(files, trackSteps: true);
        Compilation compilation = GeneratorHarness.EmptyCompilation();
        driver = driver.RunGenerators(compilation);
        driver = driver.ReplaceAdditionalText(files[1], GeneratorHarness.Rule("filters/admins.yml", AdminFilter(title: "Filter admin accounts"))).RunGenerators(compilation);

        GeneratorRunResult run = driver.GetRunResult().Results.Single();
        IncrementalStepRunReason[] entries = run.TrackedSteps[TrackingNames.RuleCatalogEntries].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
        // The rar and jump host rules carry the new title; the Linux and unfiltered rules are untouched.
        Assert.Equal(2, entries.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(2, entries.Count(r => r == IncrementalStepRunReason.Cached));
        string rar = run.GeneratedSources.Single(s => s.HintName == "DataCompressedWithRar.Catalog.g.cs").SourceText.ToString();
        // The applied filter's row of the packed entry, a line of its own: title, id, file, search prefix, each ended by U+241F.
        Assert.Contains(" Filter admin accounts\u241F" + AdminsId + "\u241Frules/filters/admins.yml\u241F_filter1_\u241F\n", rar);
    }
}
