using System;
using System.IO;

namespace SigmaCompile.PackageTests.Infrastructure;

/// <summary>A package test's folder under the temporary directory: a name of its own, deleted when the test is done.</summary>
internal static class WorkFolder
{
    /// <summary>A new path under the temporary directory, <paramref name="prefix"/> and a random suffix (not created).</summary>
    public static string NewPath(string prefix) => Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>Deletes <paramref name="path"/> and all under it, as far as it can.</summary>
    public static void Delete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A build server may still hold a file; the folder is under the temporary directory anyway.
        }
    }
}
