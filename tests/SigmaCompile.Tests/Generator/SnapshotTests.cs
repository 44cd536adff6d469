using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Generator;

/// <summary>
/// The generated source, compared with checked-in <c>Snapshots/*.verified.cs</c> files. To accept a change in
/// the output, run the tests with <c>SIGMA_UPDATE_SNAPSHOTS=1</c> and review the diff.
/// </summary>
public sealed class SnapshotTests
{
    private static GeneratorDriverRunResult RunRepositoryRules()
    {
        string root = Path.Combine(AppContext.BaseDirectory, "repo-rules");
        var files = Directory.EnumerateFiles(root, "*.yml", SearchOption.AllDirectories)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(path => GeneratorHarness.Rule(Path.GetRelativePath(root, path).Replace('\\', '/'), File.ReadAllText(path)));
        return GeneratorHarness.Run(files).Result;
    }

    [Theory]
    [InlineData("AwsNewLambdaLayerAttached")]
    [InlineData("S3BucketPolicyOrEncryptionRemovedOutsideAutomation")]
    [InlineData("EncodedPowerShellCommandLaunchedByOfficeOrScriptHost")]
    [InlineData("ProcessMemoryDumpOfLsassViaCommandLine")]
    [InlineData("AwsLambdaFunctionExecutionRoleOrEnvironmentChanged")]
    [InlineData("AwsLambdaFunctionMadeInvocableByAnyPrincipal")]
    [InlineData("FailedLogon")]
    [InlineData("SuccessfulLogon")]
    [InlineData("TenOrMoreFailedLogonsOfOneAccount")]
    [InlineData("FailedLogonsFollowedByASuccessfulLogon")]
    [InlineData("SigmaRules")]
    [InlineData("SigmaRules.Set")]
    public void Repository_rules(string className)
    {
        GeneratorDriverRunResult result = RunRepositoryRules();
        Assert.Empty(result.Diagnostics);
        GeneratedSourceResult source = result.Results.Single().GeneratedSources.Single(s => s.HintName == className + ".g.cs");
        Snapshot.Match(source.SourceText.ToString(), className);
    }

    /// <summary>A rule with keywords, a list of maps, nulls, |all and an identifier that 'them' would skip.</summary>
    internal const string ShapesRule = """
            title: Snapshot Of Shapes
            id: 0a0b0c0d-0e0f-4a1b-8c2d-3e4f5a6b7c8d
            status: experimental
            level: informational
            logsource:
              product: test
            detection:
              keywords:
                - 'evil.example'
                - 'mal*ware'
              any_map:
                - Source: null
                  Target: ''
                - EventID:
                    - 4688
                    - 1
              required:
                Tags|contains|all:
                  - alpha
                  - beta
              _hidden:
                Note|exists: false
              condition: keywords or (any_map and required) and not _hidden
            """;

    [Fact]
    public void Keywords_lists_of_maps_and_nulls()
    {
        GeneratorDriverRunResult result = GeneratorHarness.Run(new[] { GeneratorHarness.Rule("shapes.yml", ShapesRule) }).Result;
        Assert.Empty(result.Diagnostics);
        Snapshot.Match(result.Results.Single().GeneratedSources.Single(s => s.HintName == "SnapshotOfShapes.g.cs").SourceText.ToString(), "SnapshotOfShapes");
    }
}
