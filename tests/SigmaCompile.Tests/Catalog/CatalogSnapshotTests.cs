using System.Linq;
using Microsoft.CodeAnalysis;
using SigmaCompile.Tests.Generator;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Catalog;

/// <summary>
/// The generated catalog parts (<c>*.Catalog.g.cs</c>), compared with checked-in snapshots. Like the matcher snapshots, the <c>.verified.cs</c> files compile into this test
/// assembly, so they must stay valid C# together.
/// </summary>
public sealed class CatalogSnapshotTests
{
    [Theory]
    [InlineData("AwsNewLambdaLayerAttached")] // the seed rule
    [InlineData("ProcessMemoryDumpOfLsassViaCommandLine")] // Windows: 1 of selection_* and a filter
    [InlineData("EncodedPowerShellCommandLaunchedByOfficeOrScriptHost")] // a list of maps
    [InlineData("S3BucketPolicyOrEncryptionRemovedOutsideAutomation")]
    [InlineData("AwsLambdaFunctionExecutionRoleOrEnvironmentChanged")]
    [InlineData("AwsLambdaFunctionMadeInvocableByAnyPrincipal")]
    [InlineData("FailedLogon")] // a detection of a multi-document file that feeds correlations
    [InlineData("SigmaRules")] // the cross-rule index
    public void Repository_rules(string className)
    {
        GeneratorDriverRunResult result = GeneratorHarness.Run(CatalogHarness.RepositoryRules()).Result;
        Assert.Empty(result.Diagnostics);
        GeneratedSourceResult source = result.Results.Single().GeneratedSources.Single(s => s.HintName == className + ".Catalog.g.cs");
        Snapshot.Match(source.SourceText.ToString(), className + ".Catalog");
    }

    [Fact]
    public void A_keyword_rule_with_a_list_of_maps_nulls_and_an_underscore_identifier()
    {
        GeneratorDriverRunResult result = GeneratorHarness.Run(new[] { GeneratorHarness.Rule("shapes.yml", SnapshotTests.ShapesRule) }).Result;
        Assert.Empty(result.Diagnostics);
        Snapshot.Match(result.Results.Single().GeneratedSources.Single(s => s.HintName == "SnapshotOfShapes.Catalog.g.cs").SourceText.ToString(), "SnapshotOfShapes.Catalog");
    }

    private const string FilteredRule = """
            title: Snapshot Of A Filtered Rule
            id: 1a2b3c4d-5e6f-4a70-8b81-9c0d1e2f3a4b
            name: filtered_snapshot
            status: test
            level: medium
            logsource:
              category: process_creation
              product: windows
            detection:
              selection:
                Image|endswith: '\rar.exe'
              condition: selection
            """;

    // Two filters: one with an id naming the rule by id, one without an id naming it by name.
    private const string Filters = """
            title: Filter Administrator accounts
            id: 2b3c4d5e-6f70-4b81-9c0d-1e2f3a4b5c6d
            logsource:
              product: windows
            filter:
              rules:
                - 1a2b3c4d-5e6f-4a70-8b81-9c0d1e2f3a4b
              selection:
                User|startswith: 'adm_'
              condition: selection
            ---
            title: Filter backup hosts
            logsource:
              category: process_creation
              product: windows
            filter:
              rules:
                - filtered_snapshot
              backup:
                Computer|startswith: 'backup'
              condition: backup
            """;

    [Fact]
    public void A_rule_with_two_filters_lists_them_in_its_catalog_part()
    {
        GeneratorDriverRunResult result = GeneratorHarness.Run(new[] { GeneratorHarness.Rule("filtered.yml", FilteredRule), GeneratorHarness.Rule("filters/tuning.yml", Filters) }).Result;
        Assert.Empty(result.Diagnostics);
        var sources = result.Results.Single().GeneratedSources;
        Snapshot.Match(sources.Single(s => s.HintName == "SnapshotOfAFilteredRule.g.cs").SourceText.ToString(), "SnapshotOfAFilteredRule");
        Snapshot.Match(sources.Single(s => s.HintName == "SnapshotOfAFilteredRule.Catalog.g.cs").SourceText.ToString(), "SnapshotOfAFilteredRule.Catalog");
    }
}
