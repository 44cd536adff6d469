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

    /// <summary>How many strings the short cache holds.</summary>
    /// <remarks>
    /// 4,096 (about 0.6 MB a thread): matching a sample of 1,000 Windows events or CloudTrail records over and over
    /// took 3 to 4 % less than with 1,024, whose slots the sample's strings kept taking from each other; 8,192 took
    /// less still there but made a SigmaScan pass over the corpus 2 to 3 % slower (docs/performance.md, "A larger
    /// string cache").
    /// </remarks>
    public const int ShortSlots = 4096;

    /// <summary>Strings of up to 96 bytes, <see cref="ShortSlots"/> slots, up to 7 atoms each.</summary>
    public static StringAtomCache Short() => new(slots: ShortSlots, maxBytes: ShortBytes, maxAtoms: 7);

    /// <summary>Strings of up to 1,024 bytes, 64 slots, up to 16 atoms each.</summary>
    public static StringAtomCache Long() => new(slots: 64, maxBytes: 1024, maxAtoms: 16);

    private readonly int _slots; // a power of two: a slot is picked by low bits (see Slot)
    private readonly int _maxAtoms;
    private readonly byte[] _raw;
    // Per slot, what a look-up reads first, in 16 bytes: the string's key (its hash, owner and length), how many atoms
    // it fired and whether it is ASCII. Read from five tables, that was five cache lines a look-up; the atoms themselves
    // are read only when there are some, seldom (docs/performance.md, "The string cache's entries in one word").
    private readonly Entry[] _entries;
    private readonly int[] _atoms;
    // The atoms the string being scanned has fired so far, and whether there were too many to keep.
    private readonly int[] _pending;
    private int _pendingCount;

    private StringAtomCache(int slots, int maxBytes, int maxAtoms)
    {
        _slots = slots;
        MaxBytes = maxBytes;
        _maxAtoms = maxAtoms;
        _raw = new byte[slots * maxBytes];
        _entries = new Entry[slots]; // key 0 matches no string: a key holds the length plus one
        _atoms = new int[slots * maxAtoms];
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
        if ((uint)owner >= OwnerLimit)
            return false;
        int slot = Slot(owner, hash);
        ref Entry entry = ref _entries[slot];
        if (entry.Key != Key(owner, raw.Length, hash) || !raw.SequenceEqual(_raw.AsSpan(slot * MaxBytes, raw.Length)))
            return false;
        for (int a = 0; a < entry.AtomCount; a++)
            candidates.Fire(_atoms[slot * _maxAtoms + a]);
        if (entry.NotAscii)
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
        if (_pendingCount > _maxAtoms || raw.Length > MaxBytes || (uint)owner >= OwnerLimit)
            return;
        int slot = Slot(owner, hash);
        raw.CopyTo(_raw.AsSpan(slot * MaxBytes));
        _pending.AsSpan(0, _pendingCount).CopyTo(_atoms.AsSpan(slot * _maxAtoms));
        _entries[slot] = new Entry { Key = Key(owner, raw.Length, hash), AtomCount = _pendingCount, NotAscii = notAscii };
    }

    // The string's slot: its hash's low bits, moved by its owner's, so that one string scanned by two owners (a
    // field's value that the keyword pass also meets, such as "-") has two slots and the two do not evict each other.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(int owner, int hash) => (hash + owner * unchecked((int)0x9E3779B1)) & (_slots - 1);

    /// <summary>Owners (field numbers) from here on are never kept: a key has 21 bits for them.</summary>
    public const int OwnerLimit = 1 << 21;

    // The hash in the low half, the owner (under OwnerLimit) and the length plus one (at most 1,025, under 2^11) above
    // it: equal keys mean an equal hash, owner and length, and no string's key is 0 (an empty slot's).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Key(int owner, int length, int hash) =>
        (uint)hash | ((long)owner << 32) | ((long)(length + 1) << 53);

    private struct Entry
    {
        public long Key;
        public int AtomCount;
        public bool NotAscii;
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
