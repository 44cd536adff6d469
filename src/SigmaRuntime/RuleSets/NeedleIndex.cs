using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SigmaCompile.RuleSets;

/// <summary>
/// Reports every occurrence of a needle in a folded text, whatever the number of needles: a filter on the first
/// characters of the needles rejects most positions of the text with one table read each, and at the few
/// positions it lets through a walk down a trie of the needles reports those that start there.
/// </summary>
/// <remarks>
/// The filter is a bit table hashed from a needle's first four characters (from all of them when it is shorter, in
/// one class per length). Every needle sets its bit, so a position where a needle starts is never rejected; other
/// positions pass now and then and cost a short trie walk. This replaced an Aho–Corasick automaton, which spends
/// a dependent table lookup on every character: the rule set's keyword pass over every string of an event got
/// much faster (measured: see docs/performance.md).
/// Real text passes the first filter often where a needle's first four characters are common ones ("\WIN",
/// "-ENC"), and the walk then fails a few characters further on. So a position that passes it is checked again
/// against a second filter of the needles' first eight characters (and of the first four of needles shorter than
/// eight); and the last positions of a text, too short for a window, are walked only where a needle as short as
/// what is left could start there. A walk that does start follows real text for many characters (a path, a
/// command), much of it along chains of nodes with one child: a chain is compared with the text in one go.
/// </remarks>
internal sealed class NeedleIndex
{
    private const int FilterLength = 4;
    private const int LongLength = 2 * FilterLength;

    private readonly ulong[] _filter;
    private readonly int _shift;
    // Which needle lengths below FilterLength occur (bit n for length n), and whether longer ones do.
    private readonly int _shortLengths;
    private readonly bool _hasLong;
    // The second filter, for positions the first lets through on a long window: the first four characters of the
    // needles of FilterLength to LongLength - 1 characters, and the first eight of the longer ones. Only when some
    // needle has LongLength characters or more (otherwise the first filter already saw every needle's start whole).
    private readonly bool _hasSecond;
    private readonly ulong[] _middleFilter;
    private readonly int _middleShift;
    private readonly ulong[] _longFilter;
    private readonly int _longShift;

    // The trie: the root's ASCII children in a dense table, every node's children flat and sorted.
    private readonly int[] _rootAscii = new int[128];
    private readonly int[] _childStart;
    private readonly int[] _childCount;
    private readonly char[] _childChar;
    private readonly int[] _childNext;
    private readonly int[] _outputStart;
    private readonly int[] _outputCount;
    private readonly int[] _outputIds;
    // Chains: from a node with one child and no needle ending there, the characters down to the next node that
    // branches or ends a needle (their length, where they start in _labels, and that node), compared in one go.
    private readonly int[] _chainLength;
    private readonly int[] _chainStart;
    private readonly int[] _chainEnd;
    private readonly char[] _labels;

