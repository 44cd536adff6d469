using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using SigmaCompile.Benchmarks.Rules;
using SigmaCompile.RuleSets;

namespace SigmaCompile.Benchmarks;

/// <summary>
/// What a fresh process pays for its first events, after building the set: events matched one by one on one thread,
/// their wall time by slice (the first, the next nine, ...), the methods the JIT compiled in each slice and the
/// costliest of them. This is SigmaScan's first pass without reading, writing or a second thread.
/// </summary>
internal static class FirstEventsCost
{
    public static void Print(string kind, int count)
    {
        List<string> lines = EventSamples.Load(kind, count);
        using var listener = new JitListener();
        RuleSet set = SigmaRules.Set;
        var results = new List<RuleSummary>();
        var ends = new List<DateTime>();
        var times = new List<double>();
        listener.Recording = true;
        foreach (string line in lines)
        {
            long start = Stopwatch.GetTimestamp();
            using (JsonDocument document = JsonDocument.Parse(line))
            {
                results.Clear();
                set.MatchSummaries(document.RootElement, results);
            }
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            ends.Add(DateTime.UtcNow);
        }
        JitListener.Settle();
        listener.Recording = false;
        var compiled = listener.Compiled.ToList();

        Console.WriteLine($"{kind}: the first {lines.Count} events, parsed and matched one by one after the set was built (wall time):");
        int from = 0;
        foreach (int to in new[] { 1, 10, 100, 1000, lines.Count }.Where(t => t <= lines.Count).Distinct())
        {
            if (to <= from)
                continue;
            DateTime sliceStart = from == 0 ? DateTime.MinValue : ends[from - 1];
            var jitted = compiled.Where(c => c.Start > sliceStart && c.Start <= ends[to - 1]).ToList();
            Console.WriteLine($"  events {from + 1,5}-{to,-5} {times.Skip(from).Take(to - from).Sum(),8:F1} ms; JIT {jitted.Count,4} methods in {jitted.Sum(c => c.Ms),6:F1} ms");
            from = to;
        }
        Console.WriteLine("  the costliest compiles of the first event:");
        JitListener.PrintCostliest(compiled.Where(c => c.Start <= ends[0]), 20, "    ");
        if (Environment.GetEnvironmentVariable("SIGMA_FIRST_EVENT_ALL") == "1")
        {
            foreach ((string name, int ilBytes, double ms, DateTime start) in compiled.Where(c => c.Start <= ends[0]))
                Console.WriteLine(JitListener.Line("    ALL ", name, ilBytes, ms));
        }
        Console.WriteLine("  the costliest compiles after it:");
        JitListener.PrintCostliest(compiled.Where(c => c.Start > ends[0]), 15, "    ");
    }
}
