using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using Xunit.Sdk;

namespace SigmaCompile.TestSupport;

/// <summary>
/// Compares text with a checked-in <c>Snapshots/&lt;name&gt;.verified.cs</c> (or another extension) in the calling
/// test's project (the nearest folder above the calling source file that holds a project file). On a difference it writes
/// <c>&lt;name&gt;.received.cs</c> beside it and fails with a line diff. With the environment variable
/// <c>SIGMA_UPDATE_SNAPSHOTS=1</c> it rewrites the verified file instead (then review the git diff).
/// </summary>
public static class Snapshot
{
    public const string UpdateVariable = "SIGMA_UPDATE_SNAPSHOTS";

    public static void Match(string actual, string name, string extension = "cs", [CallerFilePath] string callerPath = "")
    {
        actual = actual.Replace("\r\n", "\n");
        string directory = Path.Combine(ProjectDirectory(callerPath), "Snapshots");
        string verified = Path.Combine(directory, name + ".verified." + extension);
        string received = Path.Combine(directory, name + ".received." + extension);
        bool update = Environment.GetEnvironmentVariable(UpdateVariable) == "1";
        string? expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n") : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }
        Directory.CreateDirectory(directory);
        if (update)
        {
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }
        File.WriteAllText(received, actual);
        throw new XunitException(expected is null
            ? $"No snapshot {name}.verified.{extension} yet; the output was written to {name}.received.{extension}. Review it and set {UpdateVariable}=1 to accept."
            : $"Snapshot {name} differs (run with {UpdateVariable}=1 to accept):\n{Diff(expected, actual)}");
    }

    private static string ProjectDirectory(string callerPath)
    {
        string? directory = Path.GetDirectoryName(callerPath);
        while (directory is not null && Directory.GetFiles(directory, "*.csproj").Length == 0)
            directory = Path.GetDirectoryName(directory);
        return directory ?? throw new InvalidOperationException("cannot find the test project folder from " + callerPath);
    }

    /// <summary>A line diff ('-' expected, '+' actual) from the longest common subsequence, changed regions only.</summary>
    internal static string Diff(string expected, string actual)
    {
        string[] a = expected.Split('\n');
        string[] b = actual.Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (int i = a.Length - 1; i >= 0; i--)
            for (int j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var lines = new List<string>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                lines.Add($"+{y + 1,5}: {b[y++]}");
            }
            else
            {
                lines.Add($"-{x + 1,5}: {a[x++]}");
            }
        }
        var builder = new StringBuilder();
        foreach (string line in lines.Count > 200 ? lines.GetRange(0, 200) : lines)
            builder.AppendLine(line);
        if (lines.Count > 200)
            builder.AppendLine($"... {lines.Count - 200} more changed lines");
        return builder.ToString();
    }
}
