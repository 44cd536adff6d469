using System;
using System.IO;
using System.Linq;
using Xunit;

namespace SigmaCompile.PackageTests.Infrastructure;

/// <summary>
/// The SigmaCompile package, packed once per test run from this repository into a temporary local feed, with a
/// version of its own (0.1.0-test.&lt;time&gt;) so that no cached copy of an earlier pack can stand in for it.
/// The pack builds into a temporary folder too (ArtifactsPath), leaving the repository's bin/ and obj/ alone.
/// </summary>
public sealed class PackedPackage : IDisposable
{
    public PackedPackage()
    {
        WorkRoot = WorkFolder.NewPath("sigmacompile-package-tests-");
        FeedDirectory = Path.Combine(WorkRoot, "feed");
        PackagesDirectory = Path.Combine(WorkRoot, "packages");
        Directory.CreateDirectory(FeedDirectory);
        Version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);

        PackResult = Dotnet.Run(Repository.Root, new[]
        {
            "pack", Path.Combine("src", "SigmaRuntime", "SigmaRuntime.csproj"),
            "-c", "Release",
            "-o", FeedDirectory,
            "-p:Version=" + Version,
            "-p:ArtifactsPath=" + Path.Combine(WorkRoot, "build"),
        }, timeout: Dotnet.PackTimeout);
        if (!PackResult.Succeeded)
            throw new InvalidOperationException("dotnet pack failed:\n" + PackResult);

        PackagePath = Path.Combine(FeedDirectory, $"SigmaCompile.{Version}.nupkg");
        if (!File.Exists(PackagePath))
        {
            throw new InvalidOperationException($"dotnet pack did not write {PackagePath}; the feed holds: "
                + string.Join(", ", Directory.GetFiles(FeedDirectory).Select(Path.GetFileName)) + "\n" + PackResult);
        }
    }

    /// <summary>Temporary folder holding the feed, the package cache and the consuming apps; deleted at the end.</summary>
    public string WorkRoot { get; }

    public string FeedDirectory { get; }

    /// <summary>The package cache of every consuming app (NUGET_PACKAGES): empty at the start of each run.</summary>
    public string PackagesDirectory { get; }

    public string Version { get; }

    public string PackagePath { get; }

    internal CommandResult PackResult { get; }

    public void Dispose() => WorkFolder.Delete(WorkRoot);
}

/// <summary>The package tests share one pack and run one after another (each runs several builds; the machine has 2 cores).</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackedPackage>
{
    public const string Name = "SigmaCompile package";
}
