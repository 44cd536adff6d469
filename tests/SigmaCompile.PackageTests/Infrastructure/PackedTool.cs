using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace SigmaCompile.PackageTests.Infrastructure;

/// <summary>
/// The SigmaScan tool package, packed once from this repository into a temporary feed with a version of its own, and
/// installed from that feed with <c>dotnet tool install --tool-path</c>, as a user installs it (with a package cache
/// of its own, so no earlier copy stands in for it).
/// </summary>
public sealed class PackedTool : IDisposable
{
    public PackedTool()
    {
        WorkRoot = WorkFolder.NewPath("sigmascan-tool-tests-");
        FeedDirectory = Path.Combine(WorkRoot, "feed");
        ToolDirectory = Path.Combine(WorkRoot, "tools");
        Directory.CreateDirectory(FeedDirectory);
        Version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);

        CommandResult pack = Dotnet.Run(Repository.Root, new[]
        {
            "pack", Path.Combine("samples", "SigmaScan", "SigmaScan.csproj"),
            "-c", "Release",
            "-o", FeedDirectory,
            "-p:Version=" + Version,
            "-p:ArtifactsPath=" + Path.Combine(WorkRoot, "build"),
        }, timeout: Dotnet.PackTimeout);
        if (!pack.Succeeded)
            throw new InvalidOperationException("dotnet pack of the tool failed:\n" + pack);
        PackagePath = Path.Combine(FeedDirectory, $"SigmaScan.{Version}.nupkg");
        if (!File.Exists(PackagePath))
            throw new InvalidOperationException($"dotnet pack did not write {PackagePath}:\n{pack}");

        InstallResult = Dotnet.Run(WorkRoot, new[]
        {
            "tool", "install", "SigmaScan", "--version", Version, "--tool-path", ToolDirectory, "--add-source", FeedDirectory,
        }, new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Path.Combine(WorkRoot, "packages") });
    }

    public string WorkRoot { get; }

    public string FeedDirectory { get; }

    /// <summary>Where the tool is installed; it holds the <c>sigmascan</c> command.</summary>
    public string ToolDirectory { get; }

    public string Version { get; }

    public string PackagePath { get; }

    internal CommandResult InstallResult { get; }

    /// <summary>The installed command.</summary>
    public string Command => Directory.GetFiles(ToolDirectory, "sigmascan*").Single(f => Path.GetFileNameWithoutExtension(f) == "sigmascan");

    public void Dispose() => WorkFolder.Delete(WorkRoot);
}
