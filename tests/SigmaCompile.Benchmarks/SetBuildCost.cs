using System;
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
        JitListener.PrintCostliest(compiled, 15, "  ");
        listener.Compiled.Clear();
        listener.Recording = true;
        PrintTableBuilds();
        JitListener.Settle();
        listener.Recording = false;
        Console.WriteLine($"meanwhile the JIT compiled {listener.Compiled.Count} methods in {listener.Compiled.Sum(c => c.Ms):F0} ms, the costliest:");
        JitListener.PrintCostliest(listener.Compiled, 25, "  ");
    }

    // What a scan pays on first use for the tables the set builds lazily: every prefilter field's matchers and
    // every scan group's needle index, built afresh: the first build in this fresh process (code not yet compiled,
    // memory not yet faulted in, as on a scan's first events) and the least CPU time of five builds after it.
    private static void PrintTableBuilds()
    {
        RuleSetIndex index = SigmaRules.Set.Index;
        FieldScanTable? scans = SigmaRules.Set.Predicates?.Scans;
        double fields = double.MaxValue, groups = double.MaxValue, firstFields = 0, firstGroups = 0;
        int fieldCount = 0, groupCount = 0;
        for (int round = 0; round < 6; round++)
        {
            double begin = ThreadCpuClock.Now();
            fieldCount = index.CreateAllTables();
            double fieldTime = ThreadCpuClock.Now() - begin;
            begin = ThreadCpuClock.Now();
            groupCount = scans?.CreateAllIndexes() ?? 0;
            double groupTime = ThreadCpuClock.Now() - begin;
            if (round == 0)
                (firstFields, firstGroups) = (fieldTime, groupTime);
            else
                (fields, groups) = (Math.Min(fields, fieldTime), Math.Min(groups, groupTime));
        }
        Console.WriteLine($"Every prefilter field's tables ({fieldCount}) built in {firstFields / 1000:F1} ms the first time, {fields / 1000:F1} ms after; every scan group's index ({groupCount}) in {firstGroups / 1000:F1} ms, {groups / 1000:F1} ms after (CPU time; after: the least of 5)");
    }
}
