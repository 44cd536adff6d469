using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json.Nodes;

namespace SigmaCompile.Benchmarks;

/// <summary>Real events from ../shared/events (Windows in the evtx_dump shape, CloudTrail records).</summary>
internal static class EventSamples
{
    public static string SharedFolder { get; } = FindShared();

    /// <summary>
    /// The long-value case of issue 12: "windows-longcmd" is Windows events that have a CommandLine, each with it
    /// replaced by 32,000 random printable ASCII characters (fixed seed, so runs compare).
    /// </summary>
    public const string LongCommandLine = "windows-longcmd";

    public static List<string> Load(string kind, int count)
    {
        if (kind == LongCommandLine)
            return WithLongCommandLines(count);
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

    private static List<string> WithLongCommandLines(int count)
    {
        var withCommandLine = new List<string>();
        foreach (string line in Load("windows", 30_000))
        {
            if (line.Contains("\"CommandLine\"", StringComparison.Ordinal))
                withCommandLine.Add(line);
        }
        var random = new Random(12);
        var sample = new List<string>();
        for (int i = 0; sample.Count < count; i++)
        {
            JsonNode root = JsonNode.Parse(withCommandLine[i % withCommandLine.Count])!;
            ReplaceCommandLine(root, random);
            sample.Add(root.ToJsonString());
        }
        return sample;
    }

    private static void ReplaceCommandLine(JsonNode node, Random random)
    {
        if (node is not JsonObject obj)
            return;
        foreach (KeyValuePair<string, JsonNode?> property in obj.ToArray())
        {
            if (property.Key == "CommandLine")
            {
                var text = new char[32_000];
                for (int i = 0; i < text.Length; i++)
                    text[i] = (char)random.Next(0x20, 0x7F);
                obj["CommandLine"] = new string(text);
            }
            else if (property.Value is not null)
            {
                ReplaceCommandLine(property.Value, random);
            }
        }
    }

    private static string FindShared()
    {
        string? directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "SigmaCompile.sln")))
            directory = Path.GetDirectoryName(directory);
        return Path.GetFullPath(Path.Combine(directory ?? ".", "..", "shared"));
    }
}
