using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;

namespace SigmaCompile.Benchmarks;

/// <summary>Real events from ../shared/events (Windows in the evtx_dump shape, CloudTrail records).</summary>
internal static class EventSamples
{
    public static string SharedFolder { get; } = FindShared();

    public static List<string> Load(string kind, int count)
    {
        var lines = new List<string>();
        string folder = Path.Combine(SharedFolder, "events", kind);
        if (!Directory.Exists(folder))
            throw new InvalidOperationException($"the benchmarks need ../shared/events/{kind} beside the repository");
        foreach (string file in Directory.GetFiles(folder, "*.jsonl.gz"))
        {
            using var reader = new StreamReader(new GZipStream(File.OpenRead(file), CompressionMode.Decompress));
            while (reader.ReadLine() is { } line)
            {
                if (line.Length > 0)
                    lines.Add(line);
            }
        }
        // A fixed, spread-out sample so runs compare.
        var sample = new List<string>();
        int step = Math.Max(1, lines.Count / count);
        for (int i = 0; i < lines.Count && sample.Count < count; i += step)
            sample.Add(lines[i]);
        return sample;
    }

    private static string FindShared()
    {
        string? directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "SigmaCompile.sln")))
            directory = Path.GetDirectoryName(directory);
        return Path.GetFullPath(Path.Combine(directory ?? ".", "..", "shared"));
    }
}
