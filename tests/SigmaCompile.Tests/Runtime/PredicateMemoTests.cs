using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using SigmaCompile.Matching;
using SigmaCompile.RuleSets;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Runtime;

/// <summary>
/// The rule set evaluates a value test that several candidate rules share once per event (PredicateMemo over the
/// generator's PredicateTable, each rule's condition a ConditionTable program over it), without mixing up tests that
/// differ, and without carrying a result to the next event; tables that do not fit are refused when the set is built.
/// </summary>
public sealed class PredicateMemoTests
{
    // Rule i gets id i, so registry order (by id) is the order here.
    private static (IReadOnlyList<IDetectionRule> All, RuleSet Set) Compile(params string[] detections) => Detections.NumberedSet("Memo", detections);

    private static List<IDetectionRule> Expected(IReadOnlyList<IDetectionRule> all, JsonElement evt) => all.Where(r => r.IsMatch(evt)).ToList();

    private static List<IDetectionRule> Actual(RuleSet set, JsonElement evt)
    {
        var results = new List<IDetectionRule>();
        set.Match(evt, results);
        return results;
    }

    // The rule's value tests in its program's order (for these one-search rules, the order the rule writes them).
    private static int Predicate(RuleSet set, int rule, int test)
    {
        IReadOnlyList<int> predicates = set.Conditions!.Predicates(rule);
        Assert.True(test < predicates.Count, $"rule {rule} has {predicates.Count} value tests");
        return predicates[test];
    }

    [Fact]
    public void Equal_value_tests_share_a_predicate_and_tests_differing_in_field_modifier_case_or_value_do_not()
    {
        (IReadOnlyList<IDetectionRule> all, RuleSet set) = Compile(
            "sel:\n  Image|endswith: '\\whoami.exe'\ncondition: sel",                      // 0
            "sel:\n  Image|endswith: '\\whoami.exe'\n  User: x\ncondition: sel",             // 1: its first test is rule 0's
            "sel:\n  Image|endswith|cased: '\\whoami.exe'\ncondition: sel",                 // 2: case-sensitive
            "sel:\n  Image|contains: '\\whoami.exe'\ncondition: sel",                       // 3: another modifier
            "sel:\n  ParentImage|endswith: '\\whoami.exe'\ncondition: sel",                 // 4: another field
            "keywords:\n  - '\\whoami.exe'\ncondition: keywords",                           // 5: any string of the event
            "sel:\n  Image|endswith: '\\whoami.ex'\ncondition: sel",                        // 6: another value
            "sel:\n  Image|endswith|all: ['\\whoami.exe', 'oami.exe']\ncondition: sel",     // 7: |all: its first test alone is rule 0's
            "sel:\n  Image|endswith:\n    - '\\whoami.exe'\n    - 'oami.exe'\ncondition: sel"); // 8: both values in one test
        PredicateTable table = Assert.IsType<PredicateTable>(set.Predicates);
        Assert.Equal(Predicate(set, 0, 0), Predicate(set, 1, 0));
        Assert.Equal(Predicate(set, 0, 0), Predicate(set, 7, 0));
        Assert.NotEqual(Predicate(set, 7, 0), Predicate(set, 7, 1));
        int[] distinct = { Predicate(set, 0, 0), Predicate(set, 1, 1), Predicate(set, 2, 0), Predicate(set, 3, 0), Predicate(set, 4, 0), Predicate(set, 5, 0), Predicate(set, 6, 0), Predicate(set, 7, 1), Predicate(set, 8, 0) };
        Assert.Equal(distinct.Length, distinct.Distinct().Count());
        Assert.Equal(distinct.Length, table.PredicateCount);

        string[] events =
        {
            "{\"Image\":\"C:\\\\Windows\\\\WHOAMI.EXE\",\"User\":\"x\"}",
            "{\"Image\":\"C:\\\\Windows\\\\whoami.exe\",\"User\":\"x\"}",
            "{\"Image\":\"C:\\\\Windows\\\\whoami.exe.bak\",\"User\":\"x\"}",
            "{\"ParentImage\":\"C:\\\\Windows\\\\whoami.exe\"}",
            "{\"Image\":\"C:\\\\Windows\\\\whoami.ex\",\"User\":\"x\"}",
            "{\"Image\":\"C:\\\\Windows\\\\bwhoami.exe\"}",
        };
        int detections = 0;
        foreach (string json in events)
        {
            using JsonDocument document = JsonDocument.Parse(json);
            List<IDetectionRule> expected = Expected(all, document.RootElement);
            Assert.Equal(expected, Actual(set, document.RootElement));
            detections += expected.Count;
        }
        Assert.True(detections >= 15, $"the events should exercise the rules, got {detections} detections");
    }

