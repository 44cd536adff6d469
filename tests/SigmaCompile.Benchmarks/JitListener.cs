using System;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Linq;

namespace SigmaCompile.Benchmarks;

/// <summary>
/// Each method the JIT compiles in this process while <see cref="Recording"/> is set, with its compile time, read from
/// the runtime's own JIT events (started, then loaded). The events arrive on a thread of their own, a little late:
/// read <see cref="Compiled"/> after <see cref="Settle"/>.
/// </summary>
internal sealed class JitListener : EventListener
{
    private const EventKeywords JitKeyword = (EventKeywords)0x10;
    private readonly Dictionary<long, (string Name, int IlBytes, DateTime Start)> _started = new();

    public bool Recording { get; set; }

    /// <summary>Writes the <paramref name="count"/> costliest of <paramref name="compiled"/>, a line each.</summary>
    public static void PrintCostliest(IEnumerable<(string Name, int IlBytes, double Ms, DateTime Start)> compiled, int count, string indent)
    {
        foreach ((string name, int ilBytes, double ms, _) in compiled.OrderByDescending(c => c.Ms).Take(count))
            Console.WriteLine(Line(indent, name, ilBytes, ms));
    }

    /// <summary>One compile as a line of the reports.</summary>
    public static string Line(string indent, string name, int ilBytes, double ms) => $"{indent}{ms,7:F2} ms  {ilBytes,7} IL bytes  {name}";

    /// <summary>Waits for the events of what ran so far to arrive.</summary>
    public static void Settle() => System.Threading.Thread.Sleep(1500);

    public List<(string Name, int IlBytes, double Ms, DateTime Start)> Compiled { get; } = new();

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
            Compiled.Add((started.Name, started.IlBytes, (e.TimeStamp - started.Start).TotalMilliseconds, started.Start));
    }
}
