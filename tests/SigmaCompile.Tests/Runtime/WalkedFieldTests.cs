using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using SigmaCompile.Matching;
using SigmaCompile.RuleSets;
using Xunit;

namespace SigmaCompile.Tests.Runtime;

/// <summary>
/// A rule set's predicates read a field from the prefilter's walk over the event (the trie nodes it reached and the
/// values there) instead of looking it up again, and must answer exactly as a lookup through FieldPath does: the
/// longest key wins at each object, the last of duplicate names, arrays stand for their elements. Where the walk
/// cannot tell (a duplicate, a dotted or escaped name, an array on the way, a '*' segment) the field is looked up.
/// </summary>
public sealed class WalkedFieldTests
{
    // The prefilter's fields: r.s.t, r.*.t and k (one Present atom each), as table text.
    private static RuleSetIndex Index()
    {
        string[] paths = { "r.s.t", "r.*.t", "k" };
        byte[] text = Encoding.UTF8.GetBytes(string.Concat(paths));
        return new RuleSetIndex(
            ruleCount: 3,
            fieldPaths: () => text,
            fieldPathLengths: paths.Select(p => p.Length).ToArray(),
            fieldOffsets: new[] { 0, 1, 2, 3 },
            atomFields: new[] { 0, 1, 2 },
            atomKinds: new[] { PrefilterAtomKind.Present, PrefilterAtomKind.Present, PrefilterAtomKind.Present },
            atomNeedles: () => default,
            atomNeedleLengths: new[] { 0, 0, 0 },
            atomRuleOffsets: new[] { 0, 1, 2, 3 },
            atomRules: new[] { 0, 1, 2 },
            alwaysRules: Array.Empty<int>());
    }

    // The predicates' fields: r.s.t (whole route), r.*.t (a route up to the '*'), r.s.u (not in the trie: looked
    // up), and r.s.t or r.*.t (two paths); each field equal to "x" (predicate f) and holding any text (f + 4).
    private static readonly string[] FieldPaths = { "r.s.t", "r.*.t", "r.s.u" };

    private static PredicateTable Table()
    {
        string[] strings = [.. FieldPaths, "x"];
        byte[] text = Encoding.UTF8.GetBytes(string.Concat(strings));
        const int x = 3;
        return new PredicateTable(
            strings: () => text,
            stringLengths: strings.Select(s => s.Length).ToArray(),
            fieldOffsets: new[] { 0, 1, 2, 3, 5 },
            fieldPaths: new[] { 0, 1, 2, 0, 1 },
            predicateFields: new[] { 0, 1, 2, 3, 0, 1, 2, 3 },
            patternOffsets: new[] { 0, 3, 6, 9, 12, 13, 14, 15 },
            patterns: new[] { 0, 0, x, 0, 0, x, 0, 0, x, 0, 0, x, 8, 8, 8, 8 },
            scans: null);
    }

