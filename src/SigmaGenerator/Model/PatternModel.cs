using System.Collections.Generic;
using System.Linq;

namespace SigmaCompile.Generator.Model;

/// <summary>
/// One runtime pattern as the call that builds it (a <c>TextPatterns</c> factory and its arguments). A rule's class
/// writes it as C# and the rule set's tables as data (see ConditionTablePlanner), both from <see cref="Of"/>, so the
/// set's predicates are built exactly as the rules' own.
/// </summary>
/// <param name="Values">The text values (one for the single forms, several for the <c>Any</c> forms); for a regex its pattern.</param>
/// <param name="Literals">For a regex: its necessary literals (see RegexLiterals).</param>
/// <param name="Run">For a regex: a run of characters every match holds, or null (see RegexLiterals.RunOf).</param>
/// <param name="Number">For a numeric comparison its bound (round-trip text), for a time part its whole number.</param>
/// <param name="Parts">For <see cref="PatternCode.AnyOf"/>: the patterns any of which may hold.</param>
internal sealed record PatternModel(
    PatternCode Code,
    bool Cased,
    EquatableArray<string> Values,
    EquatableArray<string> Literals = default,
    RegexFlags Flags = RegexFlags.None,
    NumericComparison Comparison = NumericComparison.Equal,
    TimestampPart TimePart = TimestampPart.Minute,
    string Number = "",
    EquatableArray<PatternModel> Parts = default,
    RegexRun? Run = null)
{
    /// <summary>
    /// The pattern of one value call's tests: tests of one kind and case are merged (a hash set for many equalities,
    /// one multi-string search for many <c>contains</c>), and several kinds are any of their patterns.
    /// </summary>
    public static PatternModel Of(IReadOnlyList<TestModel> tests)
    {
        var parts = new List<PatternModel>();
        foreach (IGrouping<(TestKind Kind, bool Cased), TestModel> group in tests.GroupBy(t => (t.Kind, t.Cased)))
        {
            List<TestModel> list = group.ToList();
            bool cased = group.Key.Cased;
            switch (group.Key.Kind)
            {
                case TestKind.Equal:
                    parts.Add(Merge(PatternCode.Equal, PatternCode.EqualAny, list, cased));
                    break;
                case TestKind.StartsWith:
                    parts.Add(Merge(PatternCode.StartsWith, PatternCode.StartsWithAny, list, cased));
                    break;
                case TestKind.EndsWith:
                    parts.Add(Merge(PatternCode.EndsWith, PatternCode.EndsWithAny, list, cased));
                    break;
                case TestKind.Contains:
                    parts.Add(Merge(PatternCode.Contains, PatternCode.ContainsAny, list, cased));
                    break;
                case TestKind.AnyText:
                    parts.Add(new PatternModel(PatternCode.AnyText, false, default));
                    break;
                default:
                    parts.AddRange(list.Select(Single));
                    break;
            }
        }
        return parts.Count == 1 ? parts[0] : new PatternModel(PatternCode.AnyOf, false, default, Parts: parts.ToEquatableArray());
    }

    private static PatternModel Merge(PatternCode one, PatternCode many, List<TestModel> tests, bool cased)
    {
        EquatableArray<string> values = tests.Select(t => t.Value).Distinct().ToEquatableArray();
        return new PatternModel(values.Count == 1 ? one : many, cased, values);
    }

    private static PatternModel Single(TestModel test) => test.Kind switch
    {
        TestKind.Glob => new PatternModel(PatternCode.Glob, test.Cased, new[] { test.Value }.ToEquatableArray()),
        TestKind.Regex => new PatternModel(PatternCode.Regex, false, new[] { test.Value }.ToEquatableArray(), test.RegexLiterals, test.RegexFlags, Run: test.RegexRun),
        TestKind.Cidr => new PatternModel(PatternCode.Cidr, false, new[] { test.Value }.ToEquatableArray()),
        TestKind.Compare => new PatternModel(PatternCode.Compare, false, default, Comparison: test.Comparison, Number: test.Value),
        TestKind.TimePart => new PatternModel(PatternCode.TimePart, false, default, Comparison: test.Comparison, TimePart: test.TimePart, Number: test.Value),
        _ => throw new System.InvalidOperationException("unhandled test kind " + test.Kind),
    };
}
