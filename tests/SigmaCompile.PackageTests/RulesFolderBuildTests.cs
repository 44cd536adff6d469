using SigmaCompile.PackageTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SigmaCompile.PackageTests;

/// <summary>
/// The sample apps that compile a rules folder (SigmaScan, SigmaStream), built with a folder of the user's
/// (<c>-p:SigmaRulesDirectory=...</c>), leave the SDK's analyzers out of the compile, which for a large folder is
/// mostly the generated rules (docs/performance.md, "Analyzers skipped for another rules folder"); their usual
/// build keeps them, and so does a build that asks for them. That the generator still reports its diagnostics
/// without them is in <see cref="ConsumingAppTests"/>.
/// </summary>
public sealed class RulesFolderBuildTests(ITestOutputHelper log)
{
    public static TheoryData<string, string[], string> Builds()
    {
        var builds = new TheoryData<string, string[], string>();
        foreach (string project in new[] { "samples/SigmaScan/SigmaScan.csproj", "samples/SigmaStream/SigmaStream.csproj" })
        {
            builds.Add(project, [], "");
            builds.Add(project, ["-p:SigmaRulesDirectory=../../rules/aws"], "false");
            builds.Add(project, ["-p:SigmaRulesDirectory=../../rules/aws", "-p:RunAnalyzers=true"], "true");
        }
        return builds;
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public void Another_rules_folder_is_compiled_without_the_SDKs_analyzers(string project, string[] properties, string runAnalyzers)
    {
        string[] arguments = ["msbuild", Repository.File(project), "-getProperty:RunAnalyzers", .. properties];
        CommandResult result = Dotnet.Run(Repository.Root, arguments);
        log.WriteLine(result.ToString());
        Assert.True(result.Succeeded, "The evaluation failed:\n" + result);
        Assert.Equal(runAnalyzers, result.StandardOutput.Trim());
    }
}
