using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using SigmaCompile.Benchmarks.Rules;

namespace SigmaCompile.Benchmarks;

/// <summary>
/// What a new event's <c>Set.Match</c> waits for. A match right after the same event's costs about half of a new
/// event's; that second match finds the event's strings in the string cache, the tables it reads in the processor's
/// caches, and the branch predictors trained on its paths. Reading a buffer larger than the processor's caches
/// between the two takes away the tables alone: if the second match then costs what a new event costs, what a new
/// event adds is waiting for memory; if it still costs what an immediate repeat costs, it is not.
/// </summary>
/// <remarks>
/// Each match is timed on its own (wall time, so it includes no clock call's cost that the others lack); each event's
/// median over the rounds is kept, and the means of those medians are printed.
/// </remarks>
internal static class CacheFlushCost
{
    public static void Print(string kind, int rounds, int flushMegabytes)
    {
        List<JsonDocument> documents = EventSamples.Load(kind, 1000).Select(l => JsonDocument.Parse(l)).ToList();
        var results = new List<IDetectionRule>(64);
        long[] buffer = new long[flushMegabytes << 17];
        Array.Fill(buffer, 1L);
        long kept = 0;

        void Flush()
        {
            long sum = 0;
            foreach (long value in buffer)
                sum += value;
            kept += sum;
        }
        void Match(JsonDocument d)
        {
            results.Clear();
            SigmaRules.Set.Match(d.RootElement, results);
        }
        double Timed(JsonDocument d)
        {
            long begin = Stopwatch.GetTimestamp();
            Match(d);
            return (Stopwatch.GetTimestamp() - begin) * 1e6 / Stopwatch.Frequency;
        }

        // Each way of meeting an event, and what is done just before its timed match.
        (string Name, Action<JsonDocument> Before)[] ways =
        {
            ("a new event (another just before)", _ => { }),
            ("the same event again at once", Match),
            ("the same event again, caches flushed", d => { Match(d); Flush(); }),
            ("a new event, caches flushed", _ => Flush()),
        };
        var times = new double[ways.Length, documents.Count, rounds];
        foreach (JsonDocument d in documents)
            Match(d); // every table built and every method compiled before the first round
        for (int round = 0; round < rounds; round++)
        {
            for (int w = 0; w < ways.Length; w++)
            {
                for (int e = 0; e < documents.Count; e++)
                {
                    ways[w].Before(documents[e]);
                    times[w, e, round] = Timed(documents[e]);
                }
            }
        }

        Console.WriteLine($"{kind}: {documents.Count} events, {rounds} rounds, {flushMegabytes} MB read to flush the caches; Set.Match, mean of each event's median (µs)");
        for (int w = 0; w < ways.Length; w++)
        {
            double sum = 0;
            for (int e = 0; e < documents.Count; e++)
            {
                double[] each = Enumerable.Range(0, rounds).Select(r => times[w, e, r]).Order().ToArray();
                sum += each[rounds / 2];
            }
            Console.WriteLine($"  {ways[w].Name,-40} {sum / documents.Count,8:F2}");
        }
        if (kept == 0)
            Console.WriteLine("(the flush buffer read nothing)");
        documents.ForEach(d => d.Dispose());
    }
}