    /// <param name="needles">Folded needles, each with the id reported when it is found (ids may repeat).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public NeedleIndex(IReadOnlyList<(string Needle, int Id)> needles)
    {
        // Run once over thousands of entries: compiled optimised at once, as RuleSetIndex's constructor is.
        // Sorted ordinally, the needles below a trie node are contiguous and its children come in character order,
        // so the flat trie is built breadth-first from index ranges, without a node object per state. Working arrays
        // are sized for the worst case (a node per character) and rented from the shared pool: this runs on a scan's
        // first events, a few hundred times for a large rule set, and fresh arrays of that size fault their memory in
        // every time (measured: docs/performance.md).
        Entry[] sorted = ArrayPool<Entry>.Shared.Rent(needles.Count);
        int count = 0, characters = 0;
        foreach ((string needle, int id) in needles)
        {
            if (needle.Length == 0)
                continue;
            sorted[count++] = new Entry(needle, id);
            characters += needle.Length;
            if (needle.Length < FilterLength)
                _shortLengths |= 1 << needle.Length;
            else
                _hasLong = true;
        }
        Span<Entry> entries = sorted.AsSpan(0, count);
        entries.Sort(new EntryOrder());

        // Needles with the same key are adjacent once sorted: count the distinct keys without a set.
        ulong[] keys = ArrayPool<ulong>.Shared.Rent(count);
        ulong[] middleKeys = ArrayPool<ulong>.Shared.Rent(count);
        ulong[] longKeys = ArrayPool<ulong>.Shared.Rent(count);
        int keyCount = 0, middleCount = 0, longCount = 0;
        foreach (Entry entry in entries)
        {
            ulong key = Key(entry.Needle.AsSpan(0, Math.Min(entry.Needle.Length, FilterLength)));
            if (keyCount == 0 || keys[keyCount - 1] != key)
                keys[keyCount++] = key;
            if (entry.Needle.Length >= LongLength)
                longKeys[longCount++] = LongKey(key, Key(entry.Needle.AsSpan(FilterLength, FilterLength)));
            else if (entry.Needle.Length >= FilterLength && (middleCount == 0 || middleKeys[middleCount - 1] != key))
                middleKeys[middleCount++] = key;
        }
        (_filter, _shift) = Filter(keys.AsSpan(0, keyCount));
        _hasSecond = longCount > 0;
        (_middleFilter, _middleShift) = Filter(middleKeys.AsSpan(0, middleCount));
        (_longFilter, _longShift) = Filter(longKeys.AsSpan(0, longCount));
        ArrayPool<ulong>.Shared.Return(keys);
        ArrayPool<ulong>.Shared.Return(middleKeys);
        ArrayPool<ulong>.Shared.Return(longKeys);

        // Each pending node: the range of sorted needles below it and its depth; node ids are queue positions.
        // Every entry is written before it is read (rented arrays hold old values).
        int capacity = characters + 1;
        int[] pendingLow = ArrayPool<int>.Shared.Rent(capacity);
        int[] pendingHigh = ArrayPool<int>.Shared.Rent(capacity);
        int[] pendingDepth = ArrayPool<int>.Shared.Rent(capacity);
        int[] childStart = ArrayPool<int>.Shared.Rent(capacity);
        int[] childCount = ArrayPool<int>.Shared.Rent(capacity);
        int[] outputStart = ArrayPool<int>.Shared.Rent(capacity);
        int[] outputCount = ArrayPool<int>.Shared.Rent(capacity);
        char[] chars = ArrayPool<char>.Shared.Rent(capacity);
        int[] next = ArrayPool<int>.Shared.Rent(capacity);
        var outputs = new int[count];
        int nodes = 1, edges = 0, found = 0;
        pendingLow[0] = 0;
        pendingHigh[0] = count;
        pendingDepth[0] = 0;
        for (int node = 0; node < nodes; node++)
        {
            int low = pendingLow[node], high = pendingHigh[node], depth = pendingDepth[node];
            outputStart[node] = found;
            while (low < high && entries[low].Needle.Length == depth)
                outputs[found++] = entries[low++].Id; // needles ending here sort first
            outputCount[node] = found - outputStart[node];
            childStart[node] = edges;
            while (low < high)
            {
                char c = entries[low].Needle[depth];
                int end = low + 1;
                while (end < high && entries[end].Needle[depth] == c)
                    end++;
                chars[edges] = c;
                next[edges++] = nodes;
                pendingLow[nodes] = low;
                pendingHigh[nodes] = end;
                pendingDepth[nodes++] = depth + 1;
                low = end;
            }
            childCount[node] = edges - childStart[node];
        }
        _outputIds = outputs;

        // Below a node, every sorted needle of its range spells the same chain: the first one's characters are its label.
        _labels = new char[characters];
        var labelStarts = new int[count];
        for (int n = 0, at = 0; n < count; at += entries[n].Needle.Length, n++)
        {
            entries[n].Needle.CopyTo(_labels.AsSpan(at));
            labelStarts[n] = at;
        }
        int[] chainLength = ArrayPool<int>.Shared.Rent(nodes);
        int[] chainStart = ArrayPool<int>.Shared.Rent(nodes);
        int[] chainEnd = ArrayPool<int>.Shared.Rent(nodes);
        chainLength.AsSpan(0, nodes).Clear();
        for (int node = nodes - 1; node > 0; node--) // children come after their parents
        {
            if (childCount[node] != 1 || outputCount[node] != 0)
                continue;
            int child = next[childStart[node]];
            bool continues = chainLength[child] != 0;
            chainLength[node] = continues ? 1 + chainLength[child] : 1;
            chainEnd[node] = continues ? chainEnd[child] : child;
            chainStart[node] = labelStarts[pendingLow[node]] + pendingDepth[node];
        }

        // A walk stands only on the root, the children of the nodes it stands on that start no chain, and the ends of
        // chains: the nodes inside a chain, most of a trie of long needles, are left out of the tables (children are
        // numbered after their parents and chain ends after their starts, so one pass in order finds them all).
        int[] renumbered = pendingHigh; // no longer needed: reused for each node's number in the tables, or -1
        renumbered.AsSpan(0, nodes).Fill(-1);
        renumbered[0] = 0;
        int kept = 0, keptEdges = 0;
        for (int node = 0; node < nodes; node++)
        {
            if (renumbered[node] < 0)
                continue;
            renumbered[node] = kept++;
            if (chainLength[node] != 0) // never the root's
            {
                renumbered[chainEnd[node]] = 0; // kept: numbered when the pass reaches it
                continue;
            }
            for (int e = childStart[node]; e < childStart[node] + childCount[node]; e++)
                renumbered[next[e]] = 0;
            keptEdges += childCount[node];
        }
        _childStart = new int[kept];
        _childCount = new int[kept];
        _outputStart = new int[kept];
        _outputCount = new int[kept];
        _chainLength = new int[kept];
        _chainStart = new int[kept];
        _chainEnd = new int[kept];
        _childChar = new char[keptEdges];
        _childNext = new int[keptEdges];
        for (int node = 0, edge = 0; node < nodes; node++)
        {
            int id = renumbered[node];
            if (id < 0)
                continue;
            _outputStart[id] = outputStart[node];
            _outputCount[id] = outputCount[node];
            _childStart[id] = edge;
            if (chainLength[node] != 0)
            {
                _chainLength[id] = chainLength[node];
                _chainStart[id] = chainStart[node];
                _chainEnd[id] = renumbered[chainEnd[node]];
                continue;
            }
            for (int e = childStart[node]; e < childStart[node] + childCount[node]; e++, edge++)
            {
                _childChar[edge] = chars[e];
                _childNext[edge] = renumbered[next[e]];
            }
            _childCount[id] = childCount[node];
        }
        foreach (int[] array in (ReadOnlySpan<int[]>)[pendingLow, pendingHigh, pendingDepth, childStart, childCount, outputStart, outputCount, next, chainLength, chainStart, chainEnd])
            ArrayPool<int>.Shared.Return(array);
        ArrayPool<char>.Shared.Return(chars);
        ArrayPool<Entry>.Shared.Return(sorted, clearArray: true); // it holds the needles
        for (int i = 0; i < _childCount[0]; i++)
        {
            if (_childChar[i] < 128)
                _rootAscii[_childChar[i]] = _childNext[i];
        }
    }

