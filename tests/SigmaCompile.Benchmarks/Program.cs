using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using BenchmarkDotNet.Running;
using SigmaCompile.Benchmarks.Rules;

namespace SigmaCompile.Benchmarks;

internal static class Program
{
    private static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--stats")
        {
            Stats("windows");
            Stats("cloudtrail");
            return;
        }
        if (args.Length > 0 && args[0] == "--first-calls")
        {
            StartupBreakdown.FirstCalls();
            return;
        }
        if (args.Length > 1 && args[0] == "--startup")
        {
            StartupBreakdown.Print(args[1], args.Length > 2 && args[2] == "--first-calls");
            return;
        }
        if (args.Length > 0 && args[0] == "--correlator")
        {
            CorrelatorCost.Print("windows");
            CorrelatorCost.Print("cloudtrail");
            return;
        }
        if (args.Length > 0 && args[0] == "--shared-predicates")
        {
            int rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 60;
            // An optional third argument names one kind of events (to profile it alone).
            string? only = args.Length > 2 ? args[2] : null;
            if (only is null or "windows")
                SharedPredicateCost.Print("windows", rounds);
            if (only is null or "cloudtrail")
                SharedPredicateCost.Print("cloudtrail", rounds);
            if (only is null || only == EventSamples.LongCommandLine)
                SharedPredicateCost.Print(EventSamples.LongCommandLine, Math.Max(1, rounds / 5));
            return;
        }
        if (args.Length > 0 && args[0] == "--cache-flush")
        {
            int rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
            // Then the kind of events, and how many megabytes are read to flush the caches.
            int megabytes = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 64;
            CacheFlushCost.Print(args.Length > 2 ? args[2] : "windows", rounds, megabytes);
            return;
        }
        if (args.Length > 0 && args[0] == "--first-events")
        {
            int count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2000;
            FirstEventsCost.Print(args.Length > 2 ? args[2] : "windows", count);
            return;
        }
        if (args.Length > 0 && args[0] == "--set-build")
        {
            SetBuildCost.Print();
            return;
        }
        if (args.Length > 3 && args[0] == "--compare-builds")
        {
            BuildComparison.Print(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), args[3..]);
            return;
        }
        if (args.Length > 0 && args[0] == "--profile")
        {
            CostBreakdown.Print("windows");
            CostBreakdown.Print("cloudtrail");
            CostBreakdown.Print(EventSamples.LongCommandLine);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    // How many rules the prefilter leaves per event, and which rules are candidates most often.
    private static void Stats(string kind)
    {
        List<string> lines = EventSamples.Load(kind, 5000);
        var counts = new Dictionary<IDetectionRule, int>();
        long total = 0;
        foreach (string line in lines)
        {
            using JsonDocument document = JsonDocument.Parse(line);
            foreach (IDetectionRule rule in SigmaRules.Set.CandidateRules(document.RootElement))
            {
                counts[rule] = counts.GetValueOrDefault(rule) + 1;
                total++;
            }
        }
        Console.WriteLine($"{kind}: {SigmaRules.All.Count} rules, {lines.Count} events, {total / (double)lines.Count:F1} candidate rules per event");
        foreach ((IDetectionRule rule, int count) in counts.OrderByDescending(c => c.Value).Take(15))
            Console.WriteLine($"  {count,6}  {rule.Title} [{rule.LogSource.Category ?? rule.LogSource.Service}]");
    }
}
