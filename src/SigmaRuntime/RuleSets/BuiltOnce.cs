using System;
using System.Threading;

namespace SigmaCompile.RuleSets;

/// <summary>
/// A table built on first use by one thread, while any other thread that needs it meanwhile waits for it. Threads
/// that start a scan together meet the same fields, and when each built its own copy of the largest tables, the
/// copies thrown away cost about as much as the builds themselves (measured: docs/performance.md, "First use on
/// two threads"). The lock is taken only while the table is missing.
/// </summary>
internal static class BuiltOnce
{
    /// <summary>A lock for each of <paramref name="count"/> tables, each built once.</summary>
    public static object[] Gates(int count)
    {
        var gates = new object[count];
        for (int i = 0; i < count; i++)
            gates[i] = new object();
        return gates;
    }

    /// <summary>The table in <paramref name="slot"/>, built by <paramref name="create"/> if it is not there yet.</summary>
    public static T Get<T, TState>(ref T? slot, object gate, TState state, Func<TState, T> create)
        where T : class
    {
        lock (gate)
        {
            T? built = Volatile.Read(ref slot);
            if (built is null)
                Volatile.Write(ref slot, built = create(state));
            return built;
        }
    }
}
