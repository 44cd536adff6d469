using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using SigmaCompile.RuleSets;
using SigmaScan.Output;
using SigmaScan.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SigmaScan.Tests;

/// <summary>
/// The parallel scan writes exactly what a scan on one thread writes, in the same order: detections, malformed
/// records and totals, over several files, batches and both input layouts.
/// </summary>
public sealed class ParallelScanTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>
    /// A few thousand events from a fixed seed: Windows process events (some an LSASS dump or an encoded PowerShell
    /// command), CloudTrail records (some a Lambda layer attached or a bucket policy removed), broken lines and blank lines.
    /// </summary>
    private static IEnumerable<string> GeneratedLines(int count, int seed)
    {
        var random = new Random(seed);
        string[] images = { @"C:\Windows\System32\rundll32.exe", @"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe", @"C:\Windows\explorer.exe" };
        string[] commands = { @"rundll32.exe C:\Windows\System32\comsvcs.dll, MiniDump 624 C:\temp\l.dmp full", "powershell.exe -enc SQBFAFgA", "explorer.exe" };
        string[] parents = { @"C:\Program Files\Microsoft Office\root\Office16\WINWORD.EXE", @"C:\Windows\System32\cmd.exe" };
        string[] calls = { "UpdateFunctionConfiguration20150331v2", "DeleteBucketPolicy", "ListBuckets" };
        for (int i = 0; i < count; i++)
        {
            int kind = random.Next(10);
            if (kind == 0)
            {
                yield return "{\"broken\": " + i;
            }
            else if (kind == 1)
            {
                yield return "";
            }
            else if (kind < 6)
            {
                int which = random.Next(images.Length);
                yield return JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["EventID"] = 1,
                    ["Channel"] = "Microsoft-Windows-Sysmon/Operational",
                    ["UtcTime"] = $"2026-11-30 08:{i % 60:00}:00.000",
                    ["Image"] = images[which],
                    ["CommandLine"] = commands[which],
                    ["ParentImage"] = parents[random.Next(parents.Length)],
                });
            }
            else
            {
                string call = calls[random.Next(calls.Length)];
                yield return JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["eventTime"] = "2026-11-30T08:00:00Z",
                    ["eventSource"] = call.StartsWith("Update", StringComparison.Ordinal) ? "lambda.amazonaws.com" : "s3.amazonaws.com",
                    ["eventName"] = call,
                    ["requestParameters"] = new Dictionary<string, object> { ["layers"] = new[] { "arn:aws:lambda:layer:x" }, ["bucketName"] = "b" + i },
                    ["userIdentity"] = new Dictionary<string, object> { ["arn"] = "arn:aws:iam::1:user/u" + random.Next(3) },
                });
            }
        }
    }

    private static (string Output, string Errors) Scan(RuleSet rules, InputSelection inputs, int threads, OutputFormat format = OutputFormat.JsonLines)
    {
        using var stream = new MemoryStream();
        var errors = new StringWriter { NewLine = "\n" };
        ScanTotals totals;
        using (IDetectionOutput detections = DetectionOutputs.Create(format, stream))
            totals = new Scanner(rules, detections, errors, new ScanSettings(threads)).Scan(inputs);
        string summary = totals.Summary();
        // The events/s figure differs from run to run; the counts before it must not.
        errors.WriteLine(summary[..summary.LastIndexOf(", ", StringComparison.Ordinal)]);
        return (Encoding.UTF8.GetString(stream.ToArray()), errors.ToString());
    }

    [Fact]
    public void A_parallel_scan_of_generated_events_writes_what_a_sequential_scan_writes()
    {
        _folder.Write("a.jsonl", string.Join("\n", GeneratedLines(3000, 1)));
        _folder.Write("b/b.jsonl", string.Join("\n", GeneratedLines(700, 2)));
        _folder.Write("c.json", "[" + string.Join(",", GeneratedLines(1200, 3).Where(l => l.StartsWith('{') && !l.Contains("broken", StringComparison.Ordinal))) + "]");
        InputSelection inputs = InputSelection.FromArguments(new[] { _folder.Path }, Stream.Null);
        RuleSet rules = CompiledRules.BuiltIn.Set;

        (string Output, string Errors) sequential = Scan(rules, inputs, threads: 1);
        Assert.True(sequential.Output.Split('\n').Length > 1000, "expected many detections");
        Assert.Contains("malformed record", sequential.Errors, StringComparison.Ordinal);
        foreach (int threads in new[] { 2, 3, 8 })
        {
            (string Output, string Errors) parallel = Scan(rules, inputs, threads);
            Assert.Equal(sequential.Errors, parallel.Errors);
            Assert.Equal(sequential.Output, parallel.Output);
        }
        Assert.Equal(Scan(rules, inputs, 1, OutputFormat.Csv), Scan(rules, inputs, 4, OutputFormat.Csv));
    }

    [SharedDataFact]
    public void A_parallel_scan_of_the_Windows_events_writes_what_a_sequential_scan_writes()
    {
        InputSelection inputs = InputSelection.FromArguments(
            Directory.GetFiles(SharedData.PathOf("events/windows"), "*.jsonl.gz").Order(StringComparer.Ordinal), Stream.Null);
        RuleSet rules = RegressionRules.Compiled.Set;

        (string Output, string Errors) sequential = Scan(rules, inputs, threads: 1);
        (string Output, string Errors) parallel = Scan(rules, inputs, threads: 4);

        output.WriteLine(sequential.Errors);
        Assert.True(sequential.Output.Split('\n').Length > 100, "expected the regression rules to fire on the Windows events");
        Assert.Equal(sequential, parallel);
    }
}
