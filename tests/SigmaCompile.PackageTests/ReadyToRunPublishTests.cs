using System;
using System.IO;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using SigmaCompile.PackageTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SigmaCompile.PackageTests;

/// <summary>
/// SigmaScan's documented ReadyToRun option (docs/sigmascan.md): a ReadyToRun publish asks for the same crossgen2
/// package that a Release build of the runtime does (src/SigmaRuntime/ReadyToRun.targets), and must still restore,
/// keep the runtime precompiled and scan. Published into a temporary folder (ArtifactsPath), leaving the repository's
/// bin/ and obj/ alone.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class ReadyToRunPublishTests(ITestOutputHelper log) : IDisposable
{
    private readonly string _workRoot = WorkFolder.NewPath("sigmascan-r2r-tests-");

    [Fact]
    public void A_ReadyToRun_publish_of_SigmaScan_restores_keeps_the_runtime_precompiled_and_scans_its_bundled_data()
    {
        string output = Path.Combine(_workRoot, "out");
        CommandResult publish = Dotnet.Run(Repository.Root, new[]
        {
            "publish", Path.Combine("samples", "SigmaScan", "SigmaScan.csproj"),
            "-c", "Release",
            "-r", RuntimeInformation.RuntimeIdentifier,
            "--self-contained", "false",
            "-p:PublishReadyToRun=true",
            "-p:ArtifactsPath=" + Path.Combine(_workRoot, "build"),
            "-o", output,
        }, timeout: Dotnet.PackTimeout);
        log.WriteLine(publish.ToString());
        Assert.True(publish.Succeeded, "dotnet publish -p:PublishReadyToRun=true failed:\n" + publish);

        using (var reader = new PEReader(File.OpenRead(Path.Combine(output, "SigmaRuntime.dll"))))
            Assert.True(ReadyToRunImage.IsPrecompiled(reader), "the published SigmaRuntime.dll is not a ReadyToRun image");

        // No inputs: the bundled sample data (data/), whose records the repository's rules detect.
        CommandResult scan = Dotnet.Run(output, new[] { Path.Combine(output, "SigmaScan.dll") });
        log.WriteLine(scan.ToString());
        Assert.True(scan.Succeeded, "the published SigmaScan failed:\n" + scan);
        string[] detections = scan.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(detections);
        Assert.All(detections, line => Assert.StartsWith("{\"rule_id\":\"", line, StringComparison.Ordinal));
    }

    public void Dispose() => WorkFolder.Delete(_workRoot);
}
