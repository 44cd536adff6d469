using System;
using System.Buffers;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
/// what is left could start there. Where no needle is shorter than four characters, or the shortest have two or
/// three and others more, a block filter of every needle's first four (or two or three) characters is read before
/// the others, eight positions at once with vector instructions where the processor has them, so that most
/// positions cost an eighth of one read. A walk that does start follows real text for many characters (a path, a
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
    // The filter read first at every position, 64 positions at a time (see Scan): every needle's first four
    // characters where none is shorter, or its first two or three where the shortest have that many and others more
    // (otherwise each position would cost a probe for the short needles and one for the rest: docs/performance.md,
    // "One probe per position"); null where some needle has one character, or none has four. Keyed on the low bytes
    // of the characters, so that a key is one 32-bit word and eight positions are hashed and looked up at once with
    // vector instructions (docs/performance.md, "Eight positions a step"); characters that share a low byte share a
    // key, which only lets a few more positions through to the filters after it.
    private readonly uint[]? _blockFilter;
    private readonly int _blockShift;
    private readonly uint _blockMask;

    // The trie: the root's ASCII children in a dense table, and every node one run of ints in _trie, named by where
    // it starts there (the root at 0): three ints (the Node constants below), then its children's characters in
    // order, then where each child starts. A step of a walk reads its node and its children from one or two
    // adjacent cache lines: the trie of a large field is mostly out of the processor's cache when a scan starts,
    // and with the children in arrays of their own a step waited for three lines (docs/performance.md, "Trie nodes
    // that hold their children"; before, "Trie nodes side by side").
    private readonly int[] _rootAscii = new int[128];
    private readonly int[] _trie;
    private readonly int[] _outputIds;
    // Chains: from a node with one child and no needle ending there, the characters down to the next node that
    // branches or ends a needle (their length, where they start in _labels, and that node), compared in one go.
    // A chain's first node has no children and no needle ends there, so its chain takes their places.
    private readonly char[] _labels;

    // A node's first three ints in _trie. A node that starts a chain keeps minus its length, its start in _labels and
    // its end where any other node keeps its child count, its needle count and its first needle.
    private const int NodeInts = 3;
    private const int NodeChildCount = 0;  // how many children; a chain: minus its length (so below zero)
    private const int NodeOutputCount = 1; // how many needles end here; a chain: where it starts in _labels
    private const int NodeOutputs = 2;     // where its needles start in _outputIds; a chain: the node at its end

    /// <param name="needles">Folded needles, each with the id reported when it is found (ids may repeat).</param>
    public NeedleIndex(IReadOnlyList<(string Needle, int Id)> needles)
    {
        // Run once over thousands of entries: precompiled, as RuleSetIndex's constructor is.
        // Sorted ordinally, the needles below a trie node are contiguous and its children come in character order,
        // so the flat trie is built breadth-first from index ranges, without a node object per state. Working arrays
        // are sized for the worst case and rented from the shared pool: this runs on a scan's first events, a few
        // hundred times for a large rule set, and fresh arrays fault their memory in (measured: docs/performance.md).
        Entry[] sorted = ArrayPool<Entry>.Shared.Rent(needles.Count);
        int count = 0, characters = 0, maxDepth = 0;
        foreach ((string needle, int id) in needles)
        {
            if (needle.Length == 0)
                continue;
            sorted[count++] = new Entry(needle, id);
            characters += needle.Length;
            maxDepth = Math.Max(maxDepth, needle.Length);
            if (needle.Length < FilterLength)
                _shortLengths |= 1 << needle.Length;
            else
                _hasLong = true;
        }
        Span<Entry> entries = sorted.AsSpan(0, count);
        Sort(entries, 2 * (BitOperations.Log2((uint)count) + 1));

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
        int shortest = _shortLengths == 0 ? FilterLength : BitOperations.TrailingZeroCount(_shortLengths);
        int blockLength = shortest is 2 or 3 && _hasLong ? shortest : _shortLengths == 0 && count > 0 ? FilterLength : 0;
        if (blockLength > 0)
        {
            (_blockFilter, _blockShift) = BlockFilter(entries, blockLength);
            _blockMask = blockLength switch { 2 => 0xFFFFu, 3 => 0xFF_FFFFu, _ => uint.MaxValue };
        }
        _hasSecond = longCount > 0;
        (_middleFilter, _middleShift) = Filter(middleKeys.AsSpan(0, middleCount));
        (_longFilter, _longShift) = Filter(longKeys.AsSpan(0, longCount));
        ArrayPool<ulong>.Shared.Return(keys);
        ArrayPool<ulong>.Shared.Return(middleKeys);
        ArrayPool<ulong>.Shared.Return(longKeys);

        // Below a node, every sorted needle of its range spells the same chain: the first one's characters are its label.
        _labels = new char[characters];
        var labelStarts = new int[count];
        for (int n = 0, at = 0; n < count; at += entries[n].Needle.Length, n++)
        {
            entries[n].Needle.CopyTo(_labels.AsSpan(at));
            labelStarts[n] = at;
        }

        // The trie is built already compressed, breadth-first from index ranges: a walk stands only on the root, the
        // nodes where a needle ends or the needles part (kept nodes), and the first node of each run of nodes with one
        // child and no needle ending (a chain, compared with the text in one go, down to the kept node at its end).
        // Each pending node: the range of sorted needles below it and its depth; node ids are queue positions. Every
        // node but the root ends a needle, parts needles or starts a chain to one that does, so there are at most
        // 4 per needle: the working space grows with the needles, not with their characters (which it did when the
        // trie was built a node per character and its chains taken out after; docs/performance.md).
        int capacity = 4 * count + 2;
        int[] pendingLow = ArrayPool<int>.Shared.Rent(capacity);
        int[] pendingHigh = ArrayPool<int>.Shared.Rent(capacity);
        int[] pendingDepth = ArrayPool<int>.Shared.Rent(capacity);
        int[] childStart = ArrayPool<int>.Shared.Rent(capacity);
        int[] childCount = ArrayPool<int>.Shared.Rent(capacity);
        int[] outputStart = ArrayPool<int>.Shared.Rent(capacity);
        int[] outputCount = ArrayPool<int>.Shared.Rent(capacity);
        int[] chainLength = ArrayPool<int>.Shared.Rent(capacity);
        int[] chainStart = ArrayPool<int>.Shared.Rent(capacity);
        int[] chainEnd = ArrayPool<int>.Shared.Rent(capacity);
        char[] chars = ArrayPool<char>.Shared.Rent(capacity);
        int[] next = ArrayPool<int>.Shared.Rent(capacity);
        int[] outputs = ArrayPool<int>.Shared.Rent(count);
        int nodes = 1, edges = 0, found = 0;
        pendingLow[0] = 0;
        pendingHigh[0] = count;
        pendingDepth[0] = 0;
        chainLength[0] = chainStart[0] = chainEnd[0] = 0;
        for (int node = 0; node < nodes; node++)
        {
            int low = pendingLow[node], high = pendingHigh[node], depth = pendingDepth[node];
            outputStart[node] = found;
            childStart[node] = edges;
            if (chainLength[node] != 0)
            {
                // A chain's first node: no needle ends here and it has no children of its own.
                outputCount[node] = 0;
                childCount[node] = 0;
                continue;
            }
            while (low < high && entries[low].Needle.Length == depth)
                outputs[found++] = entries[low++].Id; // needles ending here sort first
            outputCount[node] = found - outputStart[node];
            while (low < high)
            {
                string first = entries[low].Needle;
                char c = first[depth];
                int end = low + 1;
                while (end < high && entries[end].Needle[depth] == c)
                    end++;
                // The needles of the range share their first 'shared' characters; below depth + 1, while they all go
                // on alike and none ends, the child starts a chain down to the kept node at that depth.
                int shared = depth + 1 + first.AsSpan(depth + 1).CommonPrefixLength(entries[end - 1].Needle.AsSpan(depth + 1));
                chars[edges] = c;
                next[edges++] = nodes;
                pendingLow[nodes] = low;
                pendingHigh[nodes] = end;
                pendingDepth[nodes] = depth + 1;
                if (shared > depth + 1)
                {
                    chainLength[nodes] = shared - depth - 1;
                    chainStart[nodes] = labelStarts[low] + depth + 1;
                    chainEnd[nodes] = nodes + 1;
                    nodes++;
                    pendingLow[nodes] = low;
                    pendingHigh[nodes] = end;
                    pendingDepth[nodes] = shared;
                }
                chainLength[nodes] = chainStart[nodes] = chainEnd[nodes] = 0; // rented arrays hold old values
                nodes++;
                low = end;
            }
            childCount[node] = edges - childStart[node];
        }

        // The tables number the nodes by depth, and within a depth in the order of their needles, as a breadth-first
        // walk of the whole trie meets them: the nodes near the root, which every walk reads, lie together (numbered
        // in the order built, chain ends came early and scattered them, and matching measured slower: see
        // docs/performance.md). No two nodes share a depth and a first needle: two stable counting sorts, by first
        // needle, then by depth.
        int[] byLow = ArrayPool<int>.Shared.Rent(nodes);
        int[] byNumber = pendingHigh; // no longer needed: reused for the node each number stands for
        for (int node = 0; node < nodes; node++)
            byNumber[node] = node;
        CountingSort(pendingLow, count + 1, byNumber.AsSpan(0, nodes), byLow);
        CountingSort(pendingDepth, maxDepth + 1, byLow.AsSpan(0, nodes), byNumber);
        int[] renumbered = byLow; // each node's number
        for (int id = 0; id < nodes; id++)
            renumbered[byNumber[id]] = id;
        // Each node's start in _trie, in that order (the chains' nodes hold no children).
        int[] starts = pendingDepth; // no longer needed: reused, indexed by node
        int size = 0;
        for (int id = 0; id < nodes; id++)
        {
            int node = byNumber[id];
            starts[node] = size;
            size += NodeInts + (chainLength[node] != 0 ? 0 : 2 * childCount[node]);
        }
        _trie = new int[size];
        _outputIds = new int[found];
        for (int id = 0, output = 0; id < nodes; id++)
        {
            int node = byNumber[id];
            int at = starts[node];
            if (chainLength[node] != 0)
            {
                _trie[at + NodeChildCount] = -chainLength[node];
                _trie[at + NodeOutputCount] = chainStart[node];
                _trie[at + NodeOutputs] = starts[chainEnd[node]];
                continue;
            }
            _trie[at + NodeChildCount] = childCount[node];
            _trie[at + NodeOutputCount] = outputCount[node];
            _trie[at + NodeOutputs] = output;
            outputs.AsSpan(outputStart[node], outputCount[node]).CopyTo(_outputIds.AsSpan(output));
            output += outputCount[node];
            for (int k = 0; k < childCount[node]; k++)
            {
                int e = childStart[node] + k;
                _trie[at + NodeInts + k] = chars[e];
                _trie[at + NodeInts + childCount[node] + k] = starts[next[e]];
            }
        }
        for (int k = 0; k < _trie[NodeChildCount]; k++)
        {
            int c = _trie[NodeInts + k];
            if (c < 128)
                _rootAscii[c] = _trie[NodeInts + _trie[NodeChildCount] + k];
        }
        foreach (int[] array in (ReadOnlySpan<int[]>)[pendingLow, pendingHigh, pendingDepth, childStart, childCount, outputStart, outputCount, next, chainLength, chainStart, chainEnd, renumbered, outputs])
            ArrayPool<int>.Shared.Return(array);
        ArrayPool<char>.Shared.Return(chars);
        sorted.AsSpan(0, count).Clear(); // it holds the needles; the rest of the rented array is as it came
        ArrayPool<Entry>.Shared.Return(sorted);
    }

    /// <summary>Whether each position is first checked against every needle's first two or three characters (for tests).</summary>
    internal bool HasPrefixFilter => _blockMask is 0xFFFFu or 0xFF_FFFFu;

    /// <summary>Whether positions are first checked 64 at a time against the block filter (for tests).</summary>
    internal bool HasBlockFilter => _blockFilter is not null;

    /// <summary>
    /// Whether the block filter is read eight positions at a time with vector instructions where the processor has
    /// them (AVX2); tests turn it off to check the one-at-a-time reads that serve elsewhere. The processor is asked only
    /// in the scan: code that asks for a processor feature may be left out of the precompiled image, where the
    /// constructor belongs (docs/performance.md, "Eight positions a step").
    /// </summary>
    internal bool VectorBlocks { get; set; } = true;

    private readonly record struct Entry(string Needle, int Id);

    // Writes the items (node numbers) into sorted, in order of key[item] (each below keys), keeping the order of
    // items with equal keys. Precompiled: at tier 0 its loops over every node ran unoptimised, then were compiled
    // twice more on a scan's first builds (docs/performance.md, "The scan's first pass").
    private static void CountingSort(int[] key, int keys, ReadOnlySpan<int> items, int[] sorted)
    {
        int[] starts = ArrayPool<int>.Shared.Rent(keys + 1);
        Span<int> start = starts.AsSpan(0, keys + 1);
        start.Clear();
        foreach (int item in items)
            start[key[item] + 1]++;
        for (int k = 1; k <= keys; k++)
            start[k] += start[k - 1];
        foreach (int item in items)
            sorted[start[key[item]]++] = item;
        ArrayPool<int>.Shared.Return(starts);
    }

    // A bit table with about 64 bits per key (repeated keys set the same bit): a position that starts no needle
    // passes about one time in 64.
    private static (ulong[] Filter, int Shift) Filter(ReadOnlySpan<ulong> keys)
    {
        int bits = FilterBits(keys.Length);
        int shift = 64 - bits;
        var filter = new ulong[(1 << bits) / 64];
        foreach (ulong key in keys)
        {
            int slot = Slot(key, shift);
            filter[slot >> 6] |= 1UL << (slot & 63);
        }
        return (filter, shift);
    }

    // A bit table's size, as a power of two: about 64 bits per key, from 2^10 to 2^24 bits.
    private static int FilterBits(int keys)
    {
        int bits = 10;
        while ((1L << bits) < keys * 64L && bits < 24)
            bits++;
        return bits;
    }

    // The block filter's bit table: as Filter, keyed on the low bytes of each needle's first 'length' characters
    // (repeated keys set the same bit). No array of keys: a new element type for the shared array pool was a dozen
    // more methods for the JIT on a scan's first table builds.
    private static (uint[] Filter, int Shift) BlockFilter(ReadOnlySpan<Entry> entries, int length)
    {
        int bits = FilterBits(entries.Length);
        int shift = 32 - bits;
        var filter = new uint[(1 << bits) / 32];
        foreach (Entry entry in entries)
        {
            uint slot = BlockSlot(ByteKey(entry.Needle.AsSpan(0, length)), shift);
            filter[slot >> 5] |= 1u << (int)(slot & 31);
        }
        return (filter, shift);
    }

    // The block filter's multiplicative hash; the eight-position reads in BlockPasses multiply by the same.
    private const uint BlockMultiplier = 0x9E3779B1u;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint BlockSlot(uint key, int shift) => (key * BlockMultiplier) >> shift;

    // The low bytes of up to four characters, the first in the lowest.
    private static uint ByteKey(ReadOnlySpan<char> prefix)
    {
        uint key = 0;
        for (int i = 0; i < prefix.Length; i++)
            key |= (uint)(byte)prefix[i] << (8 * i);
        return key;
    }

    // Sorts ordinally by needle, then by id (so equal needles report their ids in a fixed order). A quicksort,
    // precompiled, with its comparison inlined: the framework's generic sort over these entries was
    // about twenty methods compiled, and run unoptimised, on a scan's first builds (docs/performance.md, "Needle
    // indexes sorted in place"). A range that recurses deeper than depth (never seen on real needles) falls back to
    // the framework's sort, which bounds the worst case.
    private static void Sort(Span<Entry> entries, int depth)
    {
        while (entries.Length > 16)
        {
            if (depth-- == 0)
            {
                entries.Sort(new EntryOrder());
                return;
            }
            int middle = entries.Length / 2, last = entries.Length - 1;
            if (Before(entries[middle], entries[0]))
                (entries[0], entries[middle]) = (entries[middle], entries[0]);
            if (Before(entries[last], entries[0]))
                (entries[0], entries[last]) = (entries[last], entries[0]);
            if (Before(entries[last], entries[middle]))
                (entries[middle], entries[last]) = (entries[last], entries[middle]);
            Entry pivot = entries[middle];
            int i = 0, j = last;
            while (i <= j)
            {
                while (Before(entries[i], pivot))
                    i++;
                while (Before(pivot, entries[j]))
                    j--;
                if (i <= j)
                {
                    (entries[i], entries[j]) = (entries[j], entries[i]);
                    i++;
                    j--;
                }
            }
            // Recursion on the smaller side, the loop on the larger: the stack stays logarithmic.
            if (j + 1 < entries.Length - i)
            {
                Sort(entries[..(j + 1)], depth);
                entries = entries[i..];
            }
            else
            {
                Sort(entries[i..], depth);
                entries = entries[..(j + 1)];
            }
        }
        for (int k = 1; k < entries.Length; k++)
        {
            Entry item = entries[k];
            int m = k - 1;
            for (; m >= 0 && Before(item, entries[m]); m--)
                entries[m + 1] = entries[m];
            entries[m + 1] = item;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Before(in Entry a, in Entry b) =>
        string.CompareOrdinal(a.Needle, b.Needle) is var order && (order < 0 || (order == 0 && a.Id < b.Id));

    private readonly struct EntryOrder : IComparer<Entry>
    {
        public int Compare(Entry a, Entry b) =>
            string.CompareOrdinal(a.Needle, b.Needle) is var order and not 0 ? order : a.Id.CompareTo(b.Id);
    }

    /// <summary>Reports every occurrence of a needle in <paramref name="folded"/> to <paramref name="sink"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    public void Scan<TSink>(ReadOnlySpan<char> folded, ref TSink sink)
        where TSink : struct, INeedleSink
    {
        int end = folded.Length - FilterLength;
        // The fields in locals, and each window one unaligned 8-byte read of four characters (the first in the low
        // bits, as Key builds it): this loop is the cost of scanning a long value (docs/performance.md).
        ulong[] filter = _filter;
        int shift = _shift;
        int shortLengths = _shortLengths;
        ref byte text = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(folded));
        // The positions are taken 64 at a time: first the first filter is read at each, without a branch, into a mask
        // of those that pass; then only those are checked further and walked. A filter that the event's other scans
        // have left out of the processor's cache costs a miss at nearly every position, and reads that depend on no
        // branch are waited for together rather than one after another (docs/performance.md, "Filter reads
        // waited for together"). The first filter is the block filter; a position that passes it is checked against
        // the others as any position is below.
        if (_blockFilter is not null)
        {
            // The text's low bytes, a block at a time (with the next few, which the block's last windows reach), then
            // the block filter at every position of the block into a mask.
            Span<byte> bytes = stackalloc byte[BlockBytes];
            for (int block = 0; block <= end; block += 64)
            {
                LowBytes(folded, block, bytes);
                ulong mask = BlockPasses(bytes, Math.Min(64, end - block + 1));
                for (; mask != 0; mask &= mask - 1)
                {
                    int i = block + BitOperations.TrailingZeroCount(mask);
                    ulong window = Window(folded, ref text, i);
                    if ((Passes(filter, shift, window) && PassesSecond(folded, ref text, i, window))
                        || PassesShort(filter, shift, shortLengths, window))
                        Walk(folded, i, ref sink);
                }
            }
        }
        else
        {
            // Short needles and no prefix filter: several filters may be read at a position, one after another.
            bool hasLong = _hasLong;
            for (int i = 0; i <= end; i++)
            {
                ulong window = Window(folded, ref text, i);
                if ((hasLong && Passes(filter, shift, window) && PassesSecond(folded, ref text, i, window))
                    || PassesShort(filter, shift, shortLengths, window))
                    Walk(folded, i, ref sink);
            }
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

    // A block's 64 windows of four reach 67 characters; the vector loads of eight windows read 16 bytes from each
    // eighth position, so 72; and the characters are narrowed sixteen at a time.
    private const int BlockBytes = 80;

    // bytes[k] = the low byte of folded[block + k], as far as the text goes. What lies past its end is left as it was:
    // only the windows of positions past the block's last are read from there, and the mask leaves them out.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LowBytes(ReadOnlySpan<char> folded, int block, Span<byte> bytes)
    {
        ref ushort chars = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(folded));
        ref byte target = ref MemoryMarshal.GetReference(bytes);
        int available = Math.Min(BlockBytes, folded.Length - block);
        int k = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            for (; k + 2 * Vector128<ushort>.Count <= available; k += 2 * Vector128<ushort>.Count)
            {
                Vector128<ushort> lower = Vector128.LoadUnsafe(ref chars, (nuint)(block + k));
                Vector128<ushort> upper = Vector128.LoadUnsafe(ref chars, (nuint)(block + k + Vector128<ushort>.Count));
                Vector128.Narrow(lower, upper).StoreUnsafe(ref target, (nuint)k);
            }
        }
        for (; k < available; k++)
            bytes[k] = (byte)folded[block + k];
    }

    // Which of the first 'count' positions of the block pass the block filter, bit k for position k.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private unsafe ulong BlockPasses(Span<byte> bytes, int count)
    {
        uint[] filter = _blockFilter!;
        int shift = _blockShift;
        uint keyMask = _blockMask;
        ulong mask = 0;
        if (VectorBlocks && Avx2.IsSupported)
        {
            // Eight windows from one 16-byte load: bytes j..j+3, j+1..j+4, ... j+7..j+10.
            Vector256<byte> windows = Vector256.Create(
                (byte)0, 1, 2, 3, 1, 2, 3, 4, 2, 3, 4, 5, 3, 4, 5, 6,
                4, 5, 6, 7, 5, 6, 7, 8, 6, 7, 8, 9, 7, 8, 9, 10);
            Vector256<uint> golden = Vector256.Create(BlockMultiplier);
            Vector256<uint> keyMasks = Vector256.Create(keyMask);
            Vector256<uint> one = Vector256.Create(1u);
            fixed (uint* table = filter)
            fixed (byte* text = bytes)
            {
                for (int j = 0; j < count; j += 8)
                {
                    Vector128<byte> loaded = Sse2.LoadVector128(text + j);
                    Vector256<uint> keys = Avx2.Shuffle(Vector256.Create(loaded, loaded), windows).AsUInt32() & keyMasks;
                    Vector256<uint> slots = Vector256.ShiftRightLogical(Avx2.MultiplyLow(keys, golden), shift);
                    Vector256<uint> words = Avx2.GatherVector256(table, Avx2.ShiftRightLogical(slots, 5).AsInt32(), 4);
                    Vector256<uint> bits = Avx2.ShiftRightLogicalVariable(words, slots & Vector256.Create(31u)) & one;
                    mask |= (ulong)Avx.MoveMask(Avx2.ShiftLeftLogical(bits, 31).AsSingle()) << j;
                }
            }
            return count == 64 ? mask : mask & ((1UL << count) - 1);
        }
        for (int j = 0; j < count; j++)
        {
            uint slot = BlockSlot(System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes[j..]) & keyMask, shift);
            mask |= (ulong)((filter[slot >> 5] >> (int)(slot & 31)) & 1) << j;
        }
        return mask;
    }

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
            int children = _trie[state + NodeChildCount];
            if (children < 0)
            {
                // No needle ends inside a chain: the text must hold all of it, or nothing more is found.
                int chain = -children;
                if (chain > text.Length - i || !text.Slice(i, chain).SequenceEqual(_labels.AsSpan(_trie[state + NodeOutputCount], chain)))
                    return;
                i += chain;
                state = _trie[state + NodeOutputs];
            }
            int count = _trie[state + NodeOutputCount];
            if (count != 0)
            {
                int first = _trie[state + NodeOutputs];
                for (int o = 0; o < count; o++)
                    sink.Found(_outputIds[first + o], start, i);
            }
        }
    }

    // The child of 'state' on 'c', or -1: a binary search of the sorted children.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Child(int state, char c)
    {
        int[] trie = _trie;
        int children = trie[state + NodeChildCount];
        int low = state + NodeInts;
        int high = low + children - 1;
        while (low <= high)
        {
            int middle = (low + high) >>> 1;
            int key = trie[middle];
            if (key == c)
                return trie[middle + children];
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
