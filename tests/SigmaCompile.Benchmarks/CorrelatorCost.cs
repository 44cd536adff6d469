using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using SigmaCompile.Benchmarks.Rules;
using SigmaCompile.Correlations;

namespace SigmaCompile.Benchmarks;

/// <summary>
/// What the correlator adds to matching: Set.Match alone, then the same events through a Correlator running the four
/// correlations of <see cref="CorrelatorBenchmarks"/>, reading each event's time or given increasing times. Each is
/// the least of many alternating passes, timed in CPU time of the thread on Linux: on a machine shared with other
/// work, wall time mostly measures how often the pass was descheduled.
/// </summary>
internal static class CorrelatorCost
{
    public static void Print(string kind)
    {
        List<JsonDocument> documents = EventSamples.Load(kind, 1000).Select(l => JsonDocument.Parse(l)).ToList();
        ICorrelationRule[] correlations = CorrelatorBenchmarks.Correlations(kind, documents);
        var results = new List<IDetectionRule>(64);
        var output = new CorrelatorOutput();
        var start = new DateTimeOffset(2024, 5, 6, 0, 0, 0, TimeSpan.Zero);
        Correlator last = null!;
        int alerts = 0;

        void Match()
        {
            foreach (JsonDocument d in documents)
            {
                results.Clear();
                SigmaRules.Set.Match(d.RootElement, results);
            }
        }
        void Correlate(bool givenTime)
        {
            last = new Correlator(SigmaRules.Set, correlations);
            alerts = 0;
            for (int i = 0; i < documents.Count; i++)
            {
                if (givenTime)
                    last.Process(documents[i].RootElement, start.AddSeconds(i), new EventReference(kind, i), output);
                else
                    last.Process(documents[i].RootElement, new EventReference(kind, i), output);
                alerts += output.Alerts.Count;
            }
            last.Flush(output);
            alerts += output.Alerts.Count;
        }

        var best = new double[3];
        Array.Fill(best, double.MaxValue);
        Action[] passes = { Match, () => Correlate(false), () => Correlate(true) };
        for (int round = 0; round < 25; round++)
        {
            for (int p = 0; p < passes.Length; p++)
            {
                double begin = ThreadCpuClock.Now();
                passes[p]();
                best[p] = Math.Min(best[p], (ThreadCpuClock.Now() - begin) / documents.Count);
            }
        }
        Correlate(false);
        int timedAlerts = alerts;
        long late = last.LateEvents;
        Correlate(true);
        Console.WriteLine($"{kind}: {documents.Count} events; correlations over: {string.Join(" | ", correlations[2].Sources.Select(s => Title(s.RuleId)))}");
        Console.WriteLine($"  events that feed a correlation: {FeedingShare(documents, correlations):P0}");
        Console.WriteLine($"  Set.Match                      {best[0],7:F2} µs/event  {1e6 / best[0],9:N0} events/s");
        Console.WriteLine($"  Correlator, time read          {best[1],7:F2} µs/event  {1e6 / best[1],9:N0} events/s  (+{best[1] - best[0]:F2} µs; {timedAlerts} alerts, {late} late events)");
        Console.WriteLine($"  Correlator, increasing times   {best[2],7:F2} µs/event  {1e6 / best[2],9:N0} events/s  (+{best[2] - best[0]:F2} µs; {alerts} alerts)");
        documents.ForEach(d => d.Dispose());
    }

    private static string Title(Guid id) => SigmaRules.All.First(r => r.Id == id).Title;

    private static double FeedingShare(List<JsonDocument> documents, ICorrelationRule[] correlations)
    {
        var referenced = correlations.SelectMany(c => c.Sources).Select(s => s.RuleId).ToHashSet();
        var matches = new List<IDetectionRule>();
        int feeding = 0;
        foreach (JsonDocument document in documents)
        {
            matches.Clear();
            SigmaRules.Set.Match(document.RootElement, matches);
            if (matches.Any(m => referenced.Contains(m.Id)))
                feeding++;
        }
        return feeding / (double)documents.Count;
    }
}
