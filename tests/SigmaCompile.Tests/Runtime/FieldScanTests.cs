using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using SigmaCompile.Matching;
using SigmaCompile.RuleSets;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Runtime;

/// <summary>
/// The rule set answers case-insensitive equal/startswith/endswith/contains tests from one scan of their field per
/// event (FieldScanTable, FieldScanner): the generator groups exactly those tests by field, the scan's answers are
/// the tests' own, and a value the scan does not read (long, or not ASCII) leaves the test to its pattern.
/// </summary>
public sealed class FieldScanTests
{
    // Rule i gets id i, so registry order (by id) is the order here.
    private static readonly string[] Scannable =
    {
        "sel:\n  F: 'abc'\ncondition: sel",                                  // 0
        "sel:\n  F|startswith: 'ab'\ncondition: sel",                        // 1
        "sel:\n  F|endswith: 'bc'\ncondition: sel",                          // 2
        "sel:\n  F|contains: 'b'\ncondition: sel",                           // 3
        "sel:\n  F|contains: ['abcab', 'cab']\ncondition: sel",              // 4: overlapping needles
        "sel:\n  F|endswith: ['c', 'abc']\ncondition: sel",                  // 5: 'abc' also rule 0's equal needle
        "sel:\n  F: ['abc', 'x']\ncondition: sel",                           // 6
        "sel:\n  F|startswith: '\u0131x'\ncondition: sel",                   // 7: dotless i, upper-cases to ASCII I
        "sel:\n  F|contains: 'a\u017f'\ncondition: sel",                     // 8: long s, upper-cases to ASCII S
        "sel:\n  F|contains: '\u212a'\ncondition: sel",                      // 9: Kelvin sign, folds to k
        "sel:\n  F|contains: '\u0436a'\ncondition: sel",                     // 10: never in ASCII text
        "sel:\n  F: 12\ncondition: sel",                                     // 11: numbers read as their JSON text
        "sel:\n  F|endswith: 'ue'\ncondition: sel",                          // 12: and booleans
        "sel:\n  G|endswith: 'abc'\ncondition: sel",                         // 13: another field
        "sel:\n  nested.F|contains: 'ab'\ncondition: sel",                   // 14: a nested or dotted field
        "keywords:\n  - 'abc'\n  - 'q'\ncondition: keywords",                // 15: keywords are not scanned
        "sel:\n  F|contains|all: ['ab', 'ca']\ncondition: sel",              // 16: two tests
        "sel:\n  F|windash|contains: ' -x'\ncondition: sel",                 // 17: expanded to several needles
        "sel:\n  F|contains: 'abc'\ncondition: not sel",                     // 18: negated
        "a:\n  F|startswith: 'x'\nb:\n  G|contains: 'b'\ncondition: a and not b", // 19: two groups in one rule
    };

    private static readonly string[] Unscannable =
    {
        "sel:\n  F|cased: 'abc'\ncondition: sel",                            // 20
        "sel:\n  F: 'a*c'\ncondition: sel",                                  // 21: a wildcard
        "sel:\n  F|re: 'ab+c'\ncondition: sel",                              // 22
        "sel:\n  F: ''\ncondition: sel",                                     // 23: empty
        "sel:\n  F: ['abc', 'a?c']\ncondition: sel",                         // 24: one value of the list is a wildcard
        "sel:\n  F: null\n  G: 'x'\ncondition: sel",                         // 25: null (its G test is scannable)
        "sel:\n  F|gt: 11\ncondition: sel",                                  // 26
    };

    private static (IReadOnlyList<IDetectionRule> All, RuleSet Set) Compile() =>
        GeneratorHarness.CompileRuleSet(Scannable.Concat(Unscannable).Select((d, i) => GeneratorHarness.Rule($"scan{i:D2}.yml",
            Detections.Rule(d).Replace("11111111-2222-4333-8444-555555555555", $"{i:D8}-2222-4333-8444-555555555555").Replace("Test Rule", $"Scan {i}"))));

    // The scan group of the rule's value test (numbered in its program's order).
    private static int Group(RuleSet set, int rule, int test = 0)
    {
        IReadOnlyList<int> predicates = set.Conditions!.Predicates(rule);
        Assert.True(test < predicates.Count, $"rule {rule} has {predicates.Count} value tests");
        return set.Predicates!.Scans!.PredicateGroups[predicates[test]];
    }

