using System;
using System.Collections.Generic;

namespace SigmaCompile.RuleSets;

/// <summary>
/// Reports every needle that occurs in a folded text, whatever the number of needles: a filter on the first
/// characters of the needles rejects most positions of the text in about a nanosecond each, and at the few
/// positions it lets through a walk down a trie of the needles reports those that start there.
/// </summary>
/// <remarks>
/// The filter is a bit table hashed from a needle's first four characters (from all of them when it is shorter, in
/// one class per length). Every needle sets its bit, so a position where a needle starts is never rejected; other
/// positions pass now and then and cost a short trie walk. This replaced an Aho–Corasick automaton, which spends
/// a dependent table lookup on every character: the rule set's keyword pass over every string of an event got
/// several times faster.
/// </remarks>
internal sealed class NeedleIndex
{
    private const int FilterLength = 4;

    private readonly ulong[] _filter;
    private readonly int _shift;
    // Which needle lengths below FilterLength occur (bit n for length n), and whether longer ones do.
    private readonly int _shortLengths;
    private readonly bool _hasLong;

    // The trie: the root's ASCII children in a dense table, every node's children flat and sorted.
    private readonly int[] _rootAscii = new int[128];
    private readonly int[] _childStart;
    private readonly int[] _childCount;
    private readonly char[] _childChar;
    private readonly int[] _childNext;
    private readonly int[] _outputStart;
    private readonly int[] _outputCount;
    private readonly int[] _outputAtoms;

    public NeedleIndex(IReadOnlyList<(string Needle, int Atom)> needles)
    {
        var children = new List<SortedDictionary<char, int>> { new() };
        var outputs = new List<List<int>> { new() };
        var keys = new HashSet<ulong>();
        foreach ((string needle, int atom) in needles)
        {
            if (needle.Length == 0)
                continue;
            int state = 0;
            foreach (char c in needle)
            {
                if (!children[state].TryGetValue(c, out int next))
                {
                    next = children.Count;
                    children[state][c] = next;
                    children.Add(new SortedDictionary<char, int>());
                    outputs.Add(new List<int>());
                }
                state = next;
            }
            outputs[state].Add(atom);
            int length = Math.Min(needle.Length, FilterLength);
            if (length < FilterLength)
                _shortLengths |= 1 << length;
            else
                _hasLong = true;
            keys.Add(Key(needle.AsSpan(0, length)));
        }

        // About 16 bits per key: a position that starts no needle passes the filter about one time in sixteen.
        int bits = 10;
        while ((1L << bits) < keys.Count * 16L && bits < 24)
            bits++;
        _shift = 64 - bits;
        _filter = new ulong[(1 << bits) / 64];
        foreach (ulong key in keys)
        {
            int slot = Slot(key);
            _filter[slot >> 6] |= 1UL << (slot & 63);
        }

        int count = children.Count;
        _childStart = new int[count];
        _childCount = new int[count];
        _outputStart = new int[count];
        _outputCount = new int[count];
        var flatChars = new List<char>();
        var flatNext = new List<int>();
        var flatOutputs = new List<int>();
        for (int s = 0; s < count; s++)
        {
            _childStart[s] = flatChars.Count;
            _childCount[s] = children[s].Count;
            foreach (KeyValuePair<char, int> child in children[s])
            {
                flatChars.Add(child.Key);
                flatNext.Add(child.Value);
            }
            _outputStart[s] = flatOutputs.Count;
            _outputCount[s] = outputs[s].Count;
            flatOutputs.AddRange(outputs[s]);
        }
        _childChar = flatChars.ToArray();
        _childNext = flatNext.ToArray();
        _outputAtoms = flatOutputs.ToArray();
        foreach (KeyValuePair<char, int> child in children[0])
        {
            if (child.Key < 128)
                _rootAscii[child.Key] = child.Value;
        }
    }

    /// <summary>Reports the atom of every needle occurring in <paramref name="folded"/> to <paramref name="candidates"/>.</summary>
    public void Scan(ReadOnlySpan<char> folded, CandidateSet candidates)
    {
        int end = folded.Length - FilterLength;
        for (int i = 0; i <= end; i++)
        {
            ulong window = folded[i] | (ulong)folded[i + 1] << 16 | (ulong)folded[i + 2] << 32 | (ulong)folded[i + 3] << 48;
            if ((_hasLong && Passes(window)) || (_shortLengths != 0 && PassesShort(window)))
                Walk(folded[i..], candidates);
        }
        // The last few positions are too short for the filter's window: walk from each.
        for (int i = Math.Max(0, end + 1); i < folded.Length; i++)
            Walk(folded[i..], candidates);
    }

    private bool PassesShort(ulong window)
    {
        for (int length = 1; length < FilterLength; length++)
        {
            if ((_shortLengths & (1 << length)) != 0 && Passes(window & ((1UL << (16 * length)) - 1)))
                return true;
        }
        return false;
    }

    private bool Passes(ulong key)
    {
        int slot = Slot(key);
        return (_filter[slot >> 6] & (1UL << (slot & 63))) != 0;
    }

    // Multiplicative hashing. Keys of different lengths may collide ("ab" and "ab\0\0"): that only costs a walk.
    private int Slot(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);

    private static ulong Key(ReadOnlySpan<char> prefix)
    {
        ulong key = 0;
        for (int i = 0; i < prefix.Length; i++)
            key |= (ulong)prefix[i] << (16 * i);
        return key;
    }

    // Follows the trie along the text from its first character, reporting every needle that ends on the way.
    private void Walk(ReadOnlySpan<char> text, CandidateSet candidates)
    {
        int state = 0;
        foreach (char c in text)
        {
            state = state == 0 && c < 128 ? _rootAscii[c] : Child(state, c);
            if (state <= 0)
                return;
            int start = _outputStart[state];
            for (int o = 0; o < _outputCount[state]; o++)
                candidates.Fire(_outputAtoms[start + o]);
        }
    }

    // The child of 'state' on 'c', or -1: a binary search of the sorted children.
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
