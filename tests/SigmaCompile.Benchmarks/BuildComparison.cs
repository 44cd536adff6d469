using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;

namespace SigmaCompile.Benchmarks;

/// <summary>
/// <c>--compare-builds KIND ROUNDS DIR...</c>: <c>Set.Match</c> of several builds of this program (each directory
/// holding its SigmaRuntime.dll and SigmaCompile.Benchmarks.dll) in one process, their passes over the same parsed
/// events taking turns, CPU time per event. Runs of one build in separate processes differ by a tenth and more on this
/// machine (where the code lands, how fast the parse runs for the process's life, the neighbours' load), which
/// hides the few per cent a change is worth; builds that take turns in one process meet the same conditions. Each
/// turn is a few passes of which only the last ones count, so that each build's tables are back in the processor's
/// caches as they are when a set runs alone. The second half of the rounds is reported (the JIT is done by then).
/// </summary>
internal static class BuildComparison
{
    private const int PassesPerTurn = 4;

    public static void Print(string kind, int rounds, IReadOnlyList<string> directories)
    {
        List<string> lines = EventSamples.Load(kind, 1000);
        var matchers = directories.Select(d => Matcher(Path.GetFullPath(d))).ToList();
        var documents = lines.Select(l => JsonDocument.Parse(l)).ToList();
        var times = directories.Select(_ => new List<double>()).ToArray();
        var parse = new List<double>();
        long total = 0;
        for (int round = 0; round < rounds; round++)
        {
            double start = ThreadCpuClock.Now();
            foreach (string line in lines)
                JsonDocument.Parse(line).Dispose();
            parse.Add((ThreadCpuClock.Now() - start) / lines.Count);
            for (int turn = 0; turn < matchers.Count; turn++)
            {
                int build = (turn + round) % matchers.Count; // each build first in turn
                for (int pass = 0; pass < PassesPerTurn; pass++)
                {
                    start = ThreadCpuClock.Now();
                    foreach (JsonDocument document in documents)
                        total += matchers[build](document.RootElement);
                    if (pass > 0)
                        times[build].Add((ThreadCpuClock.Now() - start) / documents.Count);
                }
            }
        }
        Console.WriteLine($"{kind}: {documents.Count} events, rounds {rounds / 2 + 1}-{rounds}, CPU µs per event (least, first quartile, median); {total} detections");
        Console.WriteLine($"  {"parse",-24} {Spread(parse)}");
        for (int build = 0; build < directories.Count; build++)
            Console.WriteLine($"  {Path.GetFileName(directories[build].TrimEnd('/', '\\')),-24} {Spread(times[build])}");
        foreach (JsonDocument document in documents)
            document.Dispose();
    }

    private static string Spread(List<double> values)
    {
        List<double> half = values.Skip(values.Count / 2).Order().ToList();
        return $"{half[0],8:F3} {half[half.Count / 4],8:F3} {half[half.Count / 2],8:F3}";
    }

    // The build's SigmaRules.Set.MatchSummaries as a function of the event returning the detections' count, through
    // an expression compiled against the build's own types (loaded in a context of their own).
    private static Func<JsonElement, int> Matcher(string directory)
    {
        var context = new BuildContext(directory);
        Assembly benchmarks = context.LoadFromAssemblyName(new AssemblyName("SigmaCompile.Benchmarks"));
        object set = benchmarks.GetType("SigmaCompile.Benchmarks.Rules.SigmaRules")!
            .GetProperty("Set", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!.GetValue(null)!;
        Type summary = set.GetType().Assembly.GetType("SigmaCompile.RuleSets.RuleSummary")!;
        Type listType = typeof(List<>).MakeGenericType(summary);
        object list = Activator.CreateInstance(listType)!;
        ParameterExpression evt = Expression.Parameter(typeof(JsonElement), "evt");
        MethodInfo match = set.GetType().GetMethod("MatchSummaries", [typeof(JsonElement), typeof(ICollection<>).MakeGenericType(summary)])!;
        BlockExpression body = Expression.Block(
            Expression.Call(Expression.Constant(list), listType.GetMethod("Clear")!),
            Expression.Call(Expression.Constant(set), match, evt, Expression.Constant(list)),
            Expression.Property(Expression.Constant(list), "Count"));
        return Expression.Lambda<Func<JsonElement, int>>(body, evt).Compile();
    }

    // Loads a build's runtime and rules from its directory; everything else (System.Text.Json among them, so that
    // every build reads the same JsonElement) from the default context.
    private sealed class BuildContext(string directory) : AssemblyLoadContext(Path.GetFileName(directory), isCollectible: false)
    {
        private readonly string _directory = directory;

        protected override Assembly? Load(AssemblyName name) =>
            name.Name is "SigmaRuntime" or "SigmaCompile.Benchmarks"
                ? LoadFromAssemblyPath(Path.Combine(_directory, name.Name + ".dll"))
                : null;
    }
}
