using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json;
using SigmaCompile.RuleSets;
using SigmaCompile.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SigmaCompile.Tests.Runtime;

/// <summary>The fused rule set gives exactly the answers of calling every rule's IsMatch, and allocates nothing.</summary>
public sealed class RuleSetTests(ITestOutputHelper output)
{
    /// <summary>Rules of every shape the prefilter reasons about: and/or/not, lists of maps, keywords, wildcards, negations.</summary>
    private static readonly string[] Shapes =
    {
        "sel:\n  Image|endswith: '\\whoami.exe'\ncondition: sel",
        "sel:\n  CommandLine|contains|all: [' -enc ', 'JAB']\ncondition: sel",
        "a:\n  A: x\nb:\n  B|startswith: yy\ncondition: a or b",
        "a:\n  A: x\nf:\n  B: y\ncondition: a and not f",
        "f:\n  B: y\ncondition: not f",
        "sel:\n  - A: x\n    B: '*'\n  - C|contains: zz\ncondition: sel",
        "keywords:\n  - 'mimikatz'\n  - 'sekurlsa::*'\ncondition: keywords",
        "sel:\n  A: 'a*b?c'\ncondition: sel",
        "sel:\n  A|re: '^x+y$'\ncondition: sel",
        "sel:\n  A: null\n  B: x\ncondition: sel",
        "sel:\n  A|neq: x\ncondition: sel",
        "sel:\n  N|gte: 10\n  B: x\ncondition: sel",
        "sel:\n  A|cased: XyZ\ncondition: sel",
        "sel:\n  A: ''\ncondition: sel",
        "sel:\n  A|windash|contains: ' -p '\ncondition: sel",
        "sel:\n  nested.deep.A: x\ncondition: sel",
        "sel:\n  A: '\u00e4rger'\ncondition: sel",
        "sel:\n  A: x\nsel2:\n  B: y\nfilter:\n  C: z\ncondition: 1 of sel* and not filter",
        "sel:\n  A|contains: '\u212a'\ncondition: sel",
        "sel:\n  EventID: 4688\ncondition: sel",
    };

    private static readonly string[] Events =
    {
        "{\"Image\":\"C:\\\\Windows\\\\System32\\\\WHOAMI.EXE\"}",
        "{\"CommandLine\":\"powershell -enc JABzAA==\"}",
        "{\"CommandLine\":\"powershell -enc\"}",
        "{\"A\":\"x\"}", "{\"A\":\"X\",\"B\":\"y\"}", "{\"B\":\"yyz\"}", "{\"B\":\"y\"}", "{}",
        "{\"A\":\"x\",\"B\":\"\"}", "{\"C\":\"..zz..\"}", "{\"msg\":[\"run MIMIKATZ now\"]}", "{\"deep\":{\"x\":\"sekurlsa::logonpasswords\"}}",
        "{\"A\":\"aXbYc\"}", "{\"A\":\"abc\"}", "{\"A\":\"xxy\"}", "{\"A\":null,\"B\":\"x\"}", "{\"B\":\"x\"}", "{\"A\":\"y\"}",
        "{\"N\":12,\"B\":\"x\"}", "{\"N\":\"9\",\"B\":\"x\"}", "{\"A\":\"XyZ\"}", "{\"A\":\"xyz\"}", "{\"A\":\"\"}",
        "{\"A\":\"tool \u2013p x\"}", "{\"A\":\"tool /p x\"}", "{\"nested\":{\"deep\":{\"A\":\"x\"}}}", "{\"nested.deep\":{\"A\":\"x\"}}", "{\"nested\":[{\"deep.A\":\"x\"}]}",
        "{\"A\":\"\u00c4RGER\"}", "{\"A\":\"kelvin k\"}", "{\"A\":\"x\",\"C\":\"z\"}", "{\"B\":\"y\",\"C\":\"w\"}",
        "{\"EventID\":4688}", "{\"EventID\":\"4688\"}", "{\"EventID\":[1,4688]}", "{\"A\":[\"q\",\"x\"]}", "{\"A\":{\"x\":1}}",
        "[1,2]", "\"text\"",
    };

    private static (IReadOnlyList<IDetectionRule> All, RuleSet Set) ShapeSet() =>
        CompileSet("Shape", Shapes);

    // Each detection as a rule of its own: ids in order, titles "<title> <i>".
    private static (IReadOnlyList<IDetectionRule> All, RuleSet Set) CompileSet(string title, IEnumerable<string> detections) =>
        GeneratorHarness.CompileRuleSet(detections.Select((d, i) => GeneratorHarness.Rule($"{title.ToLowerInvariant()}{i:D2}.yml",
            Detections.Rule(d).Replace("11111111-2222-4333-8444-555555555555", $"{i:D8}-2222-4333-8444-555555555555").Replace("Test Rule", $"{title} {i}"))));

    private static List<IDetectionRule> Expected(IReadOnlyList<IDetectionRule> all, JsonElement evt) => all.Where(r => r.IsMatch(evt)).ToList();

    private static List<IDetectionRule> Actual(RuleSet set, JsonElement evt)
    {
        var results = new List<IDetectionRule>();
        set.Match(evt, results);
        return results;
    }

