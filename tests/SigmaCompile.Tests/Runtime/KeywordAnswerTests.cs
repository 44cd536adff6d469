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
/// A keyword search whose values are all keyword atoms, or probes (values of four characters or more that the pass
/// looks for without making any rule a candidate), is answered from the prefilter's keyword pass (KeywordAnswers):
/// false when none of them fired, true when one did on an event whose strings are all ASCII, and searched as before
/// otherwise. The answers are always those of the rules' own IsMatch; the searches that ran are counted.
/// </summary>
public sealed class KeywordAnswerTests
{
    // Rule i gets id i, so registry order (by id) is the order here.
    private static (IReadOnlyList<IDetectionRule> All, RuleSet Set) Compile(params string[] detections) => Detections.NumberedSet("Keyword", detections);

    private static readonly string[] Rules =
    {
        "keywords:\n  - 'mimikatz'\n  - 'sekurlsa'\ncondition: keywords",                       // 0: its values are atoms
        "keywords:\n  - 'mimikatz'\n  - 'sekurlsa'\nsel:\n  User: x\ncondition: keywords or sel", // 1: the same search
        "keywords:\n  - 'mimikatz'\nf:\n  - 'benign'\ncondition: keywords and not f",            // 2: 'benign' is a probe
        "sel:\n  CommandLine|contains: 'zzz'\ncondition: sel",                                   // 3: CommandLine has atoms
        "keywords:\n  - 'sekurlsa*logon'\ncondition: keywords",                                  // 4: an inner wildcard
        "keywords:\n  - 'mimikatz'\nf:\n  - 'now'\ncondition: keywords and not f",               // 5: too short a probe
    };

    // A search of rule r's keyword test n, counted.
    private static CountingPattern Count(RuleSet set, int rule, int test)
    {
        int predicate = set.Conditions!.Predicates(rule)[test];
        Assert.True(set.Predicates!.PredicateFieldNumber(predicate) < 0, $"rule {rule}'s test {test} should be a keyword search");
        var counting = new CountingPattern((TextPattern)set.Predicates.Pattern(predicate));
        set.Predicates.Preset(predicate, counting);
        return counting;
    }

    private static void AssertAnswers(IReadOnlyList<IDetectionRule> all, RuleSet set, JsonElement evt)
    {
        var actual = new List<IDetectionRule>();
        set.Match(evt, actual);
        Assert.Equal(all.Where(r => r.IsMatch(evt)), actual);
    }

    private static string Long(string word) => string.Concat(Enumerable.Repeat("padding ", 150)) + word + " end";

    [Fact]
    public void A_search_whose_values_are_atoms_or_probes_is_answered_by_the_keyword_pass_on_ascii_events()
    {
        (IReadOnlyList<IDetectionRule> all, RuleSet set) = Compile(Rules);
        CountingPattern answered = Count(set, 0, 0);
        CountingPattern probed = Count(set, 2, 1);
        CountingPattern wildcard = Count(set, 4, 0);
        CountingPattern shortValue = Count(set, 5, 1);
        string[] events =
        {
            "{\"a\":[{\"b\":\"run MIMIKATZ now\"}],\"User\":\"y\"}",     // true: a nested string
            "{\"User\":\"x\",\"c\":\"nothing here\"}",                   // false, a candidate by rule 1's sel
            "{\"User\":\"x\",\"c\":\"mimikat z\"}",
            "{\"c\":\"benign mimikatz\"}",                               // rule 2's filter holds
            $"{{\"CommandLine\":\"{Long("SEKURLSA::logonpasswords")}\"}}", // a long value of a field with atoms
            $"{{\"other\":\"{Long("sekurlsa")}\"}}",                     // a long string of no field
            $"{{\"other\":\"{string.Concat(Enumerable.Repeat("x", 2000))}sekurlsa\"}}", // longer than the long cache
            "{\"User\":\"x\",\"n\":1234,\"t\":true,\"z\":null}",
        };
        using var documents = new DocumentList(events);
        int detected = 0;
        // Three rounds: strings seen before fire their atoms from the pass's caches.
        for (int round = 0; round < 3; round++)
        {
            foreach (JsonDocument document in documents.Items)
            {
                AssertAnswers(all, set, document.RootElement);
                detected += all.Count(r => r.IsMatch(document.RootElement));
            }
        }
        Assert.True(detected >= 3 * 8, $"the events should exercise the rules, got {detected} detections");
        Assert.Equal(0, answered.Calls);
        // 'benign' is no rule's atom, but a keyword probe: the pass looks for it, and answers its search too.
        Assert.Equal(0, probed.Calls);
        Assert.True(shortValue.Calls > 0, "a search with a value shorter than a probe is still searched");
        Assert.True(wildcard.Calls > 0, "a search with a wildcard is still searched");
        // A probe found makes no rule a candidate.
        using JsonDocument probeOnly = JsonDocument.Parse("{\"c\":\"benign\"}");
        Assert.Equal(0, set.CandidateCount(probeOnly.RootElement));
    }

