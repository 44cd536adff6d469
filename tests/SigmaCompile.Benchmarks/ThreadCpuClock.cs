using System;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SigmaCompile.Benchmarks;

/// <summary>
/// The calling thread's CPU time, for the in-process cost modes: on a machine shared with other work, wall time
/// mostly measures how often a pass was descheduled, CPU time far less so.
/// </summary>
internal static class ThreadCpuClock
{
    private const int ThreadCpuTimeId = 3; // CLOCK_THREAD_CPUTIME_ID

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>Microseconds: of thread CPU time where the platform gives it (Linux), else of wall time.</summary>
    public static double Now()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ThreadCpuTimeId, out TimeSpec time) == 0)
            return time.Seconds * 1e6 + time.Nanoseconds / 1e3;
        return Stopwatch.GetTimestamp() * 1e6 / Stopwatch.Frequency;
    }
}
