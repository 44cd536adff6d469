using System;
using System.ComponentModel;

namespace SigmaCompile.RuleSets;

/// <summary>
/// The rule set's deduplicated predicates, computed by the generator: each rule numbers its value tests from 0,
/// and this table maps rule r's test i to the set's predicate <c>Predicates[RuleOffsets[r] + i]</c>. Two tests map
/// to the same predicate only when they read the same field paths with the same tests (values, modifiers, case),
/// so one result serves both (see <see cref="Matching.PredicateMemo"/>).
/// For generated code; the tables are an implementation detail and may change between versions.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PredicateTable
{
    /// <summary>Builds the table from the generator's arrays.</summary>
    /// <param name="predicateCount">How many distinct predicates the set has.</param>
    /// <param name="ruleOffsets">Per rule, where its tests start in <paramref name="predicates"/> (one more entry than rules).</param>
    /// <param name="predicates">Every rule's tests, as predicate numbers, concatenated.</param>
    public PredicateTable(int predicateCount, int[] ruleOffsets, int[] predicates)
        : this(predicateCount, ruleOffsets, predicates, null)
    {
    }

    /// <summary>Builds the table from the generator's arrays, with the predicates one scan of their field answers.</summary>
    /// <param name="predicateCount">How many distinct predicates the set has.</param>
    /// <param name="ruleOffsets">Per rule, where its tests start in <paramref name="predicates"/> (one more entry than rules).</param>
    /// <param name="predicates">Every rule's tests, as predicate numbers, concatenated.</param>
    /// <param name="scans">The predicates answered by scanning their field (see <see cref="FieldScanTable"/>), or null.</param>
    public PredicateTable(int predicateCount, int[] ruleOffsets, int[] predicates, FieldScanTable? scans)
    {
        ArgumentNullException.ThrowIfNull(ruleOffsets);
        ArgumentNullException.ThrowIfNull(predicates);
        if (ruleOffsets.Length == 0 || ruleOffsets[0] != 0 || ruleOffsets[^1] != predicates.Length)
            throw new ArgumentException("the offsets must start at 0 and end at the number of predicates", nameof(ruleOffsets));
        for (int r = 1; r < ruleOffsets.Length; r++)
        {
            if (ruleOffsets[r] < ruleOffsets[r - 1])
                throw new ArgumentException($"the offsets must not decrease (rule {r - 1})", nameof(ruleOffsets));
        }
        foreach (int predicate in predicates)
        {
            if ((uint)predicate >= (uint)predicateCount)
                throw new ArgumentException($"predicate {predicate} is outside 0..{predicateCount - 1}", nameof(predicates));
        }
        if (scans is not null && scans.PredicateGroups.Length != predicateCount)
            throw new ArgumentException($"the scan table covers {scans.PredicateGroups.Length} predicates, not {predicateCount}", nameof(scans));
        PredicateCount = predicateCount;
        Scans = scans;
        RuleOffsets = ruleOffsets;
        Predicates = predicates;
    }

    /// <summary>How many distinct predicates the set has.</summary>
    public int PredicateCount { get; }

    /// <summary>How many rules the table covers.</summary>
    public int RuleCount => RuleOffsets.Length - 1;

    /// <summary>The predicates one scan of their field answers, if the generator planned any.</summary>
    internal FieldScanTable? Scans { get; }

    internal int[] RuleOffsets { get; }

    internal int[] Predicates { get; }

    /// <summary>How many tests rule <paramref name="rule"/> numbers.</summary>
    internal int TestCount(int rule) => RuleOffsets[rule + 1] - RuleOffsets[rule];
}
