using System;
using System.IO;
using Xunit;

namespace SigmaCompile.TestSupport;

/// <summary>
/// Locates the repository and the read-only data folder beside it (../shared: the SigmaHQ corpus, regression
/// events, real event logs). That folder is not part of the repository; tests that need it are skipped with a
/// message saying so when it is missing.
/// </summary>
public static class SharedData
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Root { get; } = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    public static bool IsAvailable => Directory.Exists(Root);

    public static string SkipReason => $"needs the shared data folder '../shared' beside the repository (not found at {Root})";

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string FindRepositoryRoot()
    {
        string? directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "SigmaCompile.sln")))
            directory = Path.GetDirectoryName(directory);
        return directory ?? throw new InvalidOperationException("cannot find SigmaCompile.sln above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fact that is skipped, with a clear reason, when ../shared is absent.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (!SharedData.IsAvailable)
            Skip = SharedData.SkipReason;
    }
}
