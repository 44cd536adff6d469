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
/// generator's PredicateTable), without mixing up tests that differ, and without carrying a result to the next event.
/// </summary>
public sealed class PredicateMemoTests
{
    // Rule i gets id i, so registry order (by id) is the order here.
    private static (IReadOnlyList<IDetectionRule> All, RuleSet Set) Compile(params string[] detections) =>
        GeneratorHarness.CompileRuleSet(detections.Select((d, i) => GeneratorHarness.Rule($"memo{i:D2}.yml",
            Detections.Rule(d).Replace("11111111-2222-4333-8444-555555555555", $"{i:D8}-2222-4333-8444-555555555555").Replace("Test Rule", $"Memo {i}"))));

    private static List<IDetectionRule> Expected(IReadOnlyList<IDetectionRule> all, JsonElement evt) => all.Where(r => r.IsMatch(evt)).ToList();

    private static List<IDetectionRule> Actual(RuleSet set, JsonElement evt)
    {
        var results = new List<IDetectionRule>();
        set.Match(evt, results);
        return results;
    }

    private static int Predicate(PredicateTable table, int rule, int test)
    {
        Assert.True(test < table.TestCount(rule), $"rule {rule} has {table.TestCount(rule)} value tests");
        return table.Predicates[table.RuleOffsets[rule] + test];
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
        Assert.Equal(Predicate(table, 0, 0), Predicate(table, 1, 0));
        Assert.Equal(Predicate(table, 0, 0), Predicate(table, 7, 0));
        Assert.NotEqual(Predicate(table, 7, 0), Predicate(table, 7, 1));
        int[] distinct = { Predicate(table, 0, 0), Predicate(table, 1, 1), Predicate(table, 2, 0), Predicate(table, 3, 0), Predicate(table, 4, 0), Predicate(table, 5, 0), Predicate(table, 6, 0), Predicate(table, 7, 1), Predicate(table, 8, 0) };
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

    [Fact]
    public void A_memo_evaluates_a_shared_predicate_once_per_event_and_none_every_time()
    {
        // Rules 0 and 1 both number their test 0 as predicate 0; rule 1's test 1 is predicate 1.
        var memo = new PredicateMemo(new PredicateTable(2, new[] { 0, 1, 3 }, new[] { 0, 0, 1 }));
        var field = new FieldPath("A");
        var pattern = new CountingPattern();
        using JsonDocument yes = JsonDocument.Parse("{\"A\":\"yes\"}");
        using JsonDocument no = JsonDocument.Parse("{\"A\":\"no\"}");

        memo.NextEvent();
        memo.EnterRule(0);
        Assert.True(memo.AnyValue(0, field, yes.RootElement, pattern));
        memo.EnterRule(1);
        Assert.True(memo.AnyValue(0, field, yes.RootElement, pattern));
        Assert.Equal(1, pattern.Calls);
        Assert.True(memo.AnyValue(1, field, yes.RootElement, pattern)); // another predicate
        Assert.Equal(2, pattern.Calls);

        memo.NextEvent();
        memo.EnterRule(0);
        Assert.False(memo.AnyValue(0, field, no.RootElement, pattern));
        memo.EnterRule(1);
        Assert.False(memo.AnyValue(0, field, no.RootElement, pattern));
        Assert.Equal(3, pattern.Calls);

        Assert.True(PredicateMemo.None.AnyValue(0, field, yes.RootElement, pattern));
        Assert.True(PredicateMemo.None.AnyValue(0, field, yes.RootElement, pattern));
        Assert.Equal(5, pattern.Calls);
    }

    [Fact]
    public void A_table_that_does_not_fit_its_rules_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new PredicateTable(1, new[] { 0, 2 }, new[] { 0 }));
        Assert.Throws<ArgumentException>(() => new PredicateTable(1, new[] { 0, 1 }, new[] { 1 }));
        Assert.Throws<ArgumentException>(() => new PredicateTable(2, new[] { 1, 0, 2 }, new[] { 0, 1 }));

        (IReadOnlyList<IDetectionRule> all, RuleSet set) = Compile(
            "sel:\n  Image|endswith: '\\whoami.exe'\ncondition: sel",
            "sel:\n  Image|endswith: '\\cmd.exe'\n  User: x\ncondition: sel");
        RuleSetIndex index = set.Index;
        // Rule 0 numbers one test and rule 1 two; a table giving rule 0 two and rule 1 one is refused (the rules
        // given as a plain list are checked at once; LazyRuleListTests covers the generated lazy list).
        IDetectionRule[] rules = all.ToArray();
        Assert.Throws<ArgumentException>(() => new RuleSet(rules, index, new PredicateTable(3, new[] { 0, 2, 3 }, new[] { 0, 1, 2 })));
        Assert.Throws<ArgumentException>(() => new RuleSet(rules, index, new PredicateTable(1, new[] { 0, 1 }, new[] { 0 })));
        // Without a table the set still answers as its rules do.
        var plain = new RuleSet(all, index);
        using JsonDocument document = JsonDocument.Parse("{\"Image\":\"C:\\\\cmd.exe\",\"User\":\"x\"}");
        Assert.Equal(Expected(all, document.RootElement), Actual(plain, document.RootElement));
        Assert.Single(Actual(plain, document.RootElement));
    }

    private sealed class CountingPattern : ValuePattern
    {
        public int Calls { get; private set; }

        public override bool IsMatch(JsonElement value)
        {
            Calls++;
            return value.GetString() == "yes";
        }
    }

    private sealed class DocumentList(IEnumerable<string> json) : IDisposable
    {
        public List<JsonDocument> Items { get; } = json.Select(j => JsonDocument.Parse(j)).ToList();

        public void Dispose() => Items.ForEach(d => d.Dispose());
    }
}
