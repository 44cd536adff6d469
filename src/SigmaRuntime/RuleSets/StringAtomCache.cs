using System;
using System.Runtime.CompilerServices;

namespace SigmaCompile.RuleSets;

/// <summary>
/// Per thread and rule set: which prefilter atoms each recently seen string fired, keyed by who scanned it (the
/// keyword pass, or a field's atoms with the keyword atoms) and the string's raw UTF-8 bytes. Events of one source
/// repeat most of their strings (principals, user agents, event and channel names): a string found here fires its
/// atoms again after one byte comparison instead of being decoded, folded and scanned. Keyed by content and compared
/// byte for byte, an entry can never stand for another string. Two sizes serve the prefilter: many slots of short
/// strings (<see cref="Short"/>) and a few of long ones (<see cref="Long"/>; in CloudTrail's records, read once
/// in order, 85 % of the strings over 96 bytes had been seen among the last 16).
/// </summary>
internal sealed class StringAtomCache
{
    /// <summary>The longest string the short cache keeps: longer ones go to the long cache, or are scanned every time.</summary>
    public const int ShortBytes = 96;

    /// <summary>Strings of up to 96 bytes, 1,024 slots, up to 7 atoms each.</summary>
    public static StringAtomCache Short() => new(slots: 1024, maxBytes: ShortBytes, maxAtoms: 7);

    /// <summary>Strings of up to 1,024 bytes, 64 slots, up to 16 atoms each.</summary>
    public static StringAtomCache Long() => new(slots: 64, maxBytes: 1024, maxAtoms: 16);

    private readonly int _slots; // a power of two: the slot is the hash's low bits
    private readonly int _maxAtoms;
    private readonly byte[] _raw;
    private readonly int[] _rawLengths;
    private readonly int[] _owners;
    private readonly int[] _hashes;
    private readonly int[] _atoms;
    private readonly int[] _atomCounts;
    // Per slot, whether the string is not all ASCII text (see CandidateSet.KeywordTextAscii).
    private readonly bool[] _notAscii;
    // The atoms the string being scanned has fired so far, and whether there were too many to keep.
    private readonly int[] _pending;
    private int _pendingCount;

    private StringAtomCache(int slots, int maxBytes, int maxAtoms)
    {
        _slots = slots;
        MaxBytes = maxBytes;
        _maxAtoms = maxAtoms;
        _raw = new byte[slots * maxBytes];
        _rawLengths = new int[slots];
        Array.Fill(_rawLengths, -1);
        _owners = new int[slots];
        _hashes = new int[slots];
        _atoms = new int[slots * maxAtoms];
        _atomCounts = new int[slots];
        _notAscii = new bool[slots];
        _pending = new int[maxAtoms];
    }

    /// <summary>The longest string this cache keeps (a string that fires more atoms than a slot holds is not kept either).</summary>
    public int MaxBytes { get; }

    /// <summary>
    /// Fires the atoms <paramref name="raw"/> fired when <paramref name="owner"/> kept it, if it did; false if it must
    /// be scanned.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryFire(int owner, ReadOnlySpan<byte> raw, int hash, CandidateSet candidates)
    {
        int slot = hash & (_slots - 1);
        if (_rawLengths[slot] != raw.Length || _hashes[slot] != hash || _owners[slot] != owner || !raw.SequenceEqual(_raw.AsSpan(slot * MaxBytes, raw.Length)))
            return false;
        for (int a = 0; a < _atomCounts[slot]; a++)
            candidates.Fire(_atoms[slot * _maxAtoms + a]);
        if (_notAscii[slot])
            candidates.NoteKeywordTextNotAscii();
        return true;
    }

    /// <summary>Starts recording the atoms a string's scan fires (see <see cref="Note"/>).</summary>
    public void Begin() => _pendingCount = 0;

    /// <summary>The string being scanned fired <paramref name="atom"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Note(int atom)
    {
        if (_pendingCount < _maxAtoms)
            _pending[_pendingCount] = atom;
        _pendingCount++;
    }

    /// <summary>
    /// Keeps the atoms noted since <see cref="Begin"/> for <paramref name="raw"/> as scanned by <paramref
    /// name="owner"/>, replacing its slot's string; <paramref name="notAscii"/> says whether its text is not all
    /// ASCII, which a hit notes again.
    /// </summary>
    public void Keep(int owner, ReadOnlySpan<byte> raw, int hash, bool notAscii)
    {
        if (_pendingCount > _maxAtoms || raw.Length > MaxBytes)
            return;
        int slot = hash & (_slots - 1);
        raw.CopyTo(_raw.AsSpan(slot * MaxBytes));
        _pending.AsSpan(0, _pendingCount).CopyTo(_atoms.AsSpan(slot * _maxAtoms));
        _atomCounts[slot] = _pendingCount;
        _notAscii[slot] = notAscii;
        _hashes[slot] = hash;
        _owners[slot] = owner;
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
