using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using SigmaCompile.Benchmarks.Rules;
using SigmaCompile.RuleSets;

namespace SigmaCompile.Benchmarks;

/// <summary>
/// Where building <c>SigmaRules.Set</c> goes: its wall time, and each method the JIT compiled meanwhile with its
/// compile time, read from the runtime's own JIT events (started, then loaded) in this process; then what building
/// the tables the set makes on first use costs.
/// </summary>
internal static class SetBuildCost
{
    public static void Print()
    {
        using var listener = new JitListener();
        _ = SigmaRules.All.Count;
        listener.Recording = true;
        long start = Stopwatch.GetTimestamp();
        _ = SigmaRules.Set.Rules.Count;
        double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        JitListener.Settle();
        listener.Recording = false;
        var compiled = listener.Compiled;
        Console.WriteLine($"SigmaRules.Set built in {ms:F0} ms; meanwhile the JIT compiled {compiled.Count} methods in {compiled.Sum(c => c.Ms):F0} ms, the costliest:");
        foreach ((string name, int ilBytes, double compileMs, _) in compiled.OrderByDescending(c => c.Ms).Take(15))
            Console.WriteLine($"  {compileMs,7:F2} ms  {ilBytes,7} IL bytes  {name}");
        PrintTableBuilds();
    }

    // What a scan pays on first use for the tables the set builds lazily: every prefilter field's matchers and
    // every scan group's needle index, built afresh (the least CPU time of several builds, after one to warm up).
    private static void PrintTableBuilds()
    {
        RuleSetIndex index = SigmaRules.Set.Index;
        FieldScanTable? scans = SigmaRules.Set.Predicates?.Scans;
        double fields = double.MaxValue, groups = double.MaxValue;
        int fieldCount = 0, groupCount = 0;
        for (int round = 0; round < 6; round++)
        {
            double begin = ThreadCpuClock.Now();
            fieldCount = index.CreateAllTables();
            fields = Math.Min(fields, ThreadCpuClock.Now() - begin);
            begin = ThreadCpuClock.Now();
            groupCount = scans?.CreateAllIndexes() ?? 0;
            groups = Math.Min(groups, ThreadCpuClock.Now() - begin);
        }
        Console.WriteLine($"Every prefilter field's tables ({fieldCount}) built in {fields / 1000:F1} ms; every scan group's index ({groupCount}) in {groups / 1000:F1} ms (CPU time, least of 6)");
    }
}
