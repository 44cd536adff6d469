using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Threading;

namespace SigmaCompile.RuleSets;

/// <summary>
/// The rule set's text tests that one scan of their field answers, computed by the generator. A predicate of the
/// <see cref="PredicateTable"/> whose tests are all case-insensitive equal, startswith, endswith or contains values
/// belongs to its field's scan group; its result is "some term of it holds", a term being one of the group's
/// needles and where the text must hold it (whole, start, end, anywhere). Per event, the first such predicate a
/// candidate rule evaluates scans the group's values once for every needle of the group (see
/// <see cref="FieldScanner"/>), which marks each predicate as it finds the predicate's needles; every other
/// predicate of the group is then one read, however many rules test it. A value the scan does not read (long, or not
/// ASCII) leaves the group to the predicates' own patterns.
/// For generated code; the tables are an implementation detail and may change between versions.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class FieldScanTable
{
    private readonly TableStrings _needles;
    private readonly NeedleIndex?[] _indexes;
    private readonly object[] _locks;
    private int _indexesBuilt;

    /// <summary>Builds the table from the generator's arrays.</summary>
    /// <param name="predicateGroups">Per predicate of the set, its scan group, or -1 when a scan does not answer it.</param>
    /// <param name="termOffsets">Per predicate, where its terms start in <paramref name="terms"/> (one more entry than predicates).</param>
    /// <param name="terms">Every predicate's terms, concatenated: a needle number times 4 plus a <see cref="FieldScanTerm"/>.</param>
    /// <param name="needles">Every group's needles (unfolded), one after the other, as UTF-8 table text (see <see cref="Utf8TableText"/>).</param>
    /// <param name="needleLengths">Per needle, its length in bytes in <paramref name="needles"/>.</param>
    /// <param name="groupNeedleOffsets">Per group, where its needles start (one more entry than groups).</param>
    public FieldScanTable(int[] predicateGroups, int[] termOffsets, int[] terms, Utf8TableText needles, int[] needleLengths, int[] groupNeedleOffsets)
    {
        // Run once over thousands of entries: precompiled, as RuleSetIndex's constructor is.
        ArgumentNullException.ThrowIfNull(predicateGroups);
        ArgumentNullException.ThrowIfNull(termOffsets);
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(needleLengths);
        ArgumentNullException.ThrowIfNull(groupNeedleOffsets);
        int groups = groupNeedleOffsets.Length - 1;
        if (groups < 0 || groupNeedleOffsets[0] != 0 || groupNeedleOffsets[^1] != needleLengths.Length)
            throw new ArgumentException("the group offsets must start at 0 and end at the number of needles", nameof(groupNeedleOffsets));
        if (termOffsets.Length != predicateGroups.Length + 1 || termOffsets[0] != 0 || termOffsets[^1] != terms.Length)
            throw new ArgumentException("the term offsets must have one more entry than predicates, start at 0 and end at the number of terms", nameof(termOffsets));
        _needles = TableStrings.Read(needles, needleLengths, whole: false, nameof(needles), nameof(needleLengths));
        if (Array.IndexOf(needleLengths, 0) is var empty and >= 0)
            throw TableError.Of("needle {0} is empty", empty, nameof(needleLengths));
        var anchored = new bool[groups];
        for (int g = 0; g < groups; g++)
            anchored[g] = true; // a loop, not Array.Fill: one generic method less for the JIT when the set is built
        for (int p = 0; p < predicateGroups.Length; p++)
        {
            int group = predicateGroups[p];
            if (group < -1 || group >= groups || termOffsets[p + 1] < termOffsets[p])
                throw TableError.Of("predicate {0} has a group outside -1..{1} or decreasing term offsets", p, groups - 1, nameof(predicateGroups));
            for (int t = termOffsets[p]; t < termOffsets[p + 1]; t++)
            {
                int needle = terms[t] >> 2;
                if (group < 0 || needle < groupNeedleOffsets[group] || needle >= groupNeedleOffsets[group + 1])
                    throw TableError.Of("predicate {0}'s term {1} names a needle outside its group", p, t, nameof(terms));
                if ((FieldScanTerm)(terms[t] & 3) is FieldScanTerm.Contains or FieldScanTerm.EndsWith)
                    anchored[group] = false;
            }
        }
        PredicateGroups = predicateGroups;
        (NeedleUseOffsets, NeedleUses) = UsesByNeedle(termOffsets, terms, needleLengths.Length);
        GroupNeedleOffsets = groupNeedleOffsets;
        AnchoredOnly = anchored;
        _indexes = new NeedleIndex?[groups];
        _locks = BuiltOnce.Gates(groups);
    }

    // The terms turned around, from per predicate to per needle (counted, then placed).
    private static (int[] Offsets, int[] Uses) UsesByNeedle(int[] termOffsets, int[] terms, int needles)
    {
        var offsets = new int[needles + 2]; // counts at needle + 2, then starts at needle + 1, then ends there
        foreach (int term in terms)
            offsets[(term >> 2) + 2]++;
        for (int n = 2; n < offsets.Length; n++)
            offsets[n] += offsets[n - 1];
        var uses = new int[terms.Length];
        for (int p = 0; p + 1 < termOffsets.Length; p++)
        {
            for (int t = termOffsets[p]; t < termOffsets[p + 1]; t++)
                uses[offsets[(terms[t] >> 2) + 1]++] = (p << 2) | (terms[t] & 3);
        }
        return (offsets[..^1], uses);
    }

    /// <summary>How many scan groups the table has.</summary>
    public int GroupCount => _indexes.Length;

    /// <summary>How many needles the groups have in all.</summary>
    public int NeedleCount => _needles.Count;

    internal int[] PredicateGroups { get; }

    /// <summary>Per needle, where its uses start in <see cref="NeedleUses"/> (one more entry than needles).</summary>
    internal int[] NeedleUseOffsets { get; }

    /// <summary>
    /// Every needle's uses, concatenated: a predicate number times 4 plus where the predicate's term must find the
    /// needle (a <see cref="FieldScanTerm"/>). A scan marks a predicate as it finds its needles, rather than each
    /// predicate reading all of its terms when asked: a predicate has up to hundreds of terms, and on Windows events
    /// the candidates read about 25 times as many terms as the needles found have uses (docs/performance.md).
    /// </summary>
    internal int[] NeedleUses { get; }

    internal int[] GroupNeedleOffsets { get; }

    // Per group: whether every term is anchored at the start (equal, startswith), so only position 0 is searched.
    internal bool[] AnchoredOnly { get; }

    /// <summary>
    /// The needle index of <paramref name="group"/>, built on first use (a set whose candidates never test a field
    /// never builds its index). Needles that are not ASCII once folded are left out: the scanner answers only for
    /// ASCII text, which they can never occur in.
    /// </summary>
    internal NeedleIndex Index(int group) => Volatile.Read(ref _indexes[group]) ?? Build(group);

    private NeedleIndex Build(int group) =>
        BuiltOnce.Get(ref _indexes[group], _locks[group], (Table: this, Group: group), static s => s.Table.CreateKept(s.Group));

    private NeedleIndex CreateKept(int group)
    {
        Interlocked.Increment(ref _indexesBuilt);
        return Create(group);
    }

    /// <summary>How many group indexes have been built to keep (for tests: each once, however many threads need it).</summary>
    internal int IndexesBuilt => Volatile.Read(ref _indexesBuilt);

    /// <summary>Builds every group's index afresh without keeping them; returns how many (for benchmarks).</summary>
    internal int CreateAllIndexes()
    {
        for (int group = 0; group < _indexes.Length; group++)
            _ = Create(group);
        return _indexes.Length;
    }

    private NeedleIndex Create(int group)
    {
        var needles = new List<(string, int)>();
        for (int n = GroupNeedleOffsets[group]; n < GroupNeedleOffsets[group + 1]; n++)
        {
            string folded = _needles.Folded(n);
            if (System.Text.Ascii.IsValid(folded))
                needles.Add((folded, n));
        }
        return new NeedleIndex(needles);
    }
}

/// <summary>Where a term's needle must occur in a value's text.</summary>
internal enum FieldScanTerm
{
    /// <summary>The whole text is the needle.</summary>
    Equal = 0,
    StartsWith = 1,
    EndsWith = 2,
    Contains = 3,
}
