using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using SigmaCompile.Benchmarks.Rules;
using SigmaCompile.RuleSets;

namespace SigmaCompile.Benchmarks;

/// <summary>
/// What sharing predicates buys, in one process: JsonDocument.Parse, SigmaRules.Set.Match (each shared predicate
/// evaluated once per event) and the same rules as a set built without the predicate table (every candidate
/// evaluates its own tests, as before), the prefilter alone (the candidates' selection), the same event matched
/// again at once (nothing about it new), and each event matched right after its parse. Each pass is timed in
/// the thread's CPU time, which a loaded machine inflates far less than wall time, and the least of many
/// alternating passes is kept.
/// </summary>
internal static class SharedPredicateCost
{
    public static void Print(string kind, int rounds)
    {
        List<string> lines = EventSamples.Load(kind, 1000);
        List<JsonDocument> documents = lines.Select(l => JsonDocument.Parse(l)).ToList();
        var withoutTable = new RuleSet(SigmaRules.All, SigmaRules.Set.Index);
        var results = new List<IDetectionRule>(64);
        int shared = 0, unshared = 0;

        void Parse()
        {
            foreach (string line in lines)
                JsonDocument.Parse(line).Dispose();
        }
        // One event through a set, as every pass below matches it: how many rules matched.
        int MatchOne(RuleSet set, JsonElement evt)
        {
            results.Clear();
            set.Match(evt, results);
            return results.Count;
        }
        void Match(RuleSet set, ref int total)
        {
            total = 0;
            foreach (JsonDocument d in documents)
                total += MatchOne(set, d.RootElement);
        }

        void Prefilter()
        {
            foreach (JsonDocument d in documents)
                SigmaRules.Set.CandidateCount(d.RootElement);
        }

        // Each event matched four times in a row: the three after the first find its strings in the string cache and
        // the tables it reads in the processor's caches, so (this pass - one Match pass) / 3 is what matching costs
        // once nothing about the event is new.
        void MatchFourTimes()
        {
            foreach (JsonDocument d in documents)
            {
                for (int k = 0; k < 4; k++)
                    MatchOne(SigmaRules.Set, d.RootElement);
            }
        }

        // Each event parsed and matched at once, as a scan does: less the parse pass, what matching costs when the
        // event's document was just written rather than read from the pass's 1,000 kept documents.
        void ParseAndMatch()
        {
            foreach (string line in lines)
            {
                using JsonDocument d = JsonDocument.Parse(line);
                MatchOne(SigmaRules.Set, d.RootElement);
            }
        }

        var best = new double[6];
        Array.Fill(best, double.MaxValue);
        Action[] passes = { Parse, () => Match(SigmaRules.Set, ref shared), () => Match(withoutTable, ref unshared), Prefilter, MatchFourTimes, ParseAndMatch };
        for (int round = 0; round < rounds; round++)
        {
            for (int p = 0; p < passes.Length; p++)
            {
                double begin = ThreadCpuClock.Now();
                passes[p]();
                best[p] = Math.Min(best[p], (ThreadCpuClock.Now() - begin) / documents.Count);
            }
        }
        if (shared != unshared)
            throw new InvalidOperationException($"{kind}: the set found {shared} matches, without its table {unshared}");
        Console.WriteLine($"{kind}: {documents.Count} events, {shared} matches, least of {rounds} passes, CPU time per event");
        Console.WriteLine($"  JsonDocument.Parse              {best[0],9:F2} µs");
        Console.WriteLine($"  Set.Match, shared predicates    {best[1],9:F2} µs  ({best[1] / best[0]:F1}× parse)");
        Console.WriteLine($"  Set.Match, without the table    {best[2],9:F2} µs  ({best[2] / best[0]:F1}× parse)");
        Console.WriteLine($"  the prefilter alone             {best[3],9:F2} µs  ({best[3] / best[0]:F1}× parse)");
        Console.WriteLine($"  Set.Match, the same event again {(best[4] - best[1]) / 3,9:F2} µs  ({(best[4] - best[1]) / 3 / best[0]:F1}× parse)");
        Console.WriteLine($"  Set.Match, just parsed          {best[5] - best[0],9:F2} µs  ({(best[5] - best[0]) / best[0]:F1}× parse)");
        documents.ForEach(d => d.Dispose());
    }
}
