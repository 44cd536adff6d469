using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text.Json;
using SigmaCompile.Benchmarks.Rules;

namespace SigmaCompile.Benchmarks;

/// <summary>
/// What a fresh process pays before matching runs at full speed: creating the rules, building the rule set,
/// and the first pass over events (each rule's first evaluation JIT-compiles it and builds its patterns).
/// </summary>
internal static class StartupBreakdown
{
    public static void Print(string kind, bool evaluateEachRuleFirst)
    {
        if (evaluateEachRuleFirst)
            FirstCalls();
        List<string> lines = EventSamples.Load(kind, int.MaxValue);
        long start = Stopwatch.GetTimestamp();
        int count = SigmaRules.All.Count;
        double all = Elapsed(ref start);
        string allJit = Jit();
        _ = SigmaRules.Set.Rules.Count;
        double set = Elapsed(ref start);
        string setJit = Jit();
        var results = new List<IDetectionRule>(64);
        double[] passes = new double[3];
        for (int pass = 0; pass < passes.Length; pass++)
        {
            foreach (string line in lines)
            {
                using JsonDocument document = JsonDocument.Parse(line);
                results.Clear();
                SigmaRules.Set.Match(document.RootElement, results);
            }
            passes[pass] = Elapsed(ref start);
        }
        Console.WriteLine($"{kind}: {count} rules created in {all:F0} ms, rule set built in {set:F0} ms; " +
            $"parse + match of {lines.Count} events: first pass {passes[0]:F0} ms, then {passes[1]:F0} ms and {passes[2]:F0} ms");
        Console.WriteLine($"  JIT so far (compile time, methods): after SigmaRules.All {allJit}, after SigmaRules.Set {setJit}, after the passes {Jit()}");
    }

    // The runtime's own count: how long its JIT has spent compiling, and how many methods, since the process started.
    private static string Jit() =>
        $"{System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:F0} ms, {System.Runtime.JitInfo.GetCompiledMethodCount()}";

    private static double Elapsed(ref long start)
    {
        long now = Stopwatch.GetTimestamp();
        double ms = (now - start) * 1000.0 / Stopwatch.Frequency;
        start = now;
        return ms;
    }

    /// <summary>Each rule's first evaluation (JIT and pattern construction), costliest first.</summary>
    public static void FirstCalls()
    {
        using JsonDocument empty = JsonDocument.Parse("{}");
        var costs = new List<(double Ms, IDetectionRule Rule)>();
        double total = 0;
        foreach (IDetectionRule rule in SigmaRules.All)
        {
            long start = Stopwatch.GetTimestamp();
            rule.IsMatch(empty.RootElement);
            double ms = Elapsed(ref start);
            total += ms;
            costs.Add((ms, rule));
        }
        costs.Sort((a, b) => b.Ms.CompareTo(a.Ms));
        Console.WriteLine($"first evaluation of {costs.Count} rules: {total:F0} ms in all, median {costs[costs.Count / 2].Ms:F3} ms");
        foreach ((double ms, IDetectionRule rule) in costs.GetRange(0, Math.Min(25, costs.Count)))
            Console.WriteLine($"  {ms,8:F1} ms  {rule.Title}");
    }
}