    [Fact]
    public void Exactly_the_case_insensitive_text_tests_with_values_are_grouped_by_field()
    {
        (_, RuleSet set) = Compile();
        PredicateTable table = Assert.IsType<PredicateTable>(set.Predicates);
        FieldScanTable scans = Assert.IsType<FieldScanTable>(table.Scans);

        int f = Group(set, 0);
        Assert.True(f >= 0);
        foreach (int rule in new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 17, 18, 19 })
            Assert.Equal(f, Group(set, rule));
        Assert.Equal(f, Group(set, 16, 0));
        Assert.Equal(f, Group(set, 16, 1));
        int g = Group(set, 13);
        Assert.Equal(g, Group(set, 19, 1));
        Assert.Equal(g, Group(set, 25)); // a null test is not a value test: only G is numbered
        int[] groups = { f, g, Group(set, 14) };
        Assert.Equal(groups.Length, groups.Distinct().Count());
        Assert.All(groups, group => Assert.True(group >= 0));
        Assert.Equal(3, scans.GroupCount);

        foreach (int rule in new[] { 15, 20, 21, 22, 23, 24, 26 })
            Assert.Equal(-1, Group(set, rule));

        // One needle per distinct value of a group: G's are 'abc', 'b' and 'x'; F's 'abc' serves rules 0, 5, 6 and 18.
        int[] offsets = scans.GroupNeedleOffsets;
        Assert.Equal(3, offsets[g + 1] - offsets[g]);
        Assert.Equal(1, offsets[Group(set, 14) + 1] - offsets[Group(set, 14)]);
    }

    [Fact]
    public void The_scanned_answers_are_the_rules_own_on_values_of_every_kind_and_position()
    {
        (IReadOnlyList<IDetectionRule> all, RuleSet set) = Compile();
        var random = new Random(17);
        string[] pieces = { "a", "b", "c", "ab", "bc", "abc", "cab", "x", "q", " -x", " /x", " \u2013x", "12", "ue", "AB", "ABC", "\u0131x", "Ix", "as", "AS", "a\u017f", "k", "K", "\u212a", "\u0436a", "\u0416A", "-" };
        string Text()
        {
            var text = new StringBuilder();
            for (int n = random.Next(0, 4); n > 0; n--)
                text.Append(pieces[random.Next(pieces.Length)]);
            return text.ToString();
        }
        string Value(int depth)
        {
            switch (random.Next(depth > 1 ? 7 : 9))
            {
                case 0: case 1: case 2: case 3:
                    return JsonSerializer.Serialize(Text());
                case 4:
                    return random.Next(4) switch { 0 => "12", 1 => "12.0", 2 => "112", _ => "-12" };
                case 5:
                    return random.Next(3) switch { 0 => "true", 1 => "false", _ => "null" };
                case 6:
                    return "\"" + string.Concat(Text().Select(c => $"\\u{(int)c:x4}")) + "\""; // escaped text
                case 7:
                    return "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => Value(depth + 1))) + "]";
                default:
                    return "{\"F\":" + Value(depth + 1) + "}";
            }
        }

        string[] keys = { "F", "F", "F", "G", "G", "nested", "nested.F", "H" };
        int detections = 0;
        var matched = new HashSet<string>();
        for (int e = 0; e < 4000; e++)
        {
            IEnumerable<string> members = Enumerable.Range(0, random.Next(1, 4)).Select(_ => keys[random.Next(keys.Length)]).Distinct()
                .Select(key => JsonSerializer.Serialize(key) + ":" + Value(0));
            string json = "{" + string.Join(",", members) + "}";
            using JsonDocument document = JsonDocument.Parse(json);
            List<IDetectionRule> expected = all.Where(r => r.IsMatch(document.RootElement)).ToList();
            var actual = new List<IDetectionRule>();
            set.Match(document.RootElement, actual);
            Assert.True(expected.SequenceEqual(actual), $"{json}: expected [{string.Join(", ", expected.Select(r => r.Title))}], got [{string.Join(", ", actual.Select(r => r.Title))}]");
            detections += expected.Count;
            matched.UnionWith(expected.Select(r => r.Title));
        }
        Assert.True(detections > 4000, $"the events should match often, got {detections} detections");
        // Every rule matched some event, so no rule's agreement is vacuous.
        Assert.Equal(all.Select(r => r.Title).OrderBy(t => t), matched.OrderBy(t => t));
    }

    [Fact]
    public void Long_values_find_every_needle_at_every_position()
    {
        (IReadOnlyList<IDetectionRule> all, RuleSet set) = Compile();
        var random = new Random(5);
        const string Filler = "zyZY0-/ ";
        string[] needles = { "abc", "ab", "bc", "cab", "abcab", " -x", "q", "AS", "12" };
        int detections = 0;
        for (int e = 0; e < 500; e++)
        {
            var text = new StringBuilder();
            int length = random.Next(1, 300);
            while (text.Length < length)
                text.Append(random.Next(6) == 0 ? needles[random.Next(needles.Length)] : Filler[random.Next(Filler.Length)].ToString());
            foreach (string key in new[] { "F", "G" })
            {
                using JsonDocument document = JsonDocument.Parse("{" + JsonSerializer.Serialize(key) + ":" + JsonSerializer.Serialize(text.ToString()) + "}");
                List<IDetectionRule> expected = all.Where(r => r.IsMatch(document.RootElement)).ToList();
                var actual = new List<IDetectionRule>();
                set.Match(document.RootElement, actual);
                Assert.True(expected.SequenceEqual(actual), $"{key}: '{text}'");
                detections += expected.Count;
            }
        }
        Assert.True(detections > 2000, $"the texts should hold many needles, got {detections} detections");
    }

    [Fact]
    public void A_scanned_test_does_not_run_its_pattern_unless_a_value_is_long_or_not_ascii()
    {
        // One group (field F) with needles "ab" and "ZZ"; predicate 0 is contains "ab" or endswith "zz", predicate 1
        // is not scanned.
        var scans = new FieldScanTable(
            predicateGroups: new[] { 0, -1 },
            termOffsets: new[] { 0, 2, 2 },
            terms: new[] { (0 << 2) | 3, (1 << 2) | 2 },
            needles: () => "abZZ"u8,
            needleLengths: new[] { 2, 2 },
            groupNeedleOffsets: new[] { 0, 2 });
        // Both predicates' pattern code: any of contains "ab" and endswith "zz", over field F.
        int[] code = { 14, 2, 6, 0, 1, 4, 0, 2 };
        var table = new PredicateTable(() => "Fabzz"u8, new[] { 1, 2, 2 }, new[] { 0, 1 }, new[] { 0 }, new[] { 0, 0 }, new[] { 0, 8 }, code.Concat(code).ToArray(), scans);
        var pattern = new CountingPattern(table.Pattern(0));
        table.Preset(0, pattern);
        table.Preset(1, pattern);
        var memo = new PredicateMemo(table);

        bool Ask(string json, int predicate = 0)
        {
            using JsonDocument document = JsonDocument.Parse(json);
            memo.NextEvent();
            return memo.Holds(predicate, document.RootElement);
        }

        Assert.True(Ask("{\"F\":\"xxABxx\"}"));
        Assert.True(Ask("{\"F\":[\"q\",\"xzZ\"]}"));
        Assert.False(Ask("{\"F\":\"zzx\"}"));
        Assert.False(Ask("{\"G\":\"ab\"}"));
        Assert.Equal(0, pattern.Calls);

        // Non-ASCII text: the pattern answers (it folds case as the scan does not).
        Assert.True(Ask("{\"F\":\"\u00e9ab\"}"));
        Assert.False(Ask("{\"F\":\"\u00e9a\"}"));
        Assert.Equal(2, pattern.Calls);
        // A long value: the pattern answers too.
        Assert.True(Ask("{\"F\":\"" + new string('x', 300) + "ab\"}"));
        Assert.False(Ask("{\"F\":\"" + new string('x', 300) + "\"}"));
        Assert.Equal(4, pattern.Calls);
        Assert.True(Ask("{\"F\":\"" + new string('x', 200) + "ab\"}"));
        Assert.Equal(4, pattern.Calls);
        // An unscanned predicate always runs its pattern.
        Assert.True(Ask("{\"F\":\"ab\"}", predicate: 1));
        Assert.Equal(5, pattern.Calls);
    }

    [Fact]
    public void A_needle_marks_only_the_predicates_whose_terms_hold_where_it_was_found()
    {
        // Needle 0 ("ab") is predicate 0's contains term and predicate 1's endswith term; needle 1 ("c") is
        // predicate 1's startswith term and predicate 2's equal term.
        var scans = new FieldScanTable(
            predicateGroups: new[] { 0, 0, 0 },
            termOffsets: new[] { 0, 1, 3, 4 },
            terms: new[] { (0 << 2) | 3, (0 << 2) | 2, (1 << 2) | 1, (1 << 2) | 0 },
            needles: () => "abc"u8,
            needleLengths: new[] { 2, 1 },
            groupNeedleOffsets: new[] { 0, 2 });
        Assert.Equal(new[] { 0, 2, 4 }, scans.NeedleUseOffsets);
        Assert.Equal(new[] { (0 << 2) | 3, (1 << 2) | 2, (1 << 2) | 1, (2 << 2) | 0 }, scans.NeedleUses);

        // The same predicates as rules over field F, asked through a rule set on values that hold each needle in
        // each place.
        (IReadOnlyList<IDetectionRule> all, RuleSet set) = GeneratorHarness.CompileRuleSet(new[]
        {
            "sel:\n  F|contains: 'ab'\ncondition: sel",
            "sel:\n  F|endswith: 'ab'\ncondition: sel",
            "sel:\n  F|startswith: 'c'\ncondition: sel",
            "sel:\n  F: 'c'\ncondition: sel",
        }.Select((d, i) => GeneratorHarness.Rule($"uses{i}.yml",
            Detections.Rule(d).Replace("11111111-2222-4333-8444-555555555555", $"{i:D8}-2222-4333-8444-555555555555").Replace("Test Rule", $"Uses {i}"))));
        Assert.NotNull(set.Predicates!.Scans);
        foreach ((string value, string expected) in new[]
        {
            ("xabx", "0"), ("xAB", "0,1"), ("cab", "0,1,2"), ("C", "2,3"), ("xc", ""), ("abc", "0"), ("c ab", "0,1,2"),
        })
        {
            using JsonDocument document = JsonDocument.Parse("{\"F\":" + JsonSerializer.Serialize(value) + "}");
            var actual = new List<IDetectionRule>();
            set.Match(document.RootElement, actual);
            Assert.Equal(expected, string.Join(",", actual.Select(r => r.Title[^1..])));
            Assert.Equal(all.Where(r => r.IsMatch(document.RootElement)), actual);
        }
    }

    [Fact]
    public void A_table_that_does_not_fit_is_refused()
    {
        int[] none = Array.Empty<int>();
        // Group offsets that do not end at the number of needles.
        Assert.Throws<ArgumentException>(() => new FieldScanTable(none, new[] { 0 }, none, () => "ab"u8, new[] { 2 }, new[] { 0, 2 }));
        // Term offsets of the wrong length.
        Assert.Throws<ArgumentException>(() => new FieldScanTable(new[] { 0 }, new[] { 0 }, none, () => "ab"u8, new[] { 2 }, new[] { 0, 1 }));
        // A needle longer than the text, and an empty one.
        Assert.Throws<ArgumentException>(() => new FieldScanTable(none, new[] { 0 }, none, () => "ab"u8, new[] { 3 }, new[] { 0, 1 }));
        Assert.Throws<ArgumentException>(() => new FieldScanTable(none, new[] { 0 }, none, () => "ab"u8, new[] { 0 }, new[] { 0, 1 }));
        // A term naming another group's needle, and a predicate with terms but no group.
        Assert.Throws<ArgumentException>(() => new FieldScanTable(new[] { 0 }, new[] { 0, 1 }, new[] { 1 << 2 }, () => "ab"u8, new[] { 1, 1 }, new[] { 0, 1, 2 }));
        Assert.Throws<ArgumentException>(() => new FieldScanTable(new[] { -1 }, new[] { 0, 1 }, new[] { 0 }, () => "ab"u8, new[] { 2 }, new[] { 0, 1 }));
        // A group outside the table.
        Assert.Throws<ArgumentException>(() => new FieldScanTable(new[] { 1 }, new[] { 0, 0 }, none, () => "ab"u8, new[] { 2 }, new[] { 0, 1 }));
        // A predicate table whose scan table covers another number of predicates.
        var scans = new FieldScanTable(new[] { 0 }, new[] { 0, 1 }, new[] { 3 }, () => "ab"u8, new[] { 2 }, new[] { 0, 1 });
        Assert.Throws<ArgumentException>(() => new PredicateTable(() => "F"u8, new[] { 1 }, new[] { 0, 1 }, new[] { 0 }, new[] { 0, 0 }, new[] { 0, 0 }, new[] { 8 }, scans));

        Assert.Equal(1, scans.GroupCount);
        Assert.Equal(1, scans.NeedleCount);
    }

    private sealed class CountingPattern(ValuePattern inner) : ValuePattern
    {
        public int Calls { get; private set; }

        public override bool IsMatch(JsonElement value)
        {
            Calls++;
            return inner.IsMatch(value);
        }
    }

    [Fact]
    public void A_groups_index_is_built_once_however_many_threads_need_it_at_once()
    {
        // Threads that start a scan together meet the same fields: one builds the index and the others wait for it
        // (a large group takes long enough to build that threads racing to build it would each build their own).
        var random = new Random(7);
        string[] needles = Enumerable.Range(0, 20_000)
            .Select(_ => new string(Enumerable.Range(0, random.Next(4, 30)).Select(_ => (char)random.Next('a', 'z' + 1)).ToArray()))
            .ToArray();
        byte[] text = Encoding.UTF8.GetBytes(string.Concat(needles));
        var scans = new FieldScanTable(
            predicateGroups: new[] { 0 },
            termOffsets: new[] { 0, 1 },
            terms: new[] { 3 },
            needles: () => text,
            needleLengths: needles.Select(n => n.Length).ToArray(),
            groupNeedleOffsets: new[] { 0, needles.Length });
        NeedleIndex[] indexes = AllAtOnce.Run(8, () => scans.Index(0));
        Assert.All(indexes, index => Assert.Same(indexes[0], index));
        Assert.Equal(1, scans.IndexesBuilt);
    }
}