    [Fact]
    public void A_result_is_not_carried_to_the_next_event()
    {
        // Both rules test the same predicate, and the second also negates it: a stale result would flip answers.
        (IReadOnlyList<IDetectionRule> all, RuleSet set) = Compile(
            "sel:\n  Image|endswith: '\\whoami.exe'\ncondition: sel",
            "sel:\n  Image|endswith: '\\whoami.exe'\nf:\n  User: x\ncondition: sel or not f",
            "f:\n  Image|endswith: '\\whoami.exe'\ncondition: not f");
        string[] events =
        {
            "{\"Image\":\"C:\\\\whoami.exe\",\"User\":\"x\"}",
            "{\"Image\":\"C:\\\\cmd.exe\",\"User\":\"x\"}",
            "{\"Image\":\"C:\\\\whoami.exe\"}",
            "{\"Image\":\"C:\\\\cmd.exe\"}",
        };
        using var documents = new DocumentList(events);
        var answers = new HashSet<string>();
        for (int round = 0; round < 3; round++)
        {
            foreach (JsonDocument document in documents.Items)
            {
                List<IDetectionRule> expected = Expected(all, document.RootElement);
                Assert.Equal(expected, Actual(set, document.RootElement));
                answers.Add(string.Join(",", expected.Select(r => r.Title)));
            }
        }
        Assert.True(answers.Count >= 3, "the events should give different answers");
    }

    // Two predicates over field A: equal to "yes" (0) and containing "e" (1); field 1 (B) is read by the programs.
    private static PredicateTable Table() => new(
        strings: () => "AyeseB"u8,
        stringLengths: new[] { 1, 3, 1, 1 },
        fieldOffsets: new[] { 0, 1, 2 },
        fieldPaths: new[] { 0, 3 },
        predicateFields: new[] { 0, 0 },
        patternOffsets: new[] { 0, 3 },
        patterns: new[] { 0, 0, 1, 6, 0, 2 },
        scans: null);

    [Fact]
    public void A_memo_evaluates_a_predicate_once_per_event()
    {
        var memo = new PredicateMemo(Table());
        using JsonDocument yes = JsonDocument.Parse("{\"A\":\"YES\"}");
        using JsonDocument no = JsonDocument.Parse("{\"A\":\"no\"}");

        memo.NextEvent();
        Assert.True(memo.Holds(0, yes.RootElement));
        Assert.True(memo.Holds(1, yes.RootElement));
        // Within one event a result is remembered: asked again (even with another element) it is not re-evaluated.
        Assert.True(memo.Holds(0, no.RootElement));
        Assert.True(memo.Holds(1, no.RootElement));

        memo.NextEvent();
        Assert.False(memo.Holds(0, no.RootElement));
        Assert.False(memo.Holds(1, no.RootElement));
        Assert.False(memo.Holds(0, yes.RootElement));
    }

    [Fact]
    public void The_table_builds_each_field_and_pattern_once_from_its_code()
    {
        PredicateTable table = Table();
        Assert.Equal(2, table.PredicateCount);
        Assert.Equal(0, table.PredicateFieldNumber(0));
        Assert.Same(table.Field(0), table.Field(0));
        Assert.Same(table.Pattern(1), table.Pattern(1));
        Assert.Equal("B", table.Field(1).Name);
        using JsonDocument document = JsonDocument.Parse("{\"A\":\"Yes\"}");
        Assert.True(table.Field(0).AnyValue(document.RootElement, table.Pattern(0)));
    }

