using System;
using System.Text;

namespace SigmaCompile.Streaming.Correlation;

/// <summary>
/// Picks a key's partition with 64-bit FNV-1a over its UTF-8 bytes: the same in every process and on every run
/// (<see cref="string.GetHashCode()"/> is randomised per process, so workers would disagree).
/// </summary>
public static class PartitionHash
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>The FNV-1a hash of <paramref name="key"/>'s UTF-8 bytes.</summary>
    public static ulong Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        ulong hash = OffsetBasis;
        Span<byte> buffer = stackalloc byte[256];
        foreach (ReadOnlyMemory<char> chunk in Chunks(key, 64))
        {
            int length = Encoding.UTF8.GetBytes(chunk.Span, buffer);
            foreach (byte b in buffer[..length])
            {
                hash ^= b;
                hash *= Prime;
            }
        }
        return hash;
    }

    /// <summary>The partition of <paramref name="key"/> among <paramref name="partitions"/>.</summary>
    public static int PartitionOf(string key, int partitions)
    {
        if (partitions < 1)
            throw new ArgumentOutOfRangeException(nameof(partitions), partitions, "at least one partition");
        return (int)(Hash(key) % (ulong)partitions);
    }

    // Chunks never split a surrogate pair, so each encodes on its own exactly as the whole string would.
    private static System.Collections.Generic.IEnumerable<ReadOnlyMemory<char>> Chunks(string text, int size)
    {
        int start = 0;
        while (start < text.Length)
        {
            int length = Math.Min(size, text.Length - start);
            if (start + length < text.Length && char.IsHighSurrogate(text[start + length - 1]))
                length--;
            yield return text.AsMemory(start, length);
            start += length;
        }
    }
}
