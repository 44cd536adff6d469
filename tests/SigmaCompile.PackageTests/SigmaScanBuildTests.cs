using SigmaCompile.PackageTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SigmaCompile.PackageTests;

/// <summary>
/// SigmaScan built with a rules folder of the user's (<c>-p:SigmaRulesDirectory=...</c>) leaves the SDK's analyzers
/// out of the compile, which for a large folder is mostly the generated rules (docs/performance.md, "Analyzers
/// skipped for another rules folder"); its usual build keeps them, and so does a build that asks for them. That the
/// generator still reports its diagnostics without them is in <see cref="ConsumingAppTests"/>.
/// </summary>
public sealed class SigmaScanBuildTests(ITestOutputHelper log)
{
    [Theory]
    [InlineData(new string[0], "")]
    [InlineData(new[] { "-p:SigmaRulesDirectory=../../rules/aws" }, "false")]
    [InlineData(new[] { "-p:SigmaRulesDirectory=../../rules/aws", "-p:RunAnalyzers=true" }, "true")]
    public void Another_rules_folder_is_compiled_without_the_SDKs_analyzers(string[] properties, string runAnalyzers)
    {
        string[] arguments = ["msbuild", Repository.File("samples/SigmaScan/SigmaScan.csproj"), "-getProperty:RunAnalyzers", .. properties];
        CommandResult result = Dotnet.Run(Repository.Root, arguments);
        log.WriteLine(result.ToString());
        Assert.True(result.Succeeded, "The evaluation failed:\n" + result);
        Assert.Equal(runAnalyzers, result.StandardOutput.Trim());
    }
}