    public static TheoryData<int[], string, bool> Programs => new()
    {
        { new[] { 5, 0 }, "{\"A\":\"yes\"}", true },
        { new[] { 2, 5, 0 }, "{\"A\":\"yes\"}", false },
        { new[] { 3, 2, 7, 5, 0, 5, 1 }, "{\"A\":\"yes\"}", true },
        { new[] { 3, 2, 7, 5, 0, 5, 1 }, "{\"A\":\"ye\"}", false },
        { new[] { 4, 2, 7, 5, 0, 5, 1 }, "{\"A\":\"ye\"}", true },
        // An Or that skips its second operand once the first holds, inside an And whose next operand still runs.
        { new[] { 3, 2, 13, 4, 2, 10, 5, 0, 5, 1, 2, 7, 1 }, "{\"A\":\"yes\"}", true },
        { new[] { 3, 2, 13, 4, 2, 10, 5, 0, 5, 1, 2, 7, 1 }, "{\"A\":\"yes\",\"B\":1}", false },
        { new[] { 6, 1 }, "{\"A\":\"yes\",\"B\":null}", true },
        { new[] { 6, 1 }, "{\"A\":\"yes\",\"B\":0}", false },
        { new[] { 7, 1 }, "{\"A\":\"yes\",\"B\":null}", true },
        { new[] { 7, 1 }, "{\"A\":\"yes\"}", false },
        { new[] { 8, 0, 1, 0, 0 }, "{\"A\":\"yes\",\"B\":\"YES\"}", true },
        { new[] { 8, 0, 1, 0, 1 }, "{\"A\":\"yes\",\"B\":\"YES\"}", false },
        { new[] { 1 }, "{}", true },
        { new[] { 0 }, "{}", false },
    };

    [Theory]
    [MemberData(nameof(Programs))]
    public void A_condition_program_evaluates_each_operation(int[] program, string json, bool expected)
    {
        var memo = new PredicateMemo(Table());
        var conditions = new ConditionTable(new[] { 0 }, program);
        conditions.Validate(memo.Table);
        using JsonDocument document = JsonDocument.Parse(json);
        memo.NextEvent();
        Assert.Equal(expected, conditions.IsMatch(0, document.RootElement, memo));
    }

    public static TheoryData<int[]> BrokenPrograms => new()
    {
        Array.Empty<int>(),             // no condition
        new[] { 5 },                    // a predicate without its number
        new[] { 5, 2 },                 // a predicate the table does not have
        new[] { 6, 2 },                 // a field the table does not have
        new[] { 3, 2, 5, 5, 0 },        // an And missing an operand
        new[] { 3, 2, 5, 5, 0, 5, 1 },  // an And with the wrong end
        new[] { 5, 0, 5, 1 },           // two conditions for one rule
        new[] { 8, 0, 1, 7, 0 },        // an unknown text position
        new[] { 42 },                   // an unknown operation
    };

    [Theory]
    [MemberData(nameof(BrokenPrograms))]
    public void A_broken_program_is_refused_when_the_set_is_built(int[] program)
    {
        var conditions = new ConditionTable(new[] { 0 }, program);
        Assert.Throws<ArgumentException>(() => conditions.Validate(Table()));
    }