    [Fact]
    public void Events_with_text_that_is_not_ascii_are_searched_where_an_atom_fired()
    {
        (IReadOnlyList<IDetectionRule> all, RuleSet set) = Compile(Rules);
        CountingPattern search = Count(set, 0, 0);
        // U+017F (long s) folds to S for the prefilter, and the matchers read it as s too: the rule matches, but only
        // the search may say so, as the pass answers only for ASCII text.
        using JsonDocument longS = JsonDocument.Parse("{\"c\":\"\u017Fekurl\u017Fa\"}");
        using JsonDocument accented = JsonDocument.Parse("{\"c\":\"mimikatz\",\"d\":\"caf\\u00e9\"}");
        using JsonDocument plain = JsonDocument.Parse("{\"c\":\"mimikatz\",\"d\":\"cafe\"}");
        using JsonDocument none = JsonDocument.Parse("{\"User\":\"x\",\"d\":\"caf\u00e9\"}");
        for (int round = 0; round < 3; round++)
        {
            int before = search.Calls;
            AssertAnswers(all, set, longS.RootElement);
            Assert.True(all[0].IsMatch(longS.RootElement));
            AssertAnswers(all, set, accented.RootElement);
            Assert.Equal(before + 2, search.Calls);
            // The next event is ASCII again: answered by the pass, searched by no one.
            AssertAnswers(all, set, plain.RootElement);
            // No atom fired: false without a search, whatever the text.
            AssertAnswers(all, set, none.RootElement);
            Assert.Equal(before + 2, search.Calls);
        }
    }

    [Fact]
    public void The_set_agrees_with_the_rules_on_random_keyword_events()
    {
        string[] words = { "mimikatz", "sekurlsa", "benign", "zzz", "\u017Fekurl\u017Fa", "MIMI", "katz", "caf\u00e9", "x" };
        (IReadOnlyList<IDetectionRule> all, RuleSet set) = Compile(Rules);
        var random = new Random(5);
        int detected = 0;
        for (int i = 0; i < 2000; i++)
        {
            string Text() => string.Join(random.Next(2) == 0 ? " " : "", Enumerable.Range(0, random.Next(1, 4)).Select(_ => words[random.Next(words.Length)]));
            var fields = new List<string>();
            foreach (string name in new[] { "User", "CommandLine", "a", "b" })
            {
                if (random.Next(3) > 0)
                    fields.Add($"\"{name}\":{JsonSerializer.Serialize(random.Next(4) == 0 ? Long(Text()) : Text())}");
            }
            if (random.Next(3) == 0)
                fields.Add($"\"arr\":[{JsonSerializer.Serialize(Text())},{{\"deep\":{JsonSerializer.Serialize(Text())}}}]");
            using JsonDocument document = JsonDocument.Parse("{" + string.Join(",", fields) + "}");
            AssertAnswers(all, set, document.RootElement);
            detected += all.Count(r => r.IsMatch(document.RootElement));
        }
        Assert.True(detected > 1000, $"the events should hold many keywords, got {detected} detections");
    }

    private sealed class CountingPattern : TextPattern
    {
        private readonly TextPattern _inner;

        public CountingPattern(TextPattern inner)
        {
            _inner = inner;
            FoldsCase = inner.FoldsCase;
        }

        public int Calls { get; private set; }

        // Called once per string a search reads.
        public override bool IsMatch(ReadOnlySpan<char> text)
        {
            Calls++;
            return _inner.IsMatch(text);
        }
    }
}
