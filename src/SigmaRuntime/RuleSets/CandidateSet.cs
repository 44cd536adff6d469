using System;
using System.Runtime.CompilerServices;
using System.Text.Json;
using SigmaCompile.Matching;

namespace SigmaCompile.RuleSets;

/// <summary>
/// Per-event scratch: which prefilter atoms fired and which rules they make candidates, and which nodes of the
/// field-path trie the prefilter's walk reached with what value (which the candidates' predicates then read instead
/// of looking their fields up again). Reused across events (one per thread), cleared by resetting only what was touched.
/// </summary>
internal sealed class CandidateSet
{
    private readonly RuleSetIndex _index;
    private readonly ulong[] _atomsFired;
    private readonly ulong[] _rules;
    private readonly int[] _touchedRuleWords;
    private readonly bool[] _ruleWordTouched;
    private readonly int[] _firedAtoms;
    private int _touched;
    private int _fired;
    // Per trie node, what the walk met this event (NotReached, ReachedOnce, ReachedOtherwise), and the value it
    // reached; the nodes touched, to forget them at Clear.
    private readonly byte[] _nodeStates;
    private readonly JsonElement[] _nodeValues;
    private readonly int[] _reachedNodes;
    private int _reached;

    private const byte NotReached = 0;
    private const byte ReachedOnce = 1;
    private const byte ReachedOtherwise = 2;

    public CandidateSet(RuleSetIndex index)
    {
        _index = index;
        _nodeStates = new byte[index.NodeCount];
        _nodeValues = new JsonElement[index.NodeCount];
        _reachedNodes = new int[index.NodeCount];
        int firing = index.FiringCount;
        _atomsFired = new ulong[(firing + 63) / 64];
        _firedAtoms = new int[firing];
        _rules = new ulong[(index.RuleCount + 63) / 64];
        _touchedRuleWords = new int[_rules.Length];
        _ruleWordTouched = new bool[_rules.Length];
    }

    public RuleSetIndex Index => _index;

    /// <summary>The cache of short strings (the keyword pass's, and the field pass's with the keyword atoms), made when first needed.</summary>
    public StringAtomCache Strings => _strings ??= StringAtomCache.Short();

    /// <summary>The cache of long strings (the field pass's with the keyword atoms, and the keyword pass's), made when first needed.</summary>
    public StringAtomCache LongStringAtoms => _longStringAtoms ??= StringAtomCache.Long();

    private StringAtomCache? _strings;
    private StringAtomCache? _longStringAtoms;

    /// <summary>
    /// The prefilter's walk reached trie node <paramref name="node"/> with <paramref name="value"/>; plainly when
    /// every step from the root was a property named exactly as the path's segment (no array, no dotted name).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Reached(int node, JsonElement value, bool plain)
    {
        ref byte state = ref _nodeStates[node];
        if (state == NotReached)
        {
            state = plain ? ReachedOnce : ReachedOtherwise;
            _nodeValues[node] = value;
            _reachedNodes[_reached++] = node;
        }
        else
        {
            state = ReachedOtherwise;
        }
    }

    /// <summary>
    /// Where the walk found the path whose trie nodes are <paramref name="route"/> (see
    /// <see cref="RuleSetIndex.Route"/>). The walk reads every property along every way a path can be spelt in an
    /// event (arrays, dotted names), so a last node it never reached means the path is missing. A whole route whose
    /// nodes it reached once each, every time plainly, holds the one value <see cref="FieldPath"/> would find
    /// there. Anything else (a duplicate name, a dotted or escaped name, an array on the way, a route that stops
    /// before a '*', a path with no route) is <see cref="FieldReach.Several"/>: the caller looks the path up itself.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public FieldReach Find(PathRoute route, out JsonElement value)
    {
        value = default;
        if (route.Nodes is not int[] nodes)
            return FieldReach.Several;
        int last = nodes[^1];
        byte state = _nodeStates[last];
        if (state == NotReached)
            return FieldReach.Missing;
        if (state != ReachedOnce || !route.Whole)
            return FieldReach.Several;
        for (int i = 0; i < nodes.Length - 1; i++)
        {
            if (_nodeStates[nodes[i]] != ReachedOnce)
                return FieldReach.Several;
        }
        value = _nodeValues[last];
        return FieldReach.One;
    }

    /// <summary>Whether atom <paramref name="atom"/> fired this event.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool HasFired(int atom) => (_atomsFired[atom >> 6] & (1UL << (atom & 63))) != 0;

    /// <summary>
    /// Whether every string the keyword pass met this event was ASCII text: only then does a keyword atom's firing
    /// mean that its value is in some string as the matchers compare (see <see cref="KeywordAnswers"/>).
    /// </summary>
    public bool KeywordTextAscii => !_keywordTextNotAscii;

    private bool _keywordTextNotAscii;

    /// <summary>The keyword pass met a string that is not all ASCII this event.</summary>
    public void NoteKeywordTextNotAscii() => _keywordTextNotAscii = true;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Fire(int atom)
    {
        ref ulong word = ref _atomsFired[atom >> 6];
        ulong bit = 1UL << (atom & 63);
        if ((word & bit) != 0)
            return;
        word |= bit;
        _firedAtoms[_fired++] = atom;
        ReadOnlySpan<int> rules = _index.RulesOf(atom);
        foreach (int rule in rules)
            Mark(rule);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Mark(int rule)
    {
        int w = rule >> 6;
        _rules[w] |= 1UL << (rule & 63);
        if (!_ruleWordTouched[w])
        {
            _ruleWordTouched[w] = true;
            _touchedRuleWords[_touched++] = w;
        }
    }

    /// <summary>The candidate rule indices in ascending order, written to <paramref name="destination"/>; returns the count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Candidates(Span<int> destination)
    {
        // Touched words are unordered; sort the few touched word indices first.
        _touchedRuleWords.AsSpan(0, _touched).Sort();
        int count = 0;
        for (int t = 0; t < _touched; t++)
        {
            int w = _touchedRuleWords[t];
            ulong bits = _rules[w];
            while (bits != 0)
            {
                int bit = System.Numerics.BitOperations.TrailingZeroCount(bits);
                destination[count++] = (w << 6) + bit;
                bits &= bits - 1;
            }
        }
        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Clear()
    {
        for (int t = 0; t < _touched; t++)
        {
            int w = _touchedRuleWords[t];
            _rules[w] = 0;
            _ruleWordTouched[w] = false;
        }
        _touched = 0;
        for (int f = 0; f < _fired; f++)
            _atomsFired[_firedAtoms[f] >> 6] = 0;
        _fired = 0;
        _keywordTextNotAscii = false;
        for (int n = 0; n < _reached; n++)
        {
            _nodeStates[_reachedNodes[n]] = NotReached;
            _nodeValues[_reachedNodes[n]] = default;
        }
        _reached = 0;
    }
}