    public static readonly string[] Events =
    {
        "{\"r\":{\"s\":{\"t\":\"x\"}}}",
        "{\"r\":{\"s\":{\"t\":\"X\",\"u\":\"x\"}},\"k\":1}",
        "{\"r\":{\"s\":{\"t\":[\"q\",\"x\"]}}}",
        "{\"r\":{\"s\":{\"t\":null}}}",
        "{\"r\":{\"s\":{}}}",
        "{\"r\":{\"s\":5}}",
        "{\"r\":null}",
        "{}",
        "{\"k\":\"x\"}",
        // Duplicate names: the last one wins, on the way and at the end.
        "{\"r\":{\"s\":{\"t\":\"x\"}},\"r\":{\"q\":1}}",
        "{\"r\":{\"q\":1},\"r\":{\"s\":{\"t\":\"x\"}}}",
        "{\"r\":{\"s\":{\"t\":\"x\",\"t\":\"y\"}}}",
        "{\"r\":{\"s\":{\"t\":\"y\",\"t\":\"x\"}}}",
        // Dotted keys: the longest key at each object wins over the nested path.
        "{\"r.s.t\":\"x\"}",
        "{\"r.s\":{\"t\":\"x\"}}",
        "{\"r\":{\"s.t\":\"x\"}}",
        "{\"r\":{\"s\":{\"t\":\"y\"}},\"r.s\":{\"t\":\"x\"}}",
        "{\"r.s\":{\"t\":\"y\"},\"r\":{\"s\":{\"t\":\"x\"}}}",
        "{\"r.s\":5,\"r\":{\"s\":{\"t\":\"x\"}}}",
        "{\"r\":{\"s\":{\"t\":\"x\"}},\"r.s.t\":null}",
        // Arrays on the way stand for their elements.
        "{\"r\":[{\"s\":{\"t\":\"y\"}},{\"s\":{\"t\":\"x\"}}]}",
        "{\"r\":{\"s\":[{\"t\":\"x\"},{\"u\":\"x\"}]}}",
        "[{\"r\":{\"s\":{\"t\":\"x\"}}}]",
        // Escaped names are the names they spell.
        "{\"r\":{\"\\u0073\":{\"t\":\"x\"}}}",
        "{\"\\u0072\":{\"s\":{\"t\":\"x\"}}}",
        // Other properties under r, for the '*'.
        "{\"r\":{\"q\":{\"t\":\"x\"}}}",
        "{\"r\":{\"s\":{\"t\":\"y\"},\"q\":{\"t\":\"x\"}}}",
        "{\"r\":{\"q\":{\"u\":\"x\"}},\"k\":[1]}",
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Predicates_read_from_the_walk_answer_as_a_lookup_does(bool pathsAdded)
    {
        RuleSetIndex index = Index();
        if (pathsAdded)
            index.AddReadPaths(FieldPaths); // as a rule set does: r.s.u joins the trie
        var candidates = new CandidateSet(index);
        PredicateTable table = Table();
        var memo = new PredicateMemo(table, candidates);
        foreach (string json in Events)
        {
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement evt = document.RootElement;
            candidates.Clear();
            index.Prefilter(evt, candidates);
            memo.NextEvent();
            for (int p = 0; p < table.PredicateCount; p++)
            {
                FieldPath field = table.Field(table.PredicateFieldNumber(p));
                Assert.True(field.AnyValue(evt, table.Pattern(p)) == memo.Holds(p, evt), $"predicate {p} ({field.Name}) on {json}");
            }
            for (int f = 0; f < table.FieldCount; f++)
            {
                Assert.True(table.Field(f).Exists(evt) == memo.Exists(f, evt), $"exists {table.Field(f).Name} on {json}");
                Assert.True(table.Field(f).IsNullOrMissing(evt) == memo.IsNullOrMissing(f, evt), $"null {table.Field(f).Name} on {json}");
            }
        }
    }

    public static TheoryData<string, string> Reaches => new()
    {
        // The walk answers where it can tell: the value, or that the field is missing.
        { "{\"r\":{\"s\":{\"t\":\"x\"}}}", nameof(FieldReach.One) },
        { "{\"r\":{\"s\":{\"t\":[\"q\",\"x\"]}}}", nameof(FieldReach.One) },
        { "{\"r\":{\"s\":{\"t\":null}},\"k\":1}", nameof(FieldReach.One) },
        { "{}", nameof(FieldReach.Missing) },
        { "{\"r\":{\"s\":{}}}", nameof(FieldReach.Missing) },
        { "{\"r\":{\"s\":5}}", nameof(FieldReach.Missing) },
        // Elsewhere the field is looked up.
        { "{\"r\":{\"s\":{\"t\":\"x\"}},\"r\":{\"q\":1}}", nameof(FieldReach.Several) },
        { "{\"r\":{\"s\":{\"t\":\"x\",\"t\":\"y\"}}}", nameof(FieldReach.Several) },
        { "{\"r.s\":{\"t\":\"x\"}}", nameof(FieldReach.Several) },
        { "{\"r\":[{\"s\":{\"t\":\"x\"}}]}", nameof(FieldReach.Several) },
        { "{\"r\":{\"\\u0073\":{\"t\":\"x\"}}}", nameof(FieldReach.Several) },
    };

    [Theory]
    [MemberData(nameof(Reaches))]
    public void The_walk_tells_where_a_field_is_only_when_nothing_else_could_hold_it(string json, string reach)
    {
        FieldReach expected = Enum.Parse<FieldReach>(reach);
        RuleSetIndex index = Index();
        var candidates = new CandidateSet(index);
        using JsonDocument document = JsonDocument.Parse(json);
        index.Prefilter(document.RootElement, candidates);
        PathRoute route = index.Route("r.s.t");
        Assert.True(route.Whole);
        Assert.Equal(expected, candidates.Find(route, out JsonElement value));
        if (expected == FieldReach.One)
            Assert.Equal(document.RootElement.GetProperty("r").GetProperty("s").GetProperty("t").GetRawText(), value.GetRawText());
    }

    [Fact]
    public void A_path_with_a_star_is_missing_where_the_walk_never_reached_the_part_before_it()
    {
        RuleSetIndex index = Index();
        var candidates = new CandidateSet(index);
        PathRoute star = index.Route("r.*.t");
        Assert.False(star.Whole);
        Assert.Single(star.Nodes!);
        Assert.Null(index.Route("r.s.u").Nodes); // leaves the trie: a dotted key "r.s.u" could spell it unseen
        Assert.Equal(FieldReach.Several, candidates.Find(index.Route("r.s.u"), out _)); // so it is looked up
        Assert.Null(index.Route("*.t").Nodes);
        foreach ((string json, FieldReach expected) in new[] { ("{\"k\":1}", FieldReach.Missing), ("{\"r\":{\"q\":{\"t\":1}}}", FieldReach.Several), ("{\"r.q\":{\"t\":1}}", FieldReach.Missing) })
        {
            using JsonDocument document = JsonDocument.Parse(json);
            candidates.Clear();
            index.Prefilter(document.RootElement, candidates);
            Assert.Equal(expected, candidates.Find(star, out _));
        }
    }

    [Fact]
    public void Paths_the_predicates_read_join_the_trie_until_a_walk_is_made_for_it()
    {
        RuleSetIndex index = Index();
        Assert.Null(index.Route("r.s.u").Nodes);
        index.AddReadPaths(["r.s.u", "z.*.y"]);
        PathRoute added = index.Route("r.s.u");
        Assert.True(added.Whole);
        Assert.Equal(3, added.Nodes!.Length);
        Assert.Equal(index.Route("r.s.t").Nodes![..2], added.Nodes[..2]);
        Assert.False(index.Route("z.*.y").Whole);

        var candidates = new CandidateSet(index);
        using JsonDocument document = JsonDocument.Parse("{\"r\":{\"s\":{\"u\":\"x\"}}}");
        index.Prefilter(document.RootElement, candidates);
        Assert.Equal(FieldReach.One, candidates.Find(added, out JsonElement value));
        Assert.Equal("x", value.GetString());
        Assert.Equal(0, candidates.Candidates(new int[3])); // a path only read has no atoms to fire

        // Once a walk's scratch exists the trie is final: later paths are left to lookups.
        index.AddReadPaths(["q.w"]);
        Assert.Null(index.Route("q.w").Nodes);
    }
}
