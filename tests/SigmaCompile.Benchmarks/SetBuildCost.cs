using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Linq;
using SigmaCompile.Benchmarks.Rules;

namespace SigmaCompile.Benchmarks;

/// <summary>
/// Where building <c>SigmaRules.Set</c> goes: its wall time, and each method the JIT compiled meanwhile with its
/// compile time, read from the runtime's own JIT events (started, then loaded) in this process.
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
        listener.Recording = false;
        List<(string Name, int IlBytes, double Ms)> compiled = listener.Compiled;
        Console.WriteLine($"SigmaRules.Set built in {ms:F0} ms; meanwhile the JIT compiled {compiled.Count} methods in {compiled.Sum(c => c.Ms):F0} ms, the costliest:");
        foreach ((string name, int ilBytes, double compileMs) in compiled.OrderByDescending(c => c.Ms).Take(15))
            Console.WriteLine($"  {compileMs,7:F2} ms  {ilBytes,7} IL bytes  {name}");
    }

    private sealed class JitListener : EventListener
    {
        private const EventKeywords JitKeyword = (EventKeywords)0x10;
        private readonly Dictionary<long, (string Name, int IlBytes, DateTime Start)> _started = new();

        public bool Recording { get; set; }

        public List<(string Name, int IlBytes, double Ms)> Compiled { get; } = new();

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
                EnableEvents(source, EventLevel.Verbose, JitKeyword);
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (!Recording || e.Payload is null || e.EventName is null)
                return;
            long method = Convert.ToInt64(e.Payload[0]);
            if (e.EventName.StartsWith("MethodJittingStarted", StringComparison.Ordinal))
                _started[method] = ($"{e.Payload[4]}::{e.Payload[5]}", Convert.ToInt32(e.Payload[3]), e.TimeStamp);
            else if (e.EventName.StartsWith("MethodLoadVerbose", StringComparison.Ordinal) && _started.Remove(method, out var started))
                Compiled.Add((started.Name, started.IlBytes, (e.TimeStamp - started.Start).TotalMilliseconds));
        }
    }
}