    private readonly record struct Entry(string Needle, int Id);

    // A bit table with about 64 bits per key (repeated keys set the same bit): a position that starts no needle
    // passes about one time in 64.
    private static (ulong[] Filter, int Shift) Filter(ReadOnlySpan<ulong> keys)
    {
        int bits = 10;
        while ((1L << bits) < keys.Length * 64L && bits < 24)
            bits++;
        int shift = 64 - bits;
        var filter = new ulong[(1 << bits) / 64];
        foreach (ulong key in keys)
        {
            int slot = Slot(key, shift);
            filter[slot >> 6] |= 1UL << (slot & 63);
        }
        return (filter, shift);
    }

    // Ordinal by needle, then by id (so equal needles report their ids in a fixed order).
    private readonly struct EntryOrder : IComparer<Entry>
    {
        public int Compare(Entry a, Entry b) =>
            string.CompareOrdinal(a.Needle, b.Needle) is var order and not 0 ? order : a.Id.CompareTo(b.Id);
    }

    /// <summary>Reports every occurrence of a needle in <paramref name="folded"/> to <paramref name="sink"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Scan<TSink>(ReadOnlySpan<char> folded, ref TSink sink)
        where TSink : struct, INeedleSink
    {
        int end = folded.Length - FilterLength;
        // The fields in locals, and each window one unaligned 8-byte read of four characters (the first in the low
        // bits, as Key builds it): this loop is the cost of scanning a long value (docs/performance.md).
        ulong[] filter = _filter;
        int shift = _shift;
        bool hasLong = _hasLong;
        int shortLengths = _shortLengths;
        ref byte text = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(folded));
        for (int i = 0; i <= end; i++)
        {
            ulong window = Window(folded, ref text, i);
            if ((hasLong && Passes(filter, shift, window) && PassesSecond(folded, ref text, i, window))
                || (shortLengths != 0 && PassesShort(filter, shift, shortLengths, window)))
                Walk(folded, i, ref sink);
        }
        // The last few positions are too short for the window: only needles shorter than it can start there, as
        // the short classes of the filter tell.
        if (shortLengths == 0)
            return;
        for (int i = Math.Max(0, end + 1); i < folded.Length; i++)
        {
            int fits = shortLengths & ((2 << (folded.Length - i)) - 1);
            if (fits != 0 && PassesShort(filter, shift, fits, Key(folded[i..])))
                Walk(folded, i, ref sink);
        }
    }

    // The four characters from position i, the first in the low bits (as Key builds it), in one unaligned read.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Window(ReadOnlySpan<char> folded, ref byte text, int i) =>
        BitConverter.IsLittleEndian
            ? Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref text, i * sizeof(char)))
            : Key(folded.Slice(i, FilterLength));

    // Whether a needle of FilterLength characters or more may start at i, whose window passed the first filter.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool PassesSecond(ReadOnlySpan<char> folded, ref byte text, int i, ulong window)
    {
        if (!_hasSecond || i + LongLength > folded.Length)
            return true;
        return Passes(_middleFilter, _middleShift, window)
            || Passes(_longFilter, _longShift, LongKey(window, Window(folded, ref text, i + FilterLength)));
    }

    /// <summary>Reports the needles that <paramref name="folded"/> starts with (no other position is searched).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ScanStart<TSink>(ReadOnlySpan<char> folded, ref TSink sink)
        where TSink : struct, INeedleSink
    {
        if (!folded.IsEmpty)
            Walk(folded, 0, ref sink);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool PassesShort(ulong[] filter, int shift, int shortLengths, ulong window) =>
        ((shortLengths & 2) != 0 && Passes(filter, shift, window & 0xFFFFUL))
        || ((shortLengths & 4) != 0 && Passes(filter, shift, window & 0xFFFF_FFFFUL))
        || ((shortLengths & 8) != 0 && Passes(filter, shift, window & 0xFFFF_FFFF_FFFFUL));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Passes(ulong[] filter, int shift, ulong key)
    {
        int slot = Slot(key, shift);
        return (filter[slot >> 6] & (1UL << (slot & 63))) != 0;
    }

    // Multiplicative hashing. Keys of different lengths may collide ("ab" and "ab\0\0"): that only costs a walk.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Slot(ulong key, int shift) => (int)((key * 0x9E3779B97F4A7C15UL) >> shift);

    // The key of eight characters: the two windows mixed, so that Slot's multiplication sees both.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong LongKey(ulong first, ulong second) => first ^ (second * 0xC2B2AE3D27D4EB4FUL);

    private static ulong Key(ReadOnlySpan<char> prefix)
    {
        ulong key = 0;
        for (int i = 0; i < prefix.Length; i++)
            key |= (ulong)prefix[i] << (16 * i);
        return key;
    }

    // Follows the trie along the text from position 'start', reporting every needle that ends on the way.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Walk<TSink>(ReadOnlySpan<char> text, int start, ref TSink sink)
        where TSink : struct, INeedleSink
    {
        int state = 0;
        for (int i = start; i < text.Length;)
        {
            char c = text[i++];
            state = state == 0 && c < 128 ? _rootAscii[c] : Child(state, c);
            if (state <= 0)
                return;
            int chain = _chainLength[state];
            if (chain != 0)
            {
                // No needle ends inside a chain: the text must hold all of it, or nothing more is found.
                if (chain > text.Length - i || !text.Slice(i, chain).SequenceEqual(_labels.AsSpan(_chainStart[state], chain)))
                    return;
                i += chain;
                state = _chainEnd[state];
            }
            int first = _outputStart[state];
            for (int o = 0; o < _outputCount[state]; o++)
                sink.Found(_outputIds[first + o], start, i);
        }
    }

    // The child of 'state' on 'c', or -1: a binary search of the sorted children.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Child(int state, char c)
    {
        int low = _childStart[state];
        int high = low + _childCount[state] - 1;
        while (low <= high)
        {
            int middle = (low + high) >>> 1;
            char key = _childChar[middle];
            if (key == c)
                return _childNext[middle];
            if (key < c)
                low = middle + 1;
            else
                high = middle - 1;
        }
        return -1;
    }
}

/// <summary>Receives the needles a <see cref="NeedleIndex"/> finds: the needle's id and where it occurs.</summary>
internal interface INeedleSink
{
    /// <summary>The needle <paramref name="id"/> occurs at <c>text[start..end]</c>.</summary>
    void Found(int id, int start, int end);
}

/// <summary>Fires the prefilter atom of every needle found.</summary>
internal readonly struct AtomFiring(CandidateSet candidates) : INeedleSink
{
    public void Found(int id, int start, int end) => candidates.Fire(id);
}
