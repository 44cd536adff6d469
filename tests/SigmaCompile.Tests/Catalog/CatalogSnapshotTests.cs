using System.Linq;
using Microsoft.CodeAnalysis;
using SigmaCompile.Catalog;
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
}
