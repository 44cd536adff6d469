using System;
using System.IO;

namespace SigmaCompile.PackageTests.Infrastructure;

/// <summary>Finds the repository from the test's own location: the nearest folder above it holding SigmaCompile.sln.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        string? directory = AppContext.BaseDirectory;
        while (directory is not null && !System.IO.File.Exists(Path.Combine(directory, "SigmaCompile.sln")))
            directory = Path.GetDirectoryName(directory);
        return directory ?? throw new InvalidOperationException("cannot find SigmaCompile.sln above " + AppContext.BaseDirectory);
    }

    /// <summary>A file of the repository, by its path from the repository root.</summary>
    public static string File(string relativePath) =>
        Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>A file the tests write into consuming apps (tests/SigmaCompile.PackageTests/Fixtures, copied to the output).</summary>
    public static string Fixture(string relativePath) =>
        Path.Combine(AppContext.BaseDirectory, "Fixtures", relativePath.Replace('/', Path.DirectorySeparatorChar));
}
