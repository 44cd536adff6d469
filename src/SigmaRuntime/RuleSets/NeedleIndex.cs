using System;
using System.Collections.Generic;

namespace SigmaCompile.RuleSets;

/// <summary>
/// An Aho–Corasick automaton over folded needles: one pass over a folded text reports every needle that occurs
/// in it, whatever the number of needles. Children are stored flat and sorted; the root has a dense ASCII table.
/// </summary>
internal sealed class NeedleIndex
{
    private readonly int[] _rootAscii = new int[128];
    private readonly int[] _fail;
    private readonly int[] _childStart;
    private readonly int[] _childCount;
    private readonly char[] _childChar;
    private readonly int[] _childNext;
    private readonly int[] _outputStart;
    private readonly int[] _outputCount;
    private readonly int[] _outputAtoms;
    // The nearest state on the failure chain that has outputs of its own, or -1.
    private readonly int[] _outputLink;

    public NeedleIndex(IReadOnlyList<(string Needle, int Atom)> needles)
    {
        var children = new List<SortedDictionary<char, int>> { new() };
        var outputs = new List<List<int>> { new() };
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
        }

        int count = children.Count;
        _fail = new int[count];
        _childStart = new int[count];
        _childCount = new int[count];
        _outputStart = new int[count];
        _outputCount = new int[count];
        _outputLink = new int[count];
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

        // Breadth-first: failure links and output links.
        var queue = new Queue<int>();
        _outputLink[0] = -1;
        foreach (KeyValuePair<char, int> child in children[0])
        {
            _fail[child.Value] = 0;
            _outputLink[child.Value] = -1;
            queue.Enqueue(child.Value);
        }
        while (queue.Count > 0)
        {
            int state = queue.Dequeue();
            foreach (KeyValuePair<char, int> child in children[state])
            {
                int fallback = _fail[state];
                int target;
                while ((target = Step(fallback, child.Key)) < 0 && fallback != 0)
                    fallback = _fail[fallback];
                int f = target < 0 || target == child.Value ? 0 : target;
                _fail[child.Value] = f;
                _outputLink[child.Value] = _outputCount[f] > 0 ? f : _outputLink[f];
                queue.Enqueue(child.Value);
            }
        }
    }

    public bool IsEmpty => _childChar.Length == 0;

    // The child of 'state' on 'c', or -1.
    private int Step(int state, char c)
    {
        if (state == 0 && c < 128)
        {
            int next = _rootAscii[c];
            return next == 0 ? -1 : next;
        }
        int start = _childStart[state];
        int end = start + _childCount[state];
        for (int i = start; i < end; i++)
        {
            char key = _childChar[i];
            if (key == c)
                return _childNext[i];
            if (key > c)
                break;
        }
        return -1;
    }

    /// <summary>Reports the atom of every needle occurring in <paramref name="folded"/> to <paramref name="candidates"/>.</summary>
    public void Scan(ReadOnlySpan<char> folded, CandidateSet candidates)
    {
        int state = 0;
        foreach (char c in folded)
        {
            int next;
            while ((next = Step(state, c)) < 0 && state != 0)
                state = _fail[state];
            state = next < 0 ? 0 : next;
            for (int s = _outputCount[state] > 0 ? state : _outputLink[state]; s > 0; s = _outputLink[s])
            {
                int start = _outputStart[s];
                for (int o = 0; o < _outputCount[s]; o++)
                    candidates.Fire(_outputAtoms[start + o]);
            }
        }
    }
}
