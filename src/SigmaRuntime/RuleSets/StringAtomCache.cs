using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SigmaCompile.RuleSets;

/// <summary>
/// Per thread and rule set: which keyword atoms each recently seen short string fired, keyed by the string's raw
/// UTF-8 bytes. The prefilter's keyword pass scans every string of every event, and events of one source repeat
/// most of their strings (principals, user agents, event and channel names); a string found here fires its atoms
/// again after one byte comparison instead of being decoded, folded and scanned. Keyed by content and compared byte
/// for byte, an entry can never stand for another string.
/// </summary>
internal sealed class StringAtomCache
{
    /// <summary>Longer strings are scanned every time (they are seldom repeated, and would need larger slots).</summary>
    public const int MaxBytes = 96;

    // A string that fires more atoms than this is scanned every time.
    private const int MaxAtoms = 7;
    private const int Slots = 1024; // a power of two: the slot is the hash's low bits

    private readonly byte[] _raw = new byte[Slots * MaxBytes];
    private readonly int[] _rawLengths = new int[Slots];
    private readonly int[] _hashes = new int[Slots];
    private readonly int[] _atoms = new int[Slots * MaxAtoms];
    private readonly int[] _atomCounts = new int[Slots];
    // The atoms the string being scanned has fired so far, and whether there were too many to keep.
    private readonly int[] _pending = new int[MaxAtoms];
    private int _pendingCount;

    public StringAtomCache() => Array.Fill(_rawLengths, -1);

    /// <summary>
    /// The slot hash of a string of up to <see cref="MaxBytes"/> bytes: eight bytes a step, the last eight (or all of
    /// a shorter string) once more, mixed with the length. Not HashCode.AddBytes: that reads four bytes a step and
    /// was about a tenth of CloudTrail's keyword pass; a slot is checked byte for byte anyway.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Hash(ReadOnlySpan<byte> raw)
    {
        ulong hash = (ulong)raw.Length * 0x9E3779B97F4A7C15UL;
        int i = 0;
        for (; i + sizeof(ulong) <= raw.Length; i += sizeof(ulong))
            hash = Mix(hash, MemoryMarshal.Read<ulong>(raw[i..]));
        if (i < raw.Length)
        {
            ulong tail = 0;
            if (raw.Length >= sizeof(ulong))
            {
                tail = MemoryMarshal.Read<ulong>(raw[^sizeof(ulong)..]);
            }
            else
            {
                for (int b = 0; b < raw.Length; b++)
                    tail |= (ulong)raw[b] << (8 * b);
            }
            hash = Mix(hash, tail);
        }
        return (int)(hash ^ (hash >> 29));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong hash, ulong bytes) =>
        BitOperations.RotateLeft(hash ^ (bytes * 0xC2B2AE3D27D4EB4FUL), 31) * 0x9E3779B97F4A7C15UL;

    /// <summary>Fires the atoms <paramref name="raw"/> fired when it was kept, if it was; false if it must be scanned.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryFire(ReadOnlySpan<byte> raw, int hash, CandidateSet candidates)
    {
        int slot = hash & (Slots - 1);
        if (_rawLengths[slot] != raw.Length || _hashes[slot] != hash || !raw.SequenceEqual(_raw.AsSpan(slot * MaxBytes, raw.Length)))
            return false;
        for (int a = 0; a < _atomCounts[slot]; a++)
            candidates.Fire(_atoms[slot * MaxAtoms + a]);
        return true;
    }

    /// <summary>Starts recording the atoms a string's scan fires (see <see cref="Note"/>).</summary>
    public void Begin() => _pendingCount = 0;

    /// <summary>The string being scanned fired <paramref name="atom"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Note(int atom)
    {
        if (_pendingCount < MaxAtoms)
            _pending[_pendingCount] = atom;
        _pendingCount++;
    }

    /// <summary>Keeps the atoms noted since <see cref="Begin"/> for <paramref name="raw"/>, replacing its slot's string.</summary>
    public void Keep(ReadOnlySpan<byte> raw, int hash)
    {
        if (_pendingCount > MaxAtoms || raw.Length > MaxBytes)
            return;
        int slot = hash & (Slots - 1);
        raw.CopyTo(_raw.AsSpan(slot * MaxBytes));
        _pending.AsSpan(0, _pendingCount).CopyTo(_atoms.AsSpan(slot * MaxAtoms));
        _atomCounts[slot] = _pendingCount;
        _hashes[slot] = hash;
        _rawLengths[slot] = raw.Length;
    }
}

/// <summary>Fires the prefilter atom of every needle found and notes it for the string cache.</summary>
internal readonly struct NotedFiring(CandidateSet candidates, StringAtomCache cache) : INeedleSink
{
    public void Found(int id, int start, int end)
    {
        candidates.Fire(id);
        cache.Note(id);
    }
}
