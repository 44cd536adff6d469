using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SigmaCompile.RuleSets;

/// <summary>
/// A table slot hash of raw UTF-8 bytes (a string's, a property name's): eight bytes a step, the last eight (or all
/// of a shorter text) once more, mixed with the length. Every table that uses it compares the bytes in the slot, so
/// it only has to spread them. Not HashCode.AddBytes: that reads four bytes a step and was about a tenth of
/// CloudTrail's keyword pass (docs/performance.md).
/// </summary>
internal static class ByteHash
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Of(ReadOnlySpan<byte> bytes)
    {
        ulong hash = (ulong)bytes.Length * 0x9E3779B97F4A7C15UL;
        int i = 0;
        for (; i + sizeof(ulong) <= bytes.Length; i += sizeof(ulong))
            hash = Mix(hash, MemoryMarshal.Read<ulong>(bytes[i..]));
        if (i < bytes.Length)
        {
            ulong tail = 0;
            if (bytes.Length >= sizeof(ulong))
            {
                tail = MemoryMarshal.Read<ulong>(bytes[^sizeof(ulong)..]);
            }
            else
            {
                for (int b = 0; b < bytes.Length; b++)
                    tail |= (ulong)bytes[b] << (8 * b);
            }
            hash = Mix(hash, tail);
        }
        return (int)(hash ^ (hash >> 29));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong hash, ulong bytes) =>
        BitOperations.RotateLeft(hash ^ (bytes * 0xC2B2AE3D27D4EB4FUL), 31) * 0x9E3779B97F4A7C15UL;
}
