using System;
using System.Linq;
using System.Threading;

namespace SigmaCompile.Tests.Infrastructure;

/// <summary>Runs the same work on several threads released together, as a scan's threads meet a table first.</summary>
internal static class AllAtOnce
{
    /// <summary>What <paramref name="work"/> returned on each of <paramref name="threads"/> threads started at once.</summary>
    public static T[] Run<T>(int threads, Func<T> work)
    {
        var results = new T[threads];
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            results[t] = work();
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        return results;
    }
}
