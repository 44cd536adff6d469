using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using SigmaCompile.Benchmarks.Rules;

namespace SigmaCompile.Benchmarks;

/// <summary>
/// Where the rule set's time goes per event: parsing, the prefilter alone, the whole match, and which candidate
/// rules cost most. A rough guide for optimisation (Stopwatch, a single run); the BenchmarkDotNet table is the measure.
/// </summary>
internal static class CostBreakdown
{
    public static void Print(string kind)
    {
        List<string> lines = EventSamples.Load(kind, 2000);
        var documents = lines.Select(l => JsonDocument.Parse(l)).ToList();
        var results = new List<IDetectionRule>(64);
        foreach (JsonDocument document in documents) // warm up every path and rule
        {
            results.Clear();
            SigmaRules.Set.Match(document.RootElement, results);
        }

        double parse = PerEvent(lines.Count, () => { foreach (string line in lines) JsonDocument.Parse(line).Dispose(); });
        double prefilter = PerEvent(lines.Count, () => { foreach (JsonDocument d in documents) SigmaRules.Set.CandidateCount(d.RootElement); });
        double match = PerEvent(lines.Count, () =>
        {
            foreach (JsonDocument d in documents)
            {
                results.Clear();
                SigmaRules.Set.Match(d.RootElement, results);
            }
        });

        var ruleTime = new Dictionary<IDetectionRule, (long Ticks, int Calls)>();
        for (int round = 0; round < 3; round++)
        {
            foreach (JsonDocument d in documents)
            {
                foreach (IDetectionRule rule in SigmaRules.Set.CandidateRules(d.RootElement))
                {
                    long start = Stopwatch.GetTimestamp();
                    rule.IsMatch(d.RootElement);
                    long ticks = Stopwatch.GetTimestamp() - start;
                    (long t, int c) = ruleTime.GetValueOrDefault(rule);
                    ruleTime[rule] = (t + ticks, c + 1);
                }
            }
        }
        double candidates = ruleTime.Values.Sum(v => v.Ticks) * 1e6 / Stopwatch.Frequency / (3.0 * lines.Count);
        Console.WriteLine($"{kind}: parse {parse:F2} µs, prefilter {prefilter:F2} µs, match {match:F2} µs (candidates' IsMatch ≈ {candidates:F2} µs) per event");
        foreach ((IDetectionRule rule, (long ticks, int calls)) in ruleTime.OrderByDescending(r => r.Value.Ticks).Take(15))
        {
            double total = ticks * 1e6 / Stopwatch.Frequency / (3.0 * lines.Count);
            double each = ticks * 1e9 / Stopwatch.Frequency / calls;
            Console.WriteLine($"  {total,6:F2} µs/event  {calls / 3,5} calls  {each,7:F0} ns each  {rule.Title}");
        }
        documents.ForEach(d => d.Dispose());
    }

    // Microseconds per event: the best of five runs of a pass over every event.
    private static double PerEvent(int events, Action pass)
    {
        double best = double.MaxValue;
        for (int run = 0; run < 5; run++)
        {
            long start = Stopwatch.GetTimestamp();
            pass();
            best = Math.Min(best, (Stopwatch.GetTimestamp() - start) * 1e6 / Stopwatch.Frequency / events);
        }
        return best;
    }
}
