namespace SigmaCompile.Correlations;

/// <summary>Event-time arithmetic in ticks that saturates instead of overflowing (a lateness of TimeSpan.MaxValue is allowed).</summary>
internal static class TickMath
{
    public static long Later(long ticks, long span) => span > 0 && ticks > long.MaxValue - span ? long.MaxValue : ticks + span;

    public static long Earlier(long ticks, long span) => span > 0 && ticks < long.MinValue + span ? long.MinValue : ticks - span;
}
