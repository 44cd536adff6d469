using System;

namespace SigmaCompile.Tests.Infrastructure;

/// <summary>Counts the bytes that steady-state work allocates on the current thread.</summary>
internal static class AllocationMeter
{
    /// <summary>
    /// Runs <paramref name="action"/> <paramref name="warmUp"/> times, then counts the bytes allocated by
    /// <paramref name="repeat"/> more runs, up to <paramref name="attempts"/> times, and returns the least count.
    /// </summary>
    /// <remarks>
    /// The least, because work that allocates per call allocates in every attempt, while a one-off event of the
    /// runtime on the test thread (a method reaching its next JIT tier, a type loaded late) happens in one attempt at
    /// most. A single measurement made the corpus tests fail now and then on a rule that cannot allocate.
    /// </remarks>
    public static long SteadyStateBytes(Action action, int warmUp, int repeat, int attempts = 3)
    {
        for (int i = 0; i < warmUp; i++)
            action();
        long least = long.MaxValue;
        for (int attempt = 0; attempt < attempts && least != 0; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < repeat; i++)
                action();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return least;
    }
}
