using System;

namespace SigmaCompile.Matching;

/// <summary>
/// Per-thread char buffers for text too long for the stack, kept for the life of the thread. Unlike
/// ArrayPool.Shared, which gives arrays back to the GC when memory runs low, these are never trimmed, so matching
/// stays allocation-free in steady state. Buffers nest (a field reference decodes one value while holding
/// another): each level of nesting has its own array.
/// </summary>
internal static class CharBuffers
{
    [ThreadStatic]
    private static char[][]? t_levels;

    [ThreadStatic]
    private static int t_depth;

    /// <summary>A buffer of at least <paramref name="length"/> chars; pair every call with <see cref="Return"/>.</summary>
    public static char[] Rent(int length)
    {
        char[][] levels = t_levels ??= new char[8][];
        int depth = t_depth;
        if (depth == levels.Length)
        {
            Array.Resize(ref levels, levels.Length * 2);
            t_levels = levels;
        }
        char[]? buffer = levels[depth];
        if (buffer is null || buffer.Length < length)
            levels[depth] = buffer = new char[Math.Max(length, Math.Max(1024, (buffer?.Length ?? 0) * 2))];
        t_depth = depth + 1;
        return buffer;
    }

    public static void Return() => t_depth--;
}
