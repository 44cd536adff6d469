using System.Collections.Generic;
using System.Linq;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Planning;

/// <summary>
/// Finds the rule set's predicates that one scan of their field answers (see the runtime's FieldScanTable): those
/// whose tests are all case-insensitive equal, startswith, endswith or contains values, none empty. They are grouped
/// by field; each group's distinct values become its needles, and each predicate a list of terms (a needle and
/// where it must occur). Groups and needles are numbered in predicate order, so the tables do not depend on the
/// order rules arrive in.
/// </summary>
/// <remarks>
/// Keyword searches are left out. They would form one group holding every keyword of the set, scanned over every
/// string of the event, while an event's candidates need few of them and each searches only its own values with a
/// vectorised search: measured on the SigmaHQ corpus, scanning them made CloudTrail records slower and Windows
/// events no faster (docs/performance.md, Field scans).
/// </remarks>
internal static class FieldScanPlanner
{
    // Where a test's needle must occur.
    private static FieldScanTerm Where(TestKind kind) => kind switch
    {
        TestKind.Equal => FieldScanTerm.Equal,
        TestKind.StartsWith => FieldScanTerm.StartsWith,
        TestKind.EndsWith => FieldScanTerm.EndsWith,
        _ => FieldScanTerm.Contains,
    };

    /// <param name="predicates">The set's distinct predicates, in their numbers' order.</param>
    public static FieldScanModel Plan(IReadOnlyList<ValueCallModel> predicates)
    {
        var groupOf = new Dictionary<EquatableArray<string>, int>();
        var groupPaths = new List<EquatableArray<string>>();
        var groupNeedles = new List<List<string>>();
        var needleOf = new List<Dictionary<string, int>>();
        var predicateGroups = new List<int>();
        var predicateTerms = new List<List<(int Needle, FieldScanTerm Where)>>();
        foreach (ValueCallModel call in predicates)
        {
            if (!Scannable(call))
            {
                predicateGroups.Add(-1);
                predicateTerms.Add(new List<(int, FieldScanTerm)>());
                continue;
            }
            if (!groupOf.TryGetValue(call.Paths, out int group))
            {
                groupOf[call.Paths] = group = groupPaths.Count;
                groupPaths.Add(call.Paths);
                groupNeedles.Add(new List<string>());
                needleOf.Add(new Dictionary<string, int>(System.StringComparer.Ordinal));
            }
            var terms = new List<(int, FieldScanTerm)>();
            foreach (TestModel test in call.Tests)
            {
                if (!needleOf[group].TryGetValue(test.Value, out int needle))
                {
                    needleOf[group][test.Value] = needle = groupNeedles[group].Count;
                    groupNeedles[group].Add(test.Value);
                }
                terms.Add((needle, Where(test.Kind)));
            }
            predicateGroups.Add(group);
            predicateTerms.Add(terms.Distinct().ToList());
        }

        // Needles are numbered group after group.
        var groupOffsets = new List<int> { 0 };
        foreach (List<string> needles in groupNeedles)
            groupOffsets.Add(groupOffsets[groupOffsets.Count - 1] + needles.Count);
        var termOffsets = new List<int> { 0 };
        var flatTerms = new List<int>();
        for (int p = 0; p < predicateGroups.Count; p++)
        {
            foreach ((int needle, FieldScanTerm where) in predicateTerms[p])
                flatTerms.Add(((groupOffsets[predicateGroups[p]] + needle) << 2) | (int)where);
            termOffsets.Add(flatTerms.Count);
        }
        return new FieldScanModel(
            groupPaths.ToEquatableArray(),
            groupNeedles.SelectMany(n => n).ToEquatableArray(),
            groupOffsets.ToEquatableArray(),
            predicateGroups.ToEquatableArray(),
            termOffsets.ToEquatableArray(),
            flatTerms.ToEquatableArray());
    }

    private static bool Scannable(ValueCallModel call) =>
        !call.Keywords
        && call.Tests.Count > 0
        && call.Tests.All(t => (t.Kind is TestKind.Equal or TestKind.StartsWith or TestKind.EndsWith or TestKind.Contains)
            && !t.Cased
            && t.Value.Length > 0);
}
