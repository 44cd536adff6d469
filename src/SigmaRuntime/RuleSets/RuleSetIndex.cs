using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading;
using SigmaCompile.Matching;

namespace SigmaCompile.RuleSets;

/// <summary>
/// The prefilter of a generated rule set, built once from tables the generator computes. Each rule is reduced at
/// build time to a necessary condition: a set of atoms (a field equal to a value, containing a value, or having a
/// value) at least one of which holds whenever the rule matches. Per event, every field any atom uses is read once
/// by walking the event, each value is folded once, equal atoms are one hash lookup and contains atoms one
/// needle scan per value (see NeedleIndex); only rules whose atoms fired (and rules with no usable atoms) are evaluated.
/// A field's tables are built when an event first has it, so fields no event has cost nothing. The walk also notes
/// where it reached each field, those the set's predicates read included, so that they are not looked up again.
/// For generated code; the tables are an implementation detail and may change between versions.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class RuleSetIndex
{
    // Per atom (and keyword probe, which has no rules), where its rules start in _atomRules.
    private int[] _atomRuleOffsets;
    private readonly int[] _atomRules;
    private readonly int[] _alwaysRules;
    private readonly TableStrings _atomNeedles;
    private readonly PrefilterAtomKind[] _atomKinds;
    // Per field, and then the keyword atoms (any string of the event): its atoms, and its tables once built.
    private readonly int[] _fieldAtomOffsets;
    private readonly int[] _fieldAtoms;
    private readonly FieldMatchers?[] _matchers;
    private readonly object[] _locks;
    private int _tablesBuilt;
    private readonly int _keywords;
    private readonly bool _hasKeywords;
    private readonly TrieNode _root;
    private int _nodeCount;
    // The trie takes the paths a rule set's predicates read (AddReadPaths) until a walk's scratch is first made for
    // it; from then on it never changes.
    private readonly object _trieGate = new();
    private bool _trieFrozen;

    /// <summary>Builds the index from the generator's tables.</summary>
    /// <param name="ruleCount">How many rules the set has.</param>
    /// <param name="fieldPaths">Every field's paths (several mean any of them), one after the other, as UTF-8 table text.</param>
    /// <param name="fieldPathLengths">Per path, its length in bytes in <paramref name="fieldPaths"/>.</param>
    /// <param name="fieldOffsets">Per field the atoms read, where its paths start (one more entry than fields).</param>
    /// <param name="atomFields">Per atom, its field index, or -1 for a keyword atom (any string in the event).</param>
    /// <param name="atomKinds">Per atom, what it checks.</param>
    /// <param name="atomNeedles">Every atom's value (unfolded), one after the other, as UTF-8 table text (see <see cref="Utf8TableText"/>).</param>
    /// <param name="atomNeedleLengths">Per atom, the length in bytes of its value in <paramref name="atomNeedles"/>.</param>
    /// <param name="atomRuleOffsets">Per atom, where its rules start in <paramref name="atomRules"/> (one more entry than atoms).</param>
    /// <param name="atomRules">The rule indices of every atom, concatenated.</param>
    /// <param name="alwaysRules">Rules with no usable necessary condition: evaluated on every event.</param>
    public RuleSetIndex(int ruleCount, Utf8TableText fieldPaths, int[] fieldPathLengths, int[] fieldOffsets, int[] atomFields, PrefilterAtomKind[] atomKinds, Utf8TableText atomNeedles, int[] atomNeedleLengths, int[] atomRuleOffsets, int[] atomRules, int[] alwaysRules)
    {
        // Run once over every atom of the set. Like every method that builds the set and its tables, precompiled in a
        // Release build (ReadyToRun.targets): at tier 0 and again for each of its loops (on-stack replacement) it took
        // about half of the set's build (measured: docs/performance.md).
        TableStrings paths = TableStrings.Read(fieldPaths, fieldPathLengths, whole: true, nameof(fieldPaths), nameof(fieldPathLengths));
        TableError.CheckFieldOffsets(fieldOffsets, paths.Count);
        int fieldCount = fieldOffsets.Length - 1;
        ArgumentNullException.ThrowIfNull(atomFields);
        ArgumentNullException.ThrowIfNull(atomKinds);
        ArgumentNullException.ThrowIfNull(atomNeedleLengths);
        if (atomNeedleLengths.Length != atomFields.Length || atomKinds.Length != atomFields.Length)
            throw new ArgumentException("every atom needs a field, a kind and a needle length", nameof(atomNeedleLengths));
        ArgumentNullException.ThrowIfNull(atomRuleOffsets);
        ArgumentNullException.ThrowIfNull(atomRules);
        ArgumentNullException.ThrowIfNull(alwaysRules);
        RuleCount = ruleCount;
        AtomCount = atomFields.Length;
        _atomRuleOffsets = atomRuleOffsets;
        _atomRules = atomRules;
        _alwaysRules = alwaysRules;

        _atomNeedles = TableStrings.Read(atomNeedles, atomNeedleLengths, whole: false, nameof(atomNeedles), nameof(atomNeedleLengths));
        _atomKinds = atomKinds;
        // Atoms grouped by field (counted, then placed), the keyword atoms last.
        _keywords = fieldCount;
        _fieldAtomOffsets = new int[fieldCount + 3]; // counts at slot + 2, then starts at slot + 1, then ends there
        for (int atom = 0; atom < AtomCount; atom++)
        {
            int field = atomFields[atom];
            if (field < -1 || field >= fieldCount)
                throw TableError.Of("atom {0}'s field {1} is outside -1..{2}", atom, field, fieldCount - 1, nameof(atomFields));
            _fieldAtomOffsets[(field < 0 ? _keywords : field) + 2]++;
        }
        for (int f = 2; f < _fieldAtomOffsets.Length; f++)
            _fieldAtomOffsets[f] += _fieldAtomOffsets[f - 1];
        _fieldAtoms = new int[AtomCount];
        for (int atom = 0; atom < AtomCount; atom++)
        {
            int field = atomFields[atom] < 0 ? _keywords : atomFields[atom];
            _fieldAtoms[_fieldAtomOffsets[field + 1]++] = atom;
        }
        _matchers = new FieldMatchers?[fieldCount + 1];
        _locks = BuiltOnce.Gates(_matchers.Length);
        _hasKeywords = _fieldAtomOffsets[_keywords + 1] > _fieldAtomOffsets[_keywords];
        _root = new TrieNode(ref _nodeCount);
        for (int f = 0; f < fieldCount; f++)
        {
            for (int p = fieldOffsets[f]; p < fieldOffsets[f + 1]; p++)
                _root.Add(paths.String(p).Split('.'), 0, f, ref _nodeCount);
        }
        _root.Seal();
    }

    /// <summary>
    /// How many nodes the field-path trie has (the root is node 0): what a walk can note it reached. Asked by each
    /// walk's scratch when it is made (see <see cref="CandidateSet"/>), and the trie is final from then on.
    /// </summary>
    internal int NodeCount
    {
        get
        {
            lock (_trieGate)
            {
                _trieFrozen = true;
                return _nodeCount;
            }
        }
    }

    /// <summary>
    /// How many atoms and keyword probes a walk can fire (see <see cref="AddKeywordProbes"/>): asked by each walk's
    /// scratch when it is made, and final from then on.
    /// </summary>
    internal int FiringCount
    {
        get
        {
            lock (_trieGate)
            {
                _trieFrozen = true;
                return AtomCount + _keywordProbes.Length;
            }
        }
    }

    /// <summary>
    /// Keyword probes: the values of a rule set's keyword searches that no keyword atom holds, looked for by the
    /// keyword pass as the atoms are but making no rule a candidate, so that those searches too are answered from
    /// the pass (<see cref="KeywordAnswers"/>). Numbered after the atoms. Only ASCII values of
    /// <see cref="ProbeLength"/> characters or more, and only where the set has keyword atoms (a pass that runs
    /// anyway): a short needle lets many positions of every string through the needle filter. Kept as given and
    /// folded when the keyword tables are built, where a probe equal to an atom or an earlier probe is left out:
    /// the set's build only counts them. Ignored once a walk's scratch has been made.
    /// </summary>
    internal void AddKeywordProbes(IEnumerable<string> values)
    {
        lock (_trieGate)
        {
            if (_trieFrozen || !_hasKeywords)
                return;
            var probes = new List<string>(_keywordProbes);
            var seen = new HashSet<string>(_keywordProbes, StringComparer.Ordinal);
            foreach (string value in values)
            {
                if (value.Length >= ProbeLength && System.Text.Ascii.IsValid(value) && seen.Add(value))
                    probes.Add(value);
            }
            if (probes.Count == _keywordProbes.Length)
                return;
            _keywordProbes = [.. probes];
            // A probe's rules: none (its offsets repeat the last atom's end). A loop, not Fill: one generic method
            // less for the JIT while the set is built.
            var offsets = new int[AtomCount + probes.Count + 1];
            _atomRuleOffsets.AsSpan(0, AtomCount + 1).CopyTo(offsets);
            for (int i = AtomCount + 1; i < offsets.Length; i++)
                offsets[i] = offsets[AtomCount];
            _atomRuleOffsets = offsets;
        }
    }

    /// <summary>The shortest keyword probe (see <see cref="AddKeywordProbes"/>).</summary>
    internal const int ProbeLength = 4;

    private string[] _keywordProbes = [];

    /// <summary>
    /// Adds the paths a rule set's predicates read to the trie, without atoms: the walk then notes where it reached
    /// them too, and the predicates read those fields from it (<see cref="CandidateSet.Find"/>) rather than looking
    /// them up. Ignored once a walk's scratch has been made: paths left out are looked up, which answers alike.
    /// </summary>
    internal void AddReadPaths(IEnumerable<string> paths)
    {
        lock (_trieGate)
        {
            if (_trieFrozen)
                return;
            foreach (string path in paths)
                _root.Add(path.Split('.'), 0, field: -1, ref _nodeCount);
            _root.Seal();
        }
    }

    /// <summary>
    /// The trie nodes a walk passes on its way down <paramref name="path"/> (see <see cref="PathRoute"/>): all of
    /// its segments when each is in the trie, the ones before its first '*' when those are, else none (a path
    /// neither an atom nor the set's predicates read).
    /// </summary>
    internal PathRoute Route(string path)
    {
        string[] segments = path.Split('.');
        if (segments.Length >= EventDepth.Limit)
            return PathRoute.Unknown;
        var nodes = new List<int>(segments.Length);
        TrieNode node = _root;
        foreach (string segment in segments)
        {
            // Keys never span a '*' (see FieldPath), so the walk reaches the node before one however the event
            // spells the path up to it; a path that leaves the trie may be spelt by one dotted key the walk
            // cannot follow, and tells nothing.
            if (segment == "*")
                return nodes.Count > 0 ? new PathRoute([.. nodes], Whole: false) : PathRoute.Unknown;
            if (node.Children is null || !node.Children.TryGetValue(segment, out TrieNode? child))
                return PathRoute.Unknown;
            nodes.Add(child.Number);
            node = child;
        }
        return new PathRoute([.. nodes], Whole: true);
    }

    /// <summary>How many rules the index covers.</summary>
    public int RuleCount { get; }

    /// <summary>How many atoms the index has.</summary>
    public int AtomCount { get; }

    internal ReadOnlySpan<int> RulesOf(int atom) =>
        _atomRules.AsSpan(_atomRuleOffsets[atom], _atomRuleOffsets[atom + 1] - _atomRuleOffsets[atom]);

    internal ReadOnlySpan<int> AlwaysRules => _alwaysRules;

    /// <summary>
    /// The keyword atom that fires when some string of the event contains <paramref name="folded"/> (a value folded
    /// as <see cref="TextFolding"/> folds), or -1 when no keyword atom has that value (see <see cref="KeywordAnswers"/>).
    /// </summary>
    internal int KeywordContainsAtom(string folded)
    {
        Dictionary<string, int> atoms = Volatile.Read(ref _keywordContainsAtoms)
            ?? BuiltOnce.Get(ref _keywordContainsAtoms, _keywordAtomsGate, this, static index => index.KeywordContainsAtoms());
        return atoms.TryGetValue(folded, out int atom) ? atom : -1;
    }

    // The keyword contains atoms and probes by folded value; atoms with equal values fire together, so any one of
    // them will do.
    private Dictionary<string, int> KeywordContainsAtoms()
    {
        var atoms = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = _fieldAtomOffsets[_keywords]; i < _fieldAtomOffsets[_keywords + 1]; i++)
        {
            int atom = _fieldAtoms[i];
            if (_atomKinds[atom] == PrefilterAtomKind.Contains)
                atoms.TryAdd(_atomNeedles.Folded(atom), atom);
        }
        foreach ((string folded, int probe) in FoldedProbes(new HashSet<string>(atoms.Keys, StringComparer.Ordinal)))
            atoms.Add(folded, probe);
        return atoms;
    }

    // The keyword probes folded, each with its number, but those whose folded value is already in known (the keyword
    // contains atoms' values, then each earlier probe's): the keyword tables look for these, and KeywordContainsAtom
    // names them, so both must leave out the same ones.
    private List<(string Folded, int Probe)> FoldedProbes(HashSet<string> known)
    {
        var probes = new List<(string, int)>(_keywordProbes.Length);
        for (int k = 0; k < _keywordProbes.Length; k++)
        {
            string folded = TextFolding.Fold(_keywordProbes[k]);
            if (known.Add(folded))
                probes.Add((folded, AtomCount + k));
        }
        return probes;
    }

    private Dictionary<string, int>? _keywordContainsAtoms;
    private readonly object _keywordAtomsGate = new();

    /// <summary>Fires the atoms that hold for <paramref name="evt"/>.</summary>
    internal void Prefilter(JsonElement evt, CandidateSet candidates)
    {
        Walk(evt, _root, candidates, 0, plain: true, _hasKeywords ? Matchers(_keywords) : null);
    }

    /// <summary>How many times a field's tables (or the keyword atoms') have been built to keep (for tests: each once).</summary>
    internal int TablesBuilt => Volatile.Read(ref _tablesBuilt);

    /// <summary>How many fields (and the keyword atoms, counted as one) have had their tables built (for tests).</summary>
    internal int BuiltFieldCount => Array.FindAll(_matchers, m => m is not null).Length;

    // The tables of a field (or of the keyword atoms), built on first use.
    private FieldMatchers Matchers(int field) => Volatile.Read(ref _matchers[field]) ?? Build(field);

    private FieldMatchers Build(int field) =>
        BuiltOnce.Get(ref _matchers[field], _locks[field], (Index: this, Field: field), static s => s.Index.CreateKept(s.Field));

    private FieldMatchers CreateKept(int field)
    {
        Interlocked.Increment(ref _tablesBuilt);
        return Create(field);
    }

    /// <summary>Builds every field's tables afresh without keeping them; returns how many (for benchmarks).</summary>
    internal int CreateAllTables()
    {
        for (int field = 0; field < _matchers.Length; field++)
            _ = Create(field);
        return _matchers.Length;
    }

    private FieldMatchers Create(int field)
    {
        var atoms = new List<(string, int, PrefilterAtomKind)>(_fieldAtomOffsets[field + 1] - _fieldAtomOffsets[field]);
        for (int i = _fieldAtomOffsets[field]; i < _fieldAtomOffsets[field + 1]; i++)
        {
            int atom = _fieldAtoms[i];
            string needle = _atomNeedles.Folded(atom);
            atoms.Add((needle, atom, _atomKinds[atom]));
        }
        if (field == _keywords && _keywordProbes.Length > 0)
        {
            var known = new HashSet<string>(StringComparer.Ordinal);
            foreach ((string needle, _, PrefilterAtomKind kind) in atoms)
            {
                if (kind == PrefilterAtomKind.Contains)
                    known.Add(needle);
            }
            foreach ((string folded, int probe) in FoldedProbes(known))
                atoms.Add((folded, probe, PrefilterAtomKind.Contains));
        }
        return new FieldMatchers(field, atoms);
    }

    // The rule set's hot paths (here, in NeedleIndex, CandidateSet, TextFolding, FieldPath, TextPattern and
    // JsonScalarText) are optimised from their first call. Under tiered JIT they ran unoptimised for much of
    // a first scan, while thousands of rule methods compiled, which slowed that pass over the corpus (measured:
    // see docs/performance.md).
    // Depth counts levels below the event's root, as rules count them (see EventDepth). Plain: every step from
    // the root to here was an object's property named exactly as a segment (no array, no dotted or escaped name,
    // no '*'), which is what lets the rule set's predicates read a value the walk noted (CandidateSet.Reached).
    // Keywords: the keyword atoms' tables when this walk is also the keyword pass, which fires them for every
    // string of the event once: a string the walk reaches as a field's value with that field's atoms (one decoding,
    // one look in the string cache, for both), any other by WalkStrings. Null in the walks that follow a '*' or a
    // dotted name, which reach values the keyword pass meets anyway.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private void Walk(JsonElement element, TrieNode node, CandidateSet candidates, int depth, bool plain, FieldMatchers? keywords)
    {
        if (depth > EventDepth.Limit)
            return;
        if (element.ValueKind == JsonValueKind.Array)
        {
            // Only the objects among its items go on here: Reach has given the others to the atoms.
            foreach (JsonElement item in element.EnumerateArray())
                Walk(item, node, candidates, depth + 1, plain: false, keywords);
            return;
        }
        if (element.ValueKind != JsonValueKind.Object)
            return;
        Span<char> stack = stackalloc char[DecodedText.StackLength];
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (node.Wildcard is not null)
                Reach(property.Value, node.Wildcard, candidates, depth + 1, plain: false, keywords: null);
            if (node.Children is null)
            {
                KeywordsOf(property.Value, keywords, candidates, depth + 1);
                continue;
            }
            // Names are compared as their UTF-8 bytes, undecoded, unless they hold an escape (seldom). A child's
            // name has no dot (paths are split on them) and, where no child's has a backslash, no escape either:
            // a whole name found among the children is that child, and one not found that holds neither is no path.
            // Where a child's name has a backslash, an escaped name could spell it in raw bytes ("a\\b" for a
            // field named a\\b) and stand for another (a\b): such names are decoded first.
            ReadOnlySpan<byte> raw = JsonMarshal.GetRawUtf8PropertyName(property);
            if (!node.NamesHoldBackslash)
            {
                if (node.Child(raw) is TrieNode child)
                {
                    Reach(property.Value, child, candidates, depth + 1, plain, keywords);
                    continue;
                }
                int special = raw.IndexOfAny((byte)'.', (byte)'\\');
                if (special < 0)
                {
                    KeywordsOf(property.Value, keywords, candidates, depth + 1);
                    continue;
                }
                if (raw[special..].IndexOf((byte)'\\') < 0)
                {
                    Follow(raw, property.Value, node, candidates, depth + 1);
                    KeywordsOf(property.Value, keywords, candidates, depth + 1);
                    continue;
                }
            }
            using var name = new DecodedText(raw, true, stack);
            Follow(name.Text, property.Value, node, candidates, depth + 1);
            KeywordsOf(property.Value, keywords, candidates, depth + 1);
        }
    }

    // The keyword pass over a value no field's path reaches (when the walk is also the keyword pass).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void KeywordsOf(JsonElement value, FieldMatchers? keywords, CandidateSet candidates, int depth)
    {
        if (keywords is not null)
            WalkStrings(value, keywords, candidates, depth);
    }

    // Follow over the name's UTF-8 bytes: the same segments, looked up in each node's table of UTF-8 names.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Follow(ReadOnlySpan<byte> name, JsonElement value, TrieNode node, CandidateSet candidates, int depth)
    {
        TrieNode? current = node;
        while (current?.Children is not null)
        {
            int dot = name.IndexOf((byte)'.');
            current = current.Child(dot < 0 ? name : name[..dot]);
            if (current is null)
                return;
            if (dot < 0)
            {
                Reach(value, current, candidates, depth, plain: false, keywords: null);
                return;
            }
            name = name[(dot + 1)..];
        }
    }

    // A key with dots ("a.b") may stand for several segments of a path.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Follow(ReadOnlySpan<char> name, JsonElement value, TrieNode node, CandidateSet candidates, int depth)
    {
        TrieNode? current = node;
        while (current?.Children is not null)
        {
            int dot = name.IndexOf('.');
            ReadOnlySpan<char> segment = dot < 0 ? name : name[..dot];
            if (!current.Lookup.TryGetValue(segment, out current))
                return;
            if (dot < 0)
            {
                Reach(value, current, candidates, depth, plain: false, keywords: null);
                return;
            }
            name = name[(dot + 1)..];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Reach(JsonElement value, TrieNode node, CandidateSet candidates, int depth, bool plain, FieldMatchers? keywords)
    {
        candidates.Reached(node.Number, value, plain);
        int[] fields = node.Fields;
        // The first field's atoms and the keyword atoms are fired together for each string (scalars, and those in
        // arrays); its objects (and those in arrays) are left to Walk, which goes on below them, or to the keyword pass.
        for (int f = 0; f < fields.Length; f++)
            Leaves(value, Matchers(fields[f]), candidates, depth, f == 0 ? keywords : null);
        bool walks = node.Children is not null || node.Wildcard is not null;
        if (keywords is not null && (fields.Length == 0 || !walks))
            KeywordRest(value, keywords, candidates, depth, stringsDone: fields.Length > 0, objectsDone: walks);
        if (walks)
            Walk(value, node, candidates, depth, plain, keywords);
    }

    // The keyword pass over what Reach's other steps leave of a value: its strings unless the field's leaves fired
    // the keyword atoms for them, its objects unless the walk goes on below them.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void KeywordRest(JsonElement value, FieldMatchers keywords, CandidateSet candidates, int depth, bool stringsDone, bool objectsDone)
    {
        if (depth > EventDepth.Limit)
            return;
        switch (value.ValueKind)
        {
            case JsonValueKind.String when !stringsDone:
                keywords.RunString(value, candidates);
                return;
            case JsonValueKind.Object when !objectsDone:
                WalkStrings(value, keywords, candidates, depth);
                return;
            case JsonValueKind.Array:
                foreach (JsonElement item in value.EnumerateArray())
                    KeywordRest(item, keywords, candidates, depth + 1, stringsDone, objectsDone);
                return;
        }
    }

    // The field's atoms for each scalar of the value (and of its arrays); with keywords, each string fires the
    // keyword atoms too (see FieldMatchers.RunString).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Leaves(JsonElement value, FieldMatchers matchers, CandidateSet candidates, int depth, FieldMatchers? keywords)
    {
        if (depth > EventDepth.Limit)
            return;
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (JsonElement item in value.EnumerateArray())
                    Leaves(item, matchers, candidates, depth + 1, keywords);
                return;
            case JsonValueKind.String when keywords is not null:
                keywords.RunString(value, candidates, matchers);
                return;
            case JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                matchers.Run(value, candidates);
                return;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WalkStrings(JsonElement element, FieldMatchers keywords, CandidateSet candidates, int depth)
    {
        if (depth > EventDepth.Limit)
            return;
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                keywords.RunString(element, candidates);
                return;
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                    WalkStrings(property.Value, keywords, candidates, depth + 1);
                return;
            case JsonValueKind.Array:
                foreach (JsonElement item in element.EnumerateArray())
                    WalkStrings(item, keywords, candidates, depth + 1);
                return;
        }
    }

    /// <summary>A level of the field-path trie: children by segment, a '*' child, and the fields ending here.</summary>
    private sealed class TrieNode
    {
        public TrieNode(ref int count) => Number = count++;

        /// <summary>The node's number, from 0 at the root in the order the nodes were made.</summary>
        public int Number { get; }

        private Dictionary<string, TrieNode>? _children;
        // The children again, by their names' UTF-8 bytes: an open-addressing table of child numbers plus one.
        private byte[][] _childNames = [];
        private TrieNode[] _childNodes = [];
        private int[] _slots = [];

        /// <summary>Whether a child's name holds a backslash: raw names must be decoded before they are compared.</summary>
        public bool NamesHoldBackslash { get; private set; }

        public Dictionary<string, TrieNode>? Children => _children;

        public Dictionary<string, TrieNode>.AlternateLookup<ReadOnlySpan<char>> Lookup;

        public TrieNode? Wildcard { get; private set; }

        public int[] Fields { get; private set; } = Array.Empty<int>();

        // Adds the path's nodes below this one, and field to the last one's fields (unless it is -1: a path only read).
        public void Add(string[] segments, int at, int field, ref int count)
        {
            if (at == segments.Length)
            {
                if (field >= 0 && Array.IndexOf(Fields, field) < 0)
                    Fields = [.. Fields, field];
                return;
            }
            TrieNode child;
            if (segments[at] == "*")
            {
                child = Wildcard ??= new TrieNode(ref count);
            }
            else
            {
                if (_children is null)
                {
                    _children = new Dictionary<string, TrieNode>(StringComparer.Ordinal);
                    Lookup = _children.GetAlternateLookup<ReadOnlySpan<char>>();
                }
                if (!_children.TryGetValue(segments[at], out child!))
                    _children[segments[at]] = child = new TrieNode(ref count);
            }
            child.Add(segments, at + 1, field, ref count);
        }

        /// <summary>Builds the UTF-8 tables of this node and those below it, once every path is added.</summary>
        public void Seal()
        {
            Wildcard?.Seal();
            if (_children is null)
                return;
            _childNames = new byte[_children.Count][];
            _childNodes = new TrieNode[_children.Count];
            int size = 4;
            while (size < 2 * _children.Count)
                size *= 2;
            _slots = new int[size];
            int number = 0;
            foreach (KeyValuePair<string, TrieNode> child in _children)
            {
                child.Value.Seal();
                byte[] name = System.Text.Encoding.UTF8.GetBytes(child.Key);
                NamesHoldBackslash |= child.Key.Contains('\\');
                _childNames[number] = name;
                _childNodes[number] = child.Value;
                int slot = ByteHash.Of(name) & (size - 1);
                while (_slots[slot] != 0)
                    slot = (slot + 1) & (size - 1);
                _slots[slot] = ++number;
            }
        }

        /// <summary>The child named <paramref name="name"/> (UTF-8), or null.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public TrieNode? Child(ReadOnlySpan<byte> name)
        {
            int[] slots = _slots;
            int mask = slots.Length - 1;
            for (int slot = ByteHash.Of(name) & mask; slots[slot] != 0; slot = (slot + 1) & mask)
            {
                int child = slots[slot] - 1;
                if (name.SequenceEqual(_childNames[child]))
                    return _childNodes[child];
            }
            return null;
        }
    }

    /// <summary>
    /// A field's long strings are scanned for its needles and the keyword atoms' apart until it has met this many,
    /// then with one index of both: the keyword atoms are a thousand needles and more, which the few long strings
    /// of most fields would not repay (docs/performance.md, "Keyword needles joined where long strings are many").
    /// </summary>
    internal const int LongStringsBeforeJoining = 256;

    /// <summary>The atoms of one field: equal values by hash, contained values by automaton, and presence.</summary>
    private sealed class FieldMatchers
    {
        private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _equal;
        private readonly bool _hasEqual;
        private readonly NeedleIndex? _contains;
        private readonly int[] _present;
        // The contained needles, with their atoms (kept to build _withKeywords), and that index once built.
        private readonly List<(string Needle, int Atom)> _containsNeedles;
        private NeedleIndex? _withKeywords;

        // Until then, each long string is scanned with this field's index and the keyword atoms' one after the other
        // (LongStringsBeforeJoining).
        private int _longStrings;

        // The field's number (the keyword atoms': one past the last field), which keys its strings in the caches.
        private readonly int _owner;

        public FieldMatchers(int owner, List<(string Needle, int Atom, PrefilterAtomKind Kind)> atoms)
        {
            _owner = owner;
            var equal = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            var contains = new List<(string, int)>();
            var present = new List<int>();
            foreach ((string needle, int atom, PrefilterAtomKind kind) in atoms)
            {
                switch (kind)
                {
                    case PrefilterAtomKind.Equal:
                        if (!equal.TryGetValue(needle, out List<int>? list))
                            equal[needle] = list = new List<int>();
                        list.Add(atom);
                        break;
                    case PrefilterAtomKind.Contains:
                        if (needle.Length == 0)
                            present.Add(atom); // an empty needle is contained in any text
                        else
                            contains.Add((needle, atom));
                        break;
                    default:
                        present.Add(atom);
                        break;
                }
            }
            var table = new Dictionary<string, int[]>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, List<int>> entry in equal)
                table[entry.Key] = entry.Value.ToArray();
            _equal = table.GetAlternateLookup<ReadOnlySpan<char>>();
            _hasEqual = table.Count > 0;
            _contains = contains.Count > 0 ? new NeedleIndex(contains) : null;
            _containsNeedles = contains;
            _present = present.ToArray();
        }

        // The field's contained needles and the keyword atoms' in one index once the field has met many long strings
        // (LongStringsBeforeJoining; this call counts one), else null: a long string is then scanned once for both
        // instead of once for each.
        private NeedleIndex? JoinedWith(FieldMatchers keywords)
        {
            NeedleIndex? both = Volatile.Read(ref _withKeywords);
            if (both is null && Interlocked.Increment(ref _longStrings) > LongStringsBeforeJoining)
                both = BuildWithKeywords(keywords);
            return both;
        }

        private NeedleIndex BuildWithKeywords(FieldMatchers keywords) =>
            BuiltOnce.Get(ref _withKeywords, _containsNeedles, (Field: this, Keywords: keywords),
                static s => new NeedleIndex([.. s.Field._containsNeedles, .. s.Keywords._containsNeedles]));

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        [SkipLocalsInit]
        public void Run(JsonElement value, CandidateSet candidates)
        {
            FirePresent(candidates);
            if (!_hasEqual && _contains is null)
                return;
            Span<char> stack = stackalloc char[DecodedText.StackLength];
            using var text = new DecodedText(JsonScalarText.RawUtf8(value), value.ValueKind == JsonValueKind.String, stack);
            Match(text.Text, candidates);
        }

        /// <summary>
        /// The keyword pass over a string value (these being the keyword atoms' tables), together with the atoms of
        /// the field whose value it is, if any (<paramref name="field"/>): a string seen recently by the same owner
        /// (that field, or the keyword atoms alone) fires the atoms it fired then (see <see cref="StringAtomCache"/>);
        /// any other is decoded and folded once, both sets of equal atoms looked up and both sets of contained needles
        /// searched (in one scan once the field's long strings are many), and kept unless it is very long. A string
        /// that is not all ASCII is noted (see <see cref="CandidateSet.KeywordTextAscii"/>).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        [SkipLocalsInit]
        public void RunString(JsonElement value, CandidateSet candidates, FieldMatchers? field = null)
        {
            FirePresent(candidates);
            field?.FirePresent(candidates);
            if (field is null && !_hasEqual && _contains is null)
                return;
            ReadOnlySpan<byte> raw = JsonScalarText.RawUtf8(value);
            bool isLong = raw.Length > StringAtomCache.ShortBytes;
            StringAtomCache cache = isLong ? candidates.LongStringAtoms : candidates.Strings;
            int owner = field is null ? _owner : field._owner;
            bool kept = raw.Length <= cache.MaxBytes;
            int hash = kept ? ByteHash.Of(raw) : 0;
            if (kept && cache.TryFire(owner, raw, hash, candidates))
                return;
            cache.Begin();
            Span<char> stack = stackalloc char[DecodedText.StackLength];
            using var text = new DecodedText(raw, true, stack);
            Span<char> folded = text.Text;
            bool ascii = TextFolding.Fold(folded);
            if (!ascii)
                candidates.NoteKeywordTextNotAscii();
            var firing = new NotedFiring(candidates, cache);
            FireEqual(folded, ref firing);
            field?.FireEqual(folded, ref firing);
            if (field is not null && isLong && field.JoinedWith(this) is { } both)
            {
                both.Scan(folded, ref firing);
            }
            else
            {
                _contains?.Scan(folded, ref firing);
                field?._contains?.Scan(folded, ref firing);
            }
            if (kept)
                cache.Keep(owner, raw, hash, notAscii: !ascii);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Match(Span<char> text, CandidateSet candidates)
        {
            var firing = new AtomFiring(candidates);
            TextFolding.Fold(text);
            FireEqual(text, ref firing);
            _contains?.Scan(text, ref firing);
        }

        // The atoms any value of the field fires (presence, empty needles).
        private void FirePresent(CandidateSet candidates)
        {
            foreach (int atom in _present)
                candidates.Fire(atom);
        }

        // The equal atoms of a folded text: one hash lookup.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void FireEqual<TSink>(ReadOnlySpan<char> folded, ref TSink sink)
            where TSink : struct, INeedleSink
        {
            if (_hasEqual && _equal.TryGetValue(folded, out int[]? atoms))
            {
                foreach (int atom in atoms)
                    sink.Found(atom, 0, folded.Length);
            }
        }
    }
}