    // Asserts that the set gives every rule's own answer on each event; returns how many detections there were.
    private static int AgreeOn(IReadOnlyList<IDetectionRule> all, RuleSet set, IEnumerable<string> events)
    {
        int detections = 0;
        foreach (string json in events)
        {
            using JsonDocument document = JsonDocument.Parse(json);
            List<IDetectionRule> expected = Expected(all, document.RootElement);
            Assert.True(expected.SequenceEqual(Actual(set, document.RootElement)), json);
            detections += expected.Count;
        }
        return detections;
    }

    [Fact]
    public void The_set_gives_the_answers_of_every_rule_on_fixtures()
    {
        (IReadOnlyList<IDetectionRule> all, RuleSet set) = ShapeSet();
        int detections = 0;
        foreach (string json in Events)
        {
            using JsonDocument document = JsonDocument.Parse(json);
            List<IDetectionRule> expected = Expected(all, document.RootElement);
            Assert.Equal(expected, Actual(set, document.RootElement));
            detections += expected.Count;
        }
        Assert.True(detections > 25, $"the fixtures should exercise many rules, got {detections} detections");
    }

    [Fact]
    public void Summaries_report_the_same_matches_without_creating_the_rules()
    {
        (IReadOnlyList<IDetectionRule> all, RuleSet set) = ShapeSet();
        var lazy = Assert.IsType<LazyRuleList>(set.Rules);
        var summaries = new List<RuleSummary>();
        var reported = new List<(int Index, List<RuleSummary> Summaries)>();
        for (int e = 0; e < Events.Length; e++)
        {
            using JsonDocument document = JsonDocument.Parse(Events[e]);
            summaries.Clear();
            set.MatchSummaries(document.RootElement, summaries);
            reported.Add((e, summaries.ToList()));
        }
        // Reading summaries, from the generator's table, created no rule.
        Assert.Equal(0, lazy.CreatedCount);

        int detections = 0;
        foreach ((int e, List<RuleSummary> fromTable) in reported)
        {
            using JsonDocument document = JsonDocument.Parse(Events[e]);
            List<IDetectionRule> expected = Expected(all, document.RootElement);
            Assert.Equal(expected, fromTable.Select(s => all[s.Index]));
            detections += expected.Count;
        }
        Assert.True(detections > 25, $"the fixtures should exercise many rules, got {detections} detections");

        // Each summary says what its rule says, and is made once.
        AssertSummariesSayWhatTheRulesSay(all, set);
        Assert.All(Enumerable.Range(0, all.Count), r => Assert.Same(set.Summary(r), set.Summary(r)));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Summary(all.Count));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Summary(-1));
    }

    [Fact]
    public void Summaries_of_a_set_without_tables_come_from_its_rules()
    {
        (IReadOnlyList<IDetectionRule> all, RuleSet set) = ShapeSet();
        var plain = new RuleSet(all, set.Index);
        using JsonDocument document = JsonDocument.Parse(Events[0]);
        var summaries = new List<RuleSummary>();
        plain.MatchSummaries(document.RootElement, summaries);
        Assert.Equal(Expected(all, document.RootElement), summaries.Select(s => all[s.Index]));
        AssertSummariesSayWhatTheRulesSay(all, plain);
    }

    // Every rule's summary: its position, id, title and level.
    private static void AssertSummariesSayWhatTheRulesSay(IReadOnlyList<IDetectionRule> all, RuleSet set) =>
        Assert.All(Enumerable.Range(0, all.Count), r =>
            Assert.Equal((r, all[r].Id, all[r].Title, all[r].Level), (set.Summary(r).Index, set.Summary(r).Id, set.Summary(r).Title, set.Summary(r).Level)));

    [Fact]
    public void Summaries_carry_every_level_and_odd_titles()
    {
        // Every level, and none; titles (YAML double-quoted) with a quote, a backslash, a tab, the separator the
        // packed lists use, and characters outside ASCII and the BMP.
        string[] levels = { "informational", "low", "medium", "high", "critical", "" };
        string[] titles = { "Plain", "Quote \\\" and \\\\ backslash", "Tab\\tand\\x1Eseparator", "Emoji \\U0001F600 \u00e4rger", "x", "Last" };
        (IReadOnlyList<IDetectionRule> all, RuleSet set) = GeneratorHarness.CompileRuleSet(levels.Select((level, i) => GeneratorHarness.Rule($"level{i}.yml",
            Detections.Rule($"sel:\n  A: x{i}\ncondition: sel")
                .Replace("11111111-2222-4333-8444-555555555555", $"{i:D8}-2222-4333-8444-555555555555")
                .Replace("title: Test Rule", $"title: \"{titles[i]}\"")
                .Replace("level: medium\n", level.Length == 0 ? "" : $"level: {level}\n"))));
        Assert.Equal(levels.Length, all.Count);
        Assert.Equal(Enum.GetValues<RuleLevel>().Order(), all.Select(r => r.Level).Order());
        Assert.Contains(all, r => r.Title == "Quote \" and \\ backslash");
        Assert.Contains(all, r => r.Title == "Tab\tand\u001Eseparator");
        Assert.Contains(all, r => r.Title == "Emoji \U0001F600 \u00e4rger");
        AssertSummariesSayWhatTheRulesSay(all, set);
    }

    [Theory]
    [InlineData("00000000-2222-4333-8444-55555555555", "3", "One", new[] { 3 })] // an id one character short
    [InlineData("00000000-2222-4333-8444-55555555555x", "3", "One", new[] { 3 })] // not a UUID
    [InlineData("00000000-2222-4333-8444-555555555555", "6", "One", new[] { 3 })] // not a level
    [InlineData("00000000-2222-4333-8444-555555555555", "33", "One", new[] { 3 })] // two levels for one rule
    [InlineData("00000000-2222-4333-8444-555555555555", "3", "One", new[] { 4 })] // titles shorter than their lengths
    [InlineData("00000000-2222-4333-8444-555555555555", "3", "One", new[] { -1 })]
    public void A_summary_table_that_does_not_add_up_is_refused(string ids, string levels, string titles, int[] titleLengths) =>
        Assert.Throws<ArgumentException>(() => new RuleSummaryTable(() => Encoding.UTF8.GetBytes(ids), levels, () => Encoding.UTF8.GetBytes(titles), titleLengths));

    [Fact]
    public void A_prefilter_index_reads_its_field_paths_from_table_text_and_refuses_offsets_that_do_not_add_up()
    {
        // Two fields: the first with two paths, the second with one; one atom on each.
        RuleSetIndex Index(int[] fieldOffsets) => new(
            ruleCount: 2,
            fieldPaths: () => "Event.ImageImageUser"u8,
            fieldPathLengths: new[] { 11, 5, 4 },
            fieldOffsets: fieldOffsets,
            atomFields: new[] { 0, 1 },
            atomKinds: new[] { PrefilterAtomKind.Present, PrefilterAtomKind.Present },
            atomNeedles: () => default,
            atomNeedleLengths: new[] { 0, 0 },
            atomRuleOffsets: new[] { 0, 1, 2 },
            atomRules: new[] { 0, 1 },
            alwaysRules: Array.Empty<int>());

        RuleSetIndex index = Index(new[] { 0, 2, 3 });
        var candidates = new CandidateSet(index);
        foreach ((string json, int[] expected) in new[] { ("{\"Event\":{\"Image\":\"x\"}}", new[] { 0 }), ("{\"Image\":1,\"User\":\"u\"}", new[] { 0, 1 }), ("{\"image\":1}", Array.Empty<int>()) })
        {
            using var doc = JsonDocument.Parse(json);
            candidates.Clear();
            index.Prefilter(doc.RootElement, candidates);
            var found = new int[2];
            Assert.Equal(expected, found[..candidates.Candidates(found)].Order());
        }
        Assert.Throws<ArgumentException>(() => Index(new[] { 1, 2, 3 })); // not from 0
        Assert.Throws<ArgumentException>(() => Index(new[] { 0, 2 })); // not to the number of paths (and too few fields)
        Assert.Throws<ArgumentException>(() => Index(new[] { 0, 0, 3 })); // a field with no paths
    }

    // Needles of every length the prefilter's needle filter treats apart (1, 2, 3, 4 and more characters), sharing
    // prefixes and overlapping, ASCII and not; as field values and as keywords.
    private static readonly string[] Needles = { "q", "zx", "abc", "abcd", "bcdxy", "abcdxq", "dxy", "\\win", "жж", "😀", "xyzzyxyzzy" };

    [Fact]
    public void The_set_finds_contained_values_of_every_length_at_every_position()
    {
        IEnumerable<string> detections = Needles.Select(n => $"sel:\n  F|contains: {SigmaCompile.Tests.Semantics.Events.Quote(n)}\ncondition: sel")
            .Concat(Needles.Select(n => $"keywords:\n  - {SigmaCompile.Tests.Semantics.Events.Quote(n)}\ncondition: keywords"))
            .Append("sel:\n  F|contains|all: ['abc', 'zx']\ncondition: sel");
        (IReadOnlyList<IDetectionRule> all, RuleSet set) = CompileSet("Needle", detections);
        var random = new Random(7);
        const string Letters = "abcdxyzqABCDXYZ\\wiW \u0436\u0416";
        int detected = 0;
        for (int e = 0; e < 2000; e++)
        {
            var text = new System.Text.StringBuilder();
            for (int p = random.Next(0, 5); p > 0; p--)
            {
                if (random.Next(3) == 0)
                {
                    string needle = Needles[random.Next(Needles.Length)];
                    text.Append(random.Next(2) == 0 ? needle.ToUpperInvariant() : needle[..random.Next(needle.Length + 1)]);
                }
                else
                {
                    for (int n = random.Next(1, 6); n > 0; n--)
                        text.Append(Letters[random.Next(Letters.Length)]);
                }
            }
            string field = random.Next(4) == 0 ? "G" : "F";
            using JsonDocument document = JsonDocument.Parse(JsonSerializer.Serialize(new Dictionary<string, string> { [field] = text.ToString() }));
            List<IDetectionRule> expected = Expected(all, document.RootElement);
            Assert.True(expected.SequenceEqual(Actual(set, document.RootElement)), $"text '{text}' in {field}");
            detected += expected.Count;
        }
        Assert.True(detected > 1000, $"the texts should hold many needles, got {detected} detections");
    }

    [Fact]
    public void The_set_agrees_with_the_rules_on_random_odd_events_and_never_throws()
    {
        (IReadOnlyList<IDetectionRule> all, RuleSet set) = ShapeSet();
        var random = new Random(11);
        string[] keys = { "A", "B", "C", "N", "F", "EventID", "Image", "CommandLine", "msg", "nested", "deep", "a.b", "nested.deep", "\\u0041" };
        string[] texts =
        {
            "x", "X", "y", "yyz", "zz", "", "abc", "aXbYc", "xxy", "XyZ", "4688", "12", "9", "mimikatz", "SEKURLSA::x",
            "\\u00c4RGER", "\\u212a", "\\ud83d\\ude00", "\\ud800", "a\\\"b", "C:\\\\Windows\\\\System32\\\\whoami.exe",
            "powershell -enc JABzAA==", "tool \\u2013p x", "\\/", "\\t\\n",
        };
        string[] scalars = { "4688", "-0", "1e400", "12.50", "-12", "99999999999999999999", "true", "false", "null" };

        string Value(int depth)
        {
            int pick = random.Next(depth > 3 ? 3 : 5);
            if (pick == 0)
                return "\"" + texts[random.Next(texts.Length)] + "\"";
            if (pick == 1)
                return scalars[random.Next(scalars.Length)];
            if (pick == 2)
                return "\"" + texts[random.Next(texts.Length)] + texts[random.Next(texts.Length)] + "\"";
            if (pick == 3)
                return "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => Value(depth + 1))) + "]";
            return Object(depth + 1);
        }

        string Object(int depth) =>
            "{" + string.Join(",", Enumerable.Range(0, random.Next(0, 5)).Select(_ => "\"" + keys[random.Next(keys.Length)] + "\":" + Value(depth))) + "}";

        int detections = AgreeOn(all, set, Enumerable.Range(0, 3000).Select(_ => random.Next(20) == 0 ? Value(0) : Object(0)));
        Assert.True(detections > 500, $"the random events should match often, got {detections} detections");
    }

    [Fact]
    public void The_set_agrees_with_the_rules_on_random_nested_events_however_they_spell_a_path()
    {
        // The set's predicates read nested fields from the prefilter's walk where it can tell their value (see
        // WalkedFieldTests): on events that spell the paths nested, dotted, escaped, in arrays and with duplicate
        // names, its answers must be the rules' own, whose fields look every path up.
        string[] rules =
        {
            "sel:\n  r.s.t: x\ncondition: sel",
            "sel:\n  r.s.t|contains: y\nf:\n  r.s.u: x\ncondition: sel and not f",
            "sel:\n  r.*.t: x\ncondition: sel",
            "sel:\n  r.s.t: null\n  k: x\ncondition: sel",
            "sel:\n  k: x\nf:\n  r.s.t|exists: true\ncondition: sel and not f",
            "sel:\n  r.s|re: '^x'\ncondition: sel",
            "sel:\n  r.s.t|startswith: x\n  r.q.t|endswith: y\ncondition: sel",
            "sel:\n  k: x\nf:\n  r.s.u: null\ncondition: sel and not f",
        };
        (IReadOnlyList<IDetectionRule> all, RuleSet set) = CompileSet("Nested", rules);
        var random = new Random(7);
        string[] keys = { "r", "s", "t", "u", "q", "k", "r.s", "s.t", "r.s.t", "r.q", "\\u0073", "\\u0072" };
        string[] scalars = { "\"x\"", "\"y\"", "\"xy\"", "\"X\"", "null", "1", "true" };

        string Value(int depth)
        {
            int pick = random.Next(depth > 3 ? 2 : 5);
            if (pick <= 1)
                return scalars[random.Next(scalars.Length)];
            if (pick == 2)
                return "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 3)).Select(_ => Value(depth + 1))) + "]";
            return Object(depth + 1);
        }

        string Object(int depth) =>
            "{" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => "\"" + keys[random.Next(keys.Length)] + "\":" + Value(depth))) + "}";

        int detections = AgreeOn(all, set, Enumerable.Range(0, 10000).Select(_ => Object(0)));
        Assert.True(detections > 500, $"the random events should match often, got {detections} detections");
    }

    [Fact]
    public void Regex_cidr_numeric_and_time_tests_make_a_rule_a_candidate_only_where_their_field_has_a_value()
    {
        string[] detections =
        {
            "sel:\n  R|re: '^x+y$'\ncondition: sel",
            "sel:\n  I|cidr: '10.0.0.0/8'\ncondition: sel",
            "sel:\n  N|gte: 10\ncondition: sel",
            "sel:\n  T|hour: 3\ncondition: sel",
            "sel:\n  - R|re: 'a'\n  - I|cidr: '10.0.0.0/8'\ncondition: sel",
            "sel:\n  R|re: 'a'\nf:\n  N|gte: 1\ncondition: sel and not f",
            "f:\n  R|re: 'a'\ncondition: not f",
        };
        (IReadOnlyList<IDetectionRule> all, RuleSet set) = CompileSet("Present", detections);
        string[] Candidates(string json)
        {
            using JsonDocument document = JsonDocument.Parse(json);
            return set.CandidateRules(document.RootElement).Select(r => r.Title).ToArray();
        }

        Assert.Equal(new[] { "Present 6" }, Candidates("{\"Other\":\"xxy\"}"));
        Assert.Equal(new[] { "Present 6" }, Candidates("{\"R\":{\"nested\":\"xxy\"},\"N\":null}"));
        Assert.Equal(new[] { "Present 0", "Present 4", "Present 5", "Present 6" }, Candidates("{\"R\":\"xxy\"}"));
        Assert.Equal(new[] { "Present 1", "Present 4", "Present 6" }, Candidates("{\"I\":[\"10.1.2.3\"]}"));
        Assert.Equal(new[] { "Present 2", "Present 6" }, Candidates("{\"N\":12}"));
        Assert.Equal(new[] { "Present 3", "Present 6" }, Candidates("{\"T\":\"2024-05-06T03:15:00Z\"}"));
        // And the answers stay those of the rules.
        foreach (string json in new[] { "{\"R\":\"xxy\",\"N\":0}", "{\"R\":\"a\",\"N\":5}", "{\"I\":\"10.0.0.1\",\"T\":\"2024-05-06T03:15:00Z\"}", "{\"N\":\"12\",\"T\":\"x\"}" })
        {
            using JsonDocument document = JsonDocument.Parse(json);
            Assert.Equal(Expected(all, document.RootElement), Actual(set, document.RootElement));
        }
    }

    [Fact]
    public void A_regex_makes_its_rule_a_candidate_only_where_its_field_contains_one_of_its_literals()
    {
        string[] detections =
        {
            "sel:\n  R|re: '\\\\[^\\\\]+\\.exe'\ncondition: sel", // every match contains ".exe"
            "sel:\n  R|re: '(iex|invoke-expression)\\('\ncondition: sel", // "iex(" or "invoke-expression("
            "sel:\n  R|re|i: 'cmd\\.exe /c'\ncondition: sel",
            "sel:\n  R|re: '^x+y$'\ncondition: sel", // no literal of three characters: the field's presence
            "sel:\n  R|re: '\\$\\{\\w+\\}'\ncondition: sel", // "${": two characters, one seldom seen in event text
        };
        (IReadOnlyList<IDetectionRule> all, RuleSet set) = CompileSet("Literal", detections);
        string[] Candidates(string json)
        {
            using JsonDocument document = JsonDocument.Parse(json);
            return set.CandidateRules(document.RootElement).Select(r => r.Title).ToArray();
        }

        Assert.Equal(new[] { "Literal 3" }, Candidates("{\"R\":\"xxy\"}"));
        Assert.Equal(new[] { "Literal 0", "Literal 3" }, Candidates("{\"R\":\"C:\\\\Windows\\\\a.EXE\"}"));
        Assert.Equal(new[] { "Literal 1", "Literal 3" }, Candidates("{\"R\":\"IEX(foo)\"}"));
        Assert.Equal(new[] { "Literal 0", "Literal 2", "Literal 3" }, Candidates("{\"R\":\"CMD.EXE /C dir\"}"));
        Assert.Empty(Candidates("{\"Other\":\"cmd.exe /c iex(\"}"));
        Assert.Equal(new[] { "Literal 3", "Literal 4" }, Candidates("{\"R\":\"echo ${x}\"}"));
        Assert.Equal(new[] { "Literal 3" }, Candidates("{\"R\":\"echo $x {y}\"}"));
        // And the answers stay those of the rules (the cased regex does not match "IEX(").
        foreach (string json in new[] { "{\"R\":\"xxy\"}", "{\"R\":\"C:\\\\Windows\\\\a.EXE\"}", "{\"R\":\"IEX(foo)\"}", "{\"R\":\"iex(foo)\"}", "{\"R\":\"CMD.EXE /C dir\"}", "{\"R\":\"echo ${x}\"}", "{\"R\":\"echo $x {y}\"}" })
        {
            using JsonDocument document = JsonDocument.Parse(json);
            Assert.Equal(Expected(all, document.RootElement), Actual(set, document.RootElement));
        }
        using JsonDocument matching = JsonDocument.Parse("{\"R\":\"CMD.EXE /C dir\"}");
        Assert.Equal(new[] { "Literal 2" }, Actual(set, matching.RootElement).Select(r => r.Title));
    }

    [Fact]
    public void The_logsource_overload_and_selection_keep_only_that_logsource()
    {
        string repo = Path.Combine(AppContext.BaseDirectory, "repo-rules");
        (IReadOnlyList<IDetectionRule> all, RuleSet set) = GeneratorHarness.CompileRuleSet(Directory.EnumerateFiles(repo, "*.yml", SearchOption.AllDirectories)
            .Select(p => GeneratorHarness.Rule(Path.GetRelativePath(repo, p), File.ReadAllText(p))));
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "cloudtrail_lambda_layer.json")));
        var results = new List<IDetectionRule>();
        set.Match(document.RootElement, new LogSource("aws", null, "cloudtrail"), results);
        Assert.Equal("AWS New Lambda Layer Attached", Assert.Single(results).Title);
        results.Clear();
        set.Match(document.RootElement, new LogSource("windows", null, null), results);
        Assert.Empty(results);
        results.Clear();
        set.ForLogSource(new LogSource("windows", null, null)).Match(document.RootElement, results);
        Assert.Empty(results);
        Assert.Equal(all.Count, set.Rules.Count);
    }

    [Fact]
    public void The_span_overload_reports_the_total_and_fills_what_fits()
    {
        (_, RuleSet set) = ShapeSet();
        using JsonDocument document = JsonDocument.Parse("{\"A\":\"x\",\"B\":\"\"}");
        var one = new IDetectionRule?[1];
        int total = set.Match(document.RootElement, one);
        Assert.True(total >= 2);
        Assert.NotNull(one[0]);
    }

    [Fact]
    public void A_fields_prefilter_tables_are_built_when_an_event_first_has_it_once_however_many_threads_need_them()
    {
        (IReadOnlyList<IDetectionRule> all, RuleSet set) = ShapeSet();
        RuleSetIndex index = set.Index;
        Assert.Equal(0, index.BuiltFieldCount);
        using (JsonDocument image = JsonDocument.Parse("{\"Image\":\"C:\\\\whoami.exe\"}"))
        {
            Assert.Equal(Expected(all, image.RootElement), Actual(set, image.RootElement));
            // Image, and the keyword atoms (every event's strings).
            Assert.Equal(2, index.BuiltFieldCount);
            Assert.Equal(Expected(all, image.RootElement), Actual(set, image.RootElement));
            Assert.Equal(2, index.BuiltFieldCount);
        }

        // A fresh set matched from several threads at once gives every rule's answers.
        (all, set) = ShapeSet();
        List<JsonDocument> documents = Events.Select(json => JsonDocument.Parse(json)).ToList();
        try
        {
            List<List<IDetectionRule>> expected = documents.Select(d => Expected(all, d.RootElement)).ToList();
            var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
            using var start = new System.Threading.Barrier(4);
            System.Threading.Tasks.Parallel.For(0, 4, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = 4 }, worker =>
            {
                start.SignalAndWait();
                for (int round = 0; round < 20; round++)
                {
                    for (int e = 0; e < documents.Count; e++)
                    {
                        int at = (e + worker * 7) % documents.Count;
                        if (!expected[at].SequenceEqual(Actual(set, documents[at].RootElement)))
                            failures.Add(Events[at]);
                    }
                }
            });
            Assert.Empty(failures);
            Assert.True(set.Index.BuiltFieldCount > 5, $"the events should reach many fields, {set.Index.BuiltFieldCount} did");
            // One thread builds a field's tables while the others wait for them.
            Assert.Equal(set.Index.BuiltFieldCount, set.Index.TablesBuilt);
        }
        finally
        {
            documents.ForEach(d => d.Dispose());
        }
    }

    [Fact]
    public void Long_field_values_fire_their_keyword_atoms_wherever_the_same_text_occurs()
    {
        // A string value of a field atoms read is scanned once for its field's needles and the keyword atoms, and
        // every other string of the event for the keyword atoms alone: check that no keyword is missed, whether the
        // text sits in that field, in another key, in an array, twice, or escaped differently. Texts come back in
        // later events, in other places, so the string caches answer for the field with the keyword atoms and for
        // the keyword atoms alone, and must not mix them up. The field's first long strings are scanned for its
        // needles and the keyword atoms' apart, the later ones with one index of both: both ways are checked.
        IEnumerable<string> detections = Needles.Select(n => $"sel:\n  F|contains: {SigmaCompile.Tests.Semantics.Events.Quote(n)}\ncondition: sel")
            .Concat(Needles.Select(n => $"keywords:\n  - {SigmaCompile.Tests.Semantics.Events.Quote(n)}\ncondition: keywords"));
        (IReadOnlyList<IDetectionRule> all, RuleSet set) = CompileSet("Long", detections);
        var random = new Random(23);
        const string Letters = "abcdxyzqABCDXYZ\\wiW \u0436";
        var seen = new List<string>();
        string Text()
        {
            if (seen.Count > 0 && random.Next(2) == 0)
                return seen[random.Next(seen.Count)];
            string text = NewText();
            if (seen.Count < 12)
                seen.Add(text);
            else
                seen[random.Next(seen.Count)] = text;
            return text;
        }
        string NewText()
        {
            var text = new System.Text.StringBuilder();
            while (text.Length < StringAtomCache.ShortBytes + random.Next(-8, 200))
            {
                if (random.Next(4) == 0)
                    text.Append(Needles[random.Next(Needles.Length)]);
                else
                    text.Append(Letters[random.Next(Letters.Length)]);
            }
            return text.ToString();
        }
        int detected = 0;
        var longInF = new HashSet<string>(); // distinct, so each is scanned at least once
        for (int e = 0; e < 1500; e++)
        {
            string first = Text(), second = random.Next(3) == 0 ? first : Text();
            if (System.Text.Encoding.UTF8.GetByteCount(first) > StringAtomCache.ShortBytes)
                longInF.Add(first);
            var evt = new Dictionary<string, object> { ["F"] = random.Next(4) == 0 ? new[] { first, second } : first };
            switch (random.Next(4))
            {
                case 0: evt["G"] = second; break;
                case 1: evt["G"] = new[] { second, first }; break;
                case 2: evt["F2"] = new Dictionary<string, string> { ["F"] = second }; break;
            }
            using JsonDocument document = JsonDocument.Parse(JsonSerializer.Serialize(evt));
            List<IDetectionRule> expected = Expected(all, document.RootElement);
            Assert.True(expected.SequenceEqual(Actual(set, document.RootElement)), JsonSerializer.Serialize(evt));
            detected += expected.Count;
        }
        Assert.True(detected > 3000, $"the texts should hold many needles, got {detected} detections");
        Assert.True(longInF.Count > 2 * RuleSetIndex.LongStringsBeforeJoining, $"F should hold long strings before and after they are many: {longInF.Count}");
    }

    [Fact]
    public void Property_names_reach_their_fields_however_the_event_spells_them()
    {
        // The prefilter compares property names as their UTF-8 bytes and decodes only names with an escape (and
        // every name, at a level where some field's name has a backslash). Field names with a dot (a path),
        // non-ASCII letters and backslashes (one and two, under "Weird"), and events that spell them plainly,
        // escaped, as one dotted key or nested: the set must give the rules' own answers on every one.
        string[] detections =
        {
            "sel:\n  Plain: x\ncondition: sel",
            "sel:\n  outer.inner: x\ncondition: sel",
            "sel:\n  '\u00dcber': x\ncondition: sel",
            "sel:\n  'Weird.Reg\\Key': x\ncondition: sel",
            "sel:\n  'Weird.Reg\\\\Key': x\ncondition: sel",
            "sel:\n  'Weird.Reg\\Key|contains': yy\ncondition: sel",
        };
        (IReadOnlyList<IDetectionRule> all, RuleSet set) = CompileSet("Names", detections);
        string[] names =
        {
            "Plain", "Pl\\u0061in", "plain", "Plain.x", "outer.inner", "outer\\u002einner", "outer..inner", ".outer.inner",
            "outer.inner.", "outer", "\u00dcber", "\\u00dcber", "\\u00fcber", "\u00fcber",
            "Reg\\\\Key", "Reg\\u005cKey", "R\\u0065g\\\\Key", "Reg\\\\\\\\Key", "Reg\\u005c\\u005cKey", "RegKey", "Weird.Reg\\\\Key",
        };
        string[] values = { "\"x\"", "\"X\"", "\"ayyb\"", "{\"inner\":\"x\"}", "[\"q\",\"x\"]", "null" };
        int detected = 0, events = 0;
        foreach (string name in names)
        {
            foreach (string value in values)
            {
                foreach (string json in new[] { $"{{\"{name}\":{value}}}", $"{{\"z\":1,\"Weird\":{{\"{name}\":{value}}},\"a\":[{{\"{name}\":{value}}}]}}" })
                {
                    using JsonDocument document = JsonDocument.Parse(json);
                    List<IDetectionRule> expected = Expected(all, document.RootElement);
                    Assert.True(expected.SequenceEqual(Actual(set, document.RootElement)), json);
                    detected += expected.Count;
                    events++;
                }
            }
        }
        Assert.True(detected > events / 10, $"the events should match often: {detected} detections in {events} events");
        // The names that need the slow paths do reach their fields: a dotted key, and one backslash escaped (the
        // field with one backslash, not the one whose name has the escape's raw bytes).
        Assert.Equal(["Names 1"], Titles("{\"outer.inner\":\"x\"}"));
        Assert.Equal(["Names 3"], Titles("{\"Weird\":{\"Reg\\\\Key\":\"x\"}}"));
        Assert.Equal(["Names 4"], Titles("{\"Weird\":{\"Reg\\\\\\\\Key\":\"x\"}}"));

        string[] Titles(string json)
        {
            using JsonDocument document = JsonDocument.Parse(json);
            return Actual(set, document.RootElement).Select(r => r.Title).ToArray();
        }
    }

    [Fact]
    public void Keyword_atoms_of_repeated_strings_fire_as_when_first_scanned()
    {
        // The keyword pass remembers which atoms a string fired (StringAtomCache): strings repeated across events, of
        // the same length with other text, at the short cache's length limit and past it, in the long cache and past
        // its limit, firing more atoms than it keeps, and enough distinct strings to overwrite its slots.
        string[] keywords = { "alpha", "beta", "gamma", "delta", "ab", "lph", "amm", "et", "ta", "ga" };
        IEnumerable<string> detections = keywords.Select(k => $"keywords:\n  - {SigmaCompile.Tests.Semantics.Events.Quote(k)}\ncondition: keywords")
            .Append("keywords:\n  - 'alphabetagammadelta'\ncondition: keywords");
        (IReadOnlyList<IDetectionRule> all, RuleSet set) = CompileSet("Keyword", detections);
        var random = new Random(41);
        var strings = new List<string> { "alphabetagammadelta", "alphabetagammadeltb", "xx" + new string('y', StringAtomCache.ShortBytes - 7) + "alpha",
            "x" + new string('y', StringAtomCache.ShortBytes - 5) + "beta", "ALPHA", "Gamma", "zeta", "", "\u00e4lpha", "t\u0061",
            "z" + new string('y', 300) + "delta", "z" + new string('y', 300) + "deltb", new string('q', 1100) + "beta" };
        for (int n = 0; n < 3000; n++)
            strings.Add(string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => keywords[random.Next(keywords.Length)] + (char)('a' + random.Next(26)))));
        int detected = 0;
        for (int e = 0; e < 4000; e++)
        {
            // Mostly strings seen before (the first thirteen, often), sometimes new ones.
            IEnumerable<string> values = Enumerable.Range(0, random.Next(1, 5)).Select(_ => strings[random.Next(4) == 0 ? random.Next(13) : random.Next(Math.Min(strings.Count, 13 + e))]);
            string json = "{" + string.Join(",", values.Select((v, i) => $"\"k{i}\":\"{v}\"")) + "}";
            using JsonDocument document = JsonDocument.Parse(json);
            List<IDetectionRule> expected = Expected(all, document.RootElement);
            Assert.True(expected.SequenceEqual(Actual(set, document.RootElement)), json);
            detected += expected.Count;
        }
        Assert.True(detected > 4000, $"the strings should hold many keywords, got {detected} detections");
    }

    [Fact]
    public void Matching_a_set_allocates_nothing_per_event()
    {
        (_, RuleSet set) = ShapeSet();
        var results = new List<IDetectionRule>(64);
        var summaries = new List<RuleSummary>(64);
        foreach (string json in Events.Append("{\"CommandLine\":\"" + new string('x', 3000) + " -enc JAB\",\"" + new string('k', 300) + "\":\"v\"}"))
        {
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement evt = document.RootElement;
            long bytes = AllocationMeter.SteadyStateBytes(() =>
            {
                results.Clear();
                set.Match(evt, results);
            }, warmUp: 200, repeat: 500);
            Assert.True(bytes == 0, $"{bytes} bytes allocated matching {json[..Math.Min(60, json.Length)]}");
            long summaryBytes = AllocationMeter.SteadyStateBytes(() =>
            {
                summaries.Clear();
                set.MatchSummaries(evt, summaries);
            }, warmUp: 200, repeat: 500);
            Assert.True(summaryBytes == 0, $"{summaryBytes} bytes allocated reporting summaries for {json[..Math.Min(60, json.Length)]}");
        }
    }

    [SharedDataFact]
    public void The_corpus_set_gives_the_answers_of_every_rule_on_every_shared_event()
    {
        IReadOnlyList<IDetectionRule> all = CompiledCorpus.All;
        RuleSet set = CompiledCorpus.Set;
        int events = 0, detections = 0;
        var summaries = new List<RuleSummary>();
        var mismatches = new List<string>();
        foreach (string file in Directory.EnumerateFiles(SharedData.PathOf("events"), "*.jsonl.gz", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            using var reader = new StreamReader(new GZipStream(File.OpenRead(file), CompressionMode.Decompress));
            int line = 0;
            while (reader.ReadLine() is { } text)
            {
                line++;
                if (text.Length == 0)
                    continue;
                using JsonDocument document = JsonDocument.Parse(text);
                List<IDetectionRule> expected = Expected(all, document.RootElement);
                List<IDetectionRule> actual = Actual(set, document.RootElement);
                summaries.Clear();
                set.MatchSummaries(document.RootElement, summaries);
                if (!summaries.Select(m => all[m.Index]).SequenceEqual(actual))
                    mismatches.Add($"{Path.GetFileName(file)}:{line}: the summaries name other rules than the matches");
                events++;
                detections += expected.Count;
                if (!expected.SequenceEqual(actual))
                    mismatches.Add($"{Path.GetFileName(file)}:{line}: expected [{string.Join(", ", expected.Select(r => r.Title))}] got [{string.Join(", ", actual.Select(r => r.Title))}]");
            }
        }
        foreach (string mismatch in mismatches.Take(20))
            output.WriteLine(mismatch);
        output.WriteLine($"{events} events, {detections} detections, {mismatches.Count} mismatches");
        Assert.Equal(23672 + 3313, events);
        Assert.Empty(mismatches);
        // Every rule's summary, from the generator's table, says what the rule says (every level occurs in the corpus).
        AssertSummariesSayWhatTheRulesSay(all, set);
        Assert.Equal(Enum.GetValues<RuleLevel>().Length - 1, all.Select(r => r.Level).Where(l => l != RuleLevel.Unknown).Distinct().Count());
    }

    [SharedDataFact]
    public void Every_corpus_rule_allocates_nothing_per_event()
    {
        // |re rules included: their regexes run on the interpreter, which reuses its state (a rule whose regex moved to
        // the linear-time engine, after a slow match, could allocate as that engine builds its automaton; none does here).
        int regexRules = Generator.CorpusTests.CorpusFiles(withPlaceholders: false)
            .Count(f => f.GetText()!.ToString().Contains("|re", StringComparison.Ordinal));
        var offenders = new List<string>();
        string[] lines = File.ReadLines(SharedData.PathOf("sigma-regression/events.jsonl")).ToArray();
        var documents = lines.Select(l => JsonDocument.Parse(l)).ToList();
        foreach (IDetectionRule rule in CompiledCorpus.All)
        {
            const int Passes = 3;
            long bytes = AllocationMeter.SteadyStateBytes(() =>
            {
                foreach (JsonDocument document in documents)
                    rule.IsMatch(document.RootElement);
            }, warmUp: 2, repeat: Passes);
            if (bytes != 0)
                offenders.Add($"{rule.Title} ({rule.Id}): {bytes} bytes, {bytes / (double)(Passes * documents.Count):F2} per event");
        }
        documents.ForEach(d => d.Dispose());
        foreach (string offender in offenders.Take(30))
            output.WriteLine(offender);
        Assert.True(regexRules > 100, "the corpus has over a hundred regex rules");
        Assert.Empty(offenders);
    }

    [SharedDataFact]
    public void Matching_the_corpus_set_allocates_nothing_per_event()
    {
        RuleSet set = CompiledCorpus.Set;
        var results = new List<IDetectionRule>(256);
        var summaries = new List<RuleSummary>(256);
        string[] lines = File.ReadLines(SharedData.PathOf("sigma-regression/events.jsonl")).Take(40).ToArray();
        var offenders = new List<string>();
        foreach (string json in lines)
        {
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement evt = document.RootElement;
            long bytes = AllocationMeter.SteadyStateBytes(() =>
            {
                results.Clear();
                set.Match(evt, results);
                summaries.Clear();
                set.MatchSummaries(evt, summaries);
            }, warmUp: 20, repeat: 100);
            if (bytes != 0)
                offenders.Add($"{bytes} bytes over 100 passes, matching [{string.Join(", ", results.Select(r => r.Title))}] on {json[..Math.Min(200, json.Length)]}");
        }
        foreach (string offender in offenders)
            output.WriteLine(offender);
        Assert.Empty(offenders);
    }
}