    [Fact]
    public void A_pattern_is_built_once_however_many_threads_need_it_at_once()
    {
        // Threads that start a scan together meet the same predicates: one builds a pattern and the others wait for
        // it (a long contains list takes long enough to build that threads racing to build it would each build one).
        var random = new Random(11);
        string[] needles = Enumerable.Range(0, 20_000)
            .Select(_ => new string(Enumerable.Range(0, random.Next(4, 30)).Select(_ => (char)random.Next('a', 'z' + 1)).ToArray()))
            .Append("Path")
            .ToArray();
        byte[] text = System.Text.Encoding.UTF8.GetBytes(string.Concat(needles));
        int path = needles.Length - 1;
        var table = new PredicateTable(
            strings: () => text,
            stringLengths: needles.Select(n => n.Length).ToArray(),
            fieldOffsets: new[] { 0, 1 },
            fieldPaths: new[] { path },
            predicateFields: new[] { 0 },
            patternOffsets: new[] { 0 },
            patterns: new[] { (int)PatternCode.ContainsAny, 0, path }.Concat(Enumerable.Range(0, path)).ToArray(),
            scans: null);
        ValuePattern[] patterns = AllAtOnce.Run(8, () => table.Pattern(0));
        Assert.All(patterns, pattern => Assert.Same(patterns[0], pattern));
        Assert.Equal(1, table.PatternsBuilt);
        Assert.True(((TextPattern)patterns[0]).IsMatch("x " + needles[123].ToUpperInvariant() + " y"));
    }

    [Fact]
    public void Tables_that_do_not_fit_are_refused()
    {
        // Strings that do not fit, a field without paths, a path or field the table lacks, a pattern outside the code.
        Assert.Throws<ArgumentException>(() => new PredicateTable(() => "A"u8, new[] { 2 }, new[] { 0, 1 }, new[] { 0 }, new[] { 0 }, new[] { 0 }, new[] { 8 }, null));
        Assert.Throws<ArgumentException>(() => new PredicateTable(() => "A"u8, new[] { 1 }, new[] { 0, 0 }, Array.Empty<int>(), Array.Empty<int>(), Array.Empty<int>(), new[] { 8 }, null));
        Assert.Throws<ArgumentException>(() => new PredicateTable(() => "A"u8, new[] { 1 }, new[] { 0, 1 }, new[] { 1 }, new[] { 0 }, new[] { 0 }, new[] { 8 }, null));
        Assert.Throws<ArgumentException>(() => new PredicateTable(() => "A"u8, new[] { 1 }, new[] { 0, 1 }, new[] { 0 }, new[] { 1 }, new[] { 0 }, new[] { 8 }, null));
        Assert.Throws<ArgumentException>(() => new PredicateTable(() => "A"u8, new[] { 1 }, new[] { 0, 1 }, new[] { 0 }, new[] { 0 }, new[] { 1 }, new[] { 8 }, null));

        (IReadOnlyList<IDetectionRule> all, RuleSet set) = Compile(
            "sel:\n  Image|endswith: '\\whoami.exe'\ncondition: sel",
            "sel:\n  Image|endswith: '\\cmd.exe'\n  User: x\ncondition: sel");
        RuleSetIndex index = set.Index;
        PredicateTable predicates = set.Predicates!;
        RuleSummaryTable summaries = set.SummaryTable!;
        // A condition table for another number of rules, or naming predicates the table lacks, is refused.
        Assert.Throws<ArgumentException>(() => new RuleSet(all, index, predicates, new ConditionTable(new[] { 0 }, new[] { 1 }), summaries));
        Assert.Throws<ArgumentException>(() => new RuleSet(all, index, predicates, new ConditionTable(new[] { 0, 2 }, new[] { 5, 0, 5, 99 }), summaries));
        // So is a summary table for another number of rules.
        var one = new RuleSummaryTable(() => "00000000-2222-4333-8444-555555555555"u8, "3", () => "One"u8, new[] { 3 });
        Assert.Throws<ArgumentException>(() => new RuleSet(all, index, predicates, set.Conditions!, one));
        // Without tables the set still answers as its rules do, calling each candidate's IsMatch.
        var plain = new RuleSet(all, index);
        using JsonDocument document = JsonDocument.Parse("{\"Image\":\"C:\\\\cmd.exe\",\"User\":\"x\"}");
        Assert.Equal(Expected(all, document.RootElement), Actual(plain, document.RootElement));
        Assert.Single(Actual(plain, document.RootElement));
        Assert.Equal(Actual(set, document.RootElement), Actual(plain, document.RootElement));
    }
}
