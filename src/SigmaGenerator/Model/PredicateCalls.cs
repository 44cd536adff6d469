using System.Collections.Generic;
using System.Linq;

namespace SigmaCompile.Generator.Model;

/// <summary>
/// How a predicate's tests become runtime calls: one call per test under <c>|all</c>, otherwise one per kind of
/// call (all value tests share one). Planning (which writes every rule's condition as a program over the set's
/// value calls) and emit (which writes them as the rule's code) must split them alike, and neither may call the
/// other, so the one definition lives here.
/// </summary>
internal static class PredicateCalls
{
    /// <summary>The predicate's tests grouped into calls, in the order the rule's code makes them.</summary>
    public static IEnumerable<IReadOnlyList<TestModel>> Groups(PredicateModel predicate) =>
        predicate.MatchAll
            ? predicate.Tests.Select(t => (IReadOnlyList<TestModel>)new[] { t })
            : predicate.Tests.GroupBy(CallKind).Select(g => (IReadOnlyList<TestModel>)g.ToList());

    /// <summary>Whether a call of these tests tests the field's values (or the event's strings), which the rule set memoises.</summary>
    public static bool IsValueCall(IReadOnlyList<TestModel> tests) => CallKind(tests[0]) == ValueKind;

    private const string ValueKind = "value";

    // Tests that end up in the same runtime call: all value patterns share one AnyValue call.
    private static string CallKind(TestModel test) => test.Kind switch
    {
        TestKind.Null => "null",
        TestKind.Exists => "exists:" + test.Value,
        TestKind.FieldRef => "fieldref:" + test.Value + ":" + test.Position + ":" + test.Cased,
        _ => ValueKind,
    };
}

/// <summary>
/// One value call of a rule, as its result's identity on an event: a keyword search or a field (its paths), and the
/// tests its pattern is built from (kinds, values, case, flags). Equal keys always give equal results.
/// </summary>
internal sealed record ValueCallModel(bool Keywords, EquatableArray<string> Paths, EquatableArray<TestModel> Tests);
