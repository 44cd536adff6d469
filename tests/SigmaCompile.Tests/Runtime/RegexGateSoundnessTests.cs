using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SigmaCompile.Generator.Lowering;
using SigmaCompile.Matching;
using SigmaCompile.RuleSets;
using Xunit;
using Xunit.Abstractions;
using GeneratorRegexFlags = SigmaCompile.Generator.Model.RegexFlags;
using GeneratorRegexRun = SigmaCompile.Generator.Model.RegexRun;
using RegexFlags = SigmaCompile.Matching.RegexFlags;

namespace SigmaCompile.Tests.Runtime;

/// <summary>
/// The regex gate never rejects text the regex matches: whenever the regex (as RegexPattern builds it) matches a
/// text, the text contains one of the generator's necessary literals ignoring case (as the runtime gate searches),
/// and its folded form contains one folded literal (as the rule-set prefilter searches); and the gated pattern
/// answers as the ungated one. Checked on hand-written patterns and on every <c>|re</c> value of the SigmaHQ corpus,
/// over random texts, texts built from each pattern's own pieces with cases and look-alike letters swapped, texts
/// with characters outside the BMP, and real event values.
/// </summary>
public sealed class RegexGateSoundnessTests(ITestOutputHelper output)
{
    /// <summary>Patterns that lean on each construct RegexLiterals reads, and on the letters <c>i</c> relates to non-ASCII ones.</summary>
    internal static readonly (string Pattern, string Flags)[] Tricky =
    {
        ("mimikatz", "i"), ("mimikatz", ""), ("kelvin", "i"), ("process", "i"), ("SECRETS", "i"), ("sekurlsa::", "i"),
        (@"(?:invoke-expression|iex)\s*\(", "i"), (@"(iex|invoke-expression)\(", ""), (@"\\[^\\]+\.exe", ""), (@"\\[^\\]+\.exe", "i"),
        ("colou?r", ""), ("colou??r", "i"), ("(abc|)def", ""), (@"[/\\]windows[/\\]system32", "i"), (@"^\s*cmd(\.exe)?\s+/c", "i"),
        ("a{3}bc", ""), ("(ab){2,}c", "i"), ("abcd+ef", ""), ("a{2,3}bcd", ""), ("x((abc|abd)|(efg))y", ""), ("(?=abc)abcdef", ""),
        ("(?<!x)abc", ""), ("(?<=[a-c])def", "i"), ("caf\u00e9teria", ""), ("caf\u00e9teria", "i"), ("ab\U0001F600cde", ""),
        ("ab\U0001F600cde", "i"), (@"[^\x00-\x7F]{2}text", ""), (@"\bnet1?\.exe\b", "i"), ("^abc$", "m"), ("^abc$", ""),
        ("abc.def", "s"), ("abc.def", ""), ("[a-z-[aeiou]]bcd", ""), ("[]a]xyz", ""), (@"\x41\u0042C", "i"), (@"START\tEND", ""),
        ("(?>abc|ab)cd", ""), ("[sS]ervice", "i"), ("\u212Aelvin", ""), ("\u017Fecret", ""), ("\u0130stanbul", ""), ("[\u0131i]zmir", "i"),
        (@"(?<name>abc|abd)e", "i"), (@"[ab][cd][ef][gh]xyz", ""), ("(a|b|c|d|e|f|g|h|j)xyz", "i"), ("{abc}", ""), ("a{,3}bcd", ""),
        (@"\u00C4rger", ""), (@"\u00C4rger", "i"), ("(?#note)abc", ""), (@"\p{Lu}BC\d", ""), (@"\.(exe|dll|sys)$", "i"),
        (@"(?:[A-Za-z0-9+/]{4}){10,}", ""), (@"-e(nc|ncodedcommand)?\s+[A-Za-z0-9+/=]{20,}", "i"), (@"\.\.[/\\]\.\.[/\\]", ""),
        (@"\^.*\^.*\^", ""), (@"(?s)abc", ""), (@"(?i)ABC", ""), (@"(?i)mimikatz|sekurlsa", ""), (@"(?i)echo.*clip.*&&", ""), (@"a(?i)bcd", ""), (@"(a)\1bcd", ""), ("\uFFFDabc\uFFFDdef", ""),
        (@"\s[a-fA-F0-9]{12}\s[a-fA-F0-9]{8}", ""), ("[a-f0-9]{8,}", "i"), ("(?:[0-9]{9}|[a-f]{10})z", ""), ("x{8}", "i"),
        ("[A-Za-z0-9+/=]{10,}", ""), ("(x[0-9]{8})+", "m"), ("[a-f]{9}", "i"), ("[a-j]{9}", "i"),
    };

    // Look-alikes that .NET's case-insensitive matching relates to ASCII letters, and characters outside the BMP.
    private static readonly string[] Above = ["\U0001F600", "\U00010428", "\uD83D", "\uDE01", "\u212A", "\u017F", "\u0130", "\u0131", "\uFFFD"];

    [Fact]
    public void The_gate_accepts_every_text_a_hand_written_regex_matches()
    {
        Counts counts = Check(Tricky, []);
        output.WriteLine(counts.ToString());
        Assert.True(counts.WithLiterals >= 45, $"expected most hand-written patterns to have literals: {counts}");
        Assert.True(counts.WithRuns >= 7 && counts.RunGated > 100, $"expected the run patterns to have runs, and texts without them: {counts}");
        Assert.True(counts.Matched > 1000 && counts.Gated > 1000, $"the texts should both match and miss the literals often: {counts}");
    }

    [SharedDataFact]
    public void The_gate_accepts_every_text_a_corpus_regex_matches()
    {
        List<(string Pattern, string Flags)> corpus = CodePointRegexCorpusTests.CorpusRegexes();
        Counts counts = Check(corpus, EventValues());
        output.WriteLine(counts.ToString());
        Assert.True(counts.Patterns >= 140, $"expected the corpus's distinct |re values: {counts}");
        Assert.True(counts.WithLiterals * 2 > counts.Patterns, $"most corpus regexes should have necessary literals: {counts}");
        Assert.True(counts.Matched > 1000 && counts.Gated > 100_000, $"the texts should both match and miss the literals often: {counts}");
    }

    [Fact]
    public void Under_i_an_ascii_character_other_than_k_s_i_matches_only_its_ascii_cases()
    {
        // The reason RegexLiterals keeps those characters under i: the gate's ordinal case-insensitive search finds
        // every character the regex takes for them. Checked on both engines RegexPattern may choose.
        for (char c = ' '; c < 0x7F; c++)
        {
            if ("kKsSiI".Contains(c, StringComparison.Ordinal))
                continue;
            string pattern = Regex.Escape(c.ToString());
            foreach (Regex regex in new[]
            {
                new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking),
                new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant),
            })
            {
                for (int t = 0; t <= char.MaxValue; t++)
                {
                    string text = ((char)t).ToString();
                    if (regex.IsMatch(text))
                        Assert.True(text.Equals(c.ToString(), StringComparison.OrdinalIgnoreCase), $"/{pattern}/i matches U+{t:X4}");
                }
            }
        }
        // And the letters that are cut do relate to others, so the cut is needed.
        Assert.Matches(new Regex("k", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), "\u212A");
    }

    [Fact]
    public void A_run_is_found_exactly_where_a_plain_search_finds_it()
    {
        var random = new Random(20261203);
        int found = 0;
        for (int round = 0; round < 2000; round++)
        {
            string characters = new(Enumerable.Range(0, random.Next(1, 4)).Select(_ => "ab0-"[random.Next(4)]).Distinct().ToArray());
            int length = random.Next(1, 9);
            var run = new CharacterRun(characters, length);
            string text = new(Enumerable.Range(0, random.Next(0, 40)).Select(_ => "ab0-x\u00e9"[random.Next(6)]).ToArray());
            bool expected = Enumerable.Range(0, Math.Max(0, text.Length - length + 1)).Any(start => text.Substring(start, length).All(c => characters.Contains(c)));
            Assert.True(expected == run.IsFoundIn(text), $"{length} of [{characters}] in \"{text}\"");
            found += expected ? 1 : 0;
        }
        Assert.InRange(found, 400, 1600); // both answers, often
        Assert.Throws<ArgumentException>(() => new CharacterRun("", 3));
        Assert.Throws<ArgumentException>(() => new CharacterRun("a\u00e9", 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CharacterRun("a", 0));
    }

    [Fact]
    public void A_regex_with_a_run_is_neither_built_nor_run_on_text_without_it()
    {
        TextPattern gated = TextPatterns.RegexWithRun("(", RegexFlags.None, "0123456789", 8);
        Assert.False(gated.IsMatch("1234567 no eight digits in a row 1234567"));
        Assert.ThrowsAny<ArgumentException>(() => gated.IsMatch("x 12345678 y"));
        // With literals as well, both gates must pass.
        TextPattern both = TextPatterns.RegexWithRun("key=[0-9]{8}", RegexFlags.None, "0123456789", 8, "key=");
        Assert.True(both.IsMatch("a key=12345678"));
        Assert.False(both.IsMatch("a key=1234567 and 12345678"));
        Assert.False(both.IsMatch("a 12345678"));
    }

    [Fact]
    public void A_gated_regex_is_neither_built_nor_run_on_text_without_its_literals()
    {
        // An invalid pattern would throw when built: behind a gate that rejects the text, it never is.
        TextPattern gated = TextPatterns.Regex("(", RegexFlags.None, "needle");
        Assert.False(gated.IsMatch("no such literal here"));
        Assert.ThrowsAny<ArgumentException>(() => gated.IsMatch("a NEEDLE here"));
        // The gate ignores case and accepts any one of several literals.
        TextPattern either = TextPatterns.Regex("(iex|invoke-expression)", RegexFlags.None, "iex", "invoke-expression");
        Assert.True(either.IsMatch("x invoke-expression y"));
        Assert.False(either.IsMatch("x INVOKE-EXPRESSION y")); // the gate passes it; the cased regex decides
        Assert.False(either.IsMatch("nothing"));
        Assert.True(TextPatterns.Regex("(?i)abc", RegexFlags.None).IsMatch("xABCx")); // no literals: no gate
    }

    private sealed record Counts(int Patterns, int WithLiterals, int WithRuns, int Texts, int Matched, int Gated, int RunGated)
    {
        public override string ToString() =>
            $"{Patterns} distinct patterns, {WithLiterals} with literals, {WithRuns} with runs; {Texts} texts, {Matched} matched, {Gated} rejected by a gate ({RunGated} for lacking the run)";
    }

    private static Counts Check(IEnumerable<(string Pattern, string Flags)> patterns, IReadOnlyList<string> values)
    {
        int distinct = 0, withLiterals = 0, withRuns = 0, texts = 0, matched = 0, gated = 0, runGated = 0;
        foreach ((string pattern, string flags) in patterns.Distinct())
        {
            distinct++;
            string[] literals = RegexLiterals.Of(pattern, GeneratorFlags(flags)).ToArray();
            if (literals.Length > 0)
                withLiterals++;
            GeneratorRegexRun? run = RegexLiterals.RunOf(pattern, GeneratorFlags(flags));
            var runGate = run is null ? null : new CharacterRun(run.Characters, run.Length);
            if (run is not null)
                withRuns++;
            string[] folded = literals.Select(l => TextFolding.Fold(l)).ToArray();
            RegexFlags runtimeFlags = CodePointRegexTests.Flags(flags);
            TextPattern plain = TextPatterns.Regex(pattern, runtimeFlags);
            TextPattern withGate = run is null
                ? TextPatterns.Regex(pattern, runtimeFlags, literals)
                : TextPatterns.RegexWithRun(pattern, runtimeFlags, run.Characters, run.Length, literals);
            var random = new Random(distinct);
            foreach (string text in Texts(pattern, random).Concat(values))
            {
                texts++;
                bool matches = plain.IsMatch(text);
                bool passes = literals.Length == 0 || literals.Any(l => text.Contains(l, StringComparison.OrdinalIgnoreCase));
                string foldedText = TextFolding.Fold(text);
                bool fires = literals.Length == 0 || folded.Any(l => foldedText.Contains(l, StringComparison.Ordinal));
                bool hasRun = runGate is null || runGate.IsFoundIn(text);
                if (matches)
                {
                    matched++;
                    if (!hasRun)
                        Assert.Fail($"/{pattern}/{flags} matches {CodePointRegexTests.Show(text)}, which holds no run of {run!.Length} of [{run.Characters}]");
                    Assert.True(passes, $"/{pattern}/{flags} matches {CodePointRegexTests.Show(text)}, which contains none of [{string.Join(", ", literals)}]");
                    Assert.True(fires, $"/{pattern}/{flags} matches {CodePointRegexTests.Show(text)}, whose folded form contains none of the folded literals");
                }
                if (!passes || !hasRun)
                    gated++;
                if (!hasRun)
                    runGated++;
                Assert.True(matches == withGate.IsMatch(text), $"/{pattern}/{flags} on {CodePointRegexTests.Show(text)}: the gated pattern answers otherwise");
            }
        }
        return new Counts(distinct, withLiterals, withRuns, texts, matched, gated, runGated);
    }

    private static GeneratorRegexFlags GeneratorFlags(string flags) =>
        (GeneratorRegexFlags)(int)CodePointRegexTests.Flags(flags);

    /// <summary>Texts from the pattern's pieces; each also with cases and look-alike letters swapped, and some with characters above the BMP.</summary>
    private static IEnumerable<string> Texts(string pattern, Random random)
    {
        int n = 0;
        foreach (string text in CodePointRegexCorpusTests.BmpTexts(pattern, random).ToList())
        {
            yield return text;
            yield return Twisted(text, random);
            if (n++ % 3 == 0)
                yield return CodePointRegexCorpusTests.WithCharactersAbove(text, Above, random);
        }
    }

    // Flips ASCII case, and puts in the look-alikes .NET's case-insensitive matching relates to k, s and i.
    private static string Twisted(string text, Random random)
    {
        var twisted = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            int roll = random.Next(10);
            twisted.Append(c switch
            {
                'k' or 'K' when roll < 4 => '\u212A',
                's' or 'S' when roll < 4 => '\u017F',
                'i' when roll < 4 => '\u0131',
                'I' when roll < 4 => '\u0130',
                _ when char.IsAsciiLetter(c) && roll < 6 => (char)(c ^ 0x20),
                _ => c,
            });
        }
        return twisted.ToString();
    }

    /// <summary>Distinct string values of the shared Windows events: every long one, and a sample of about 3,000 others.</summary>
    internal static List<string> EventValues()
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(SharedData.PathOf("events/windows"), "*.jsonl.gz").Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(new GZipStream(File.OpenRead(file), CompressionMode.Decompress));
            int line = 0;
            while (reader.ReadLine() is { } text)
            {
                // Every fifth event of each file keeps the test's cost down and still spans every source.
                if (line++ % 5 != 0 || text.Length == 0)
                    continue;
                using JsonDocument document = JsonDocument.Parse(text);
                Collect(document.RootElement, values);
            }
        }
        // All the long values (command lines, script blocks), and an even sample of the others.
        List<string> ordered = values.Order(StringComparer.Ordinal).ToList();
        List<string> shorter = ordered.Where(v => v.Length < 100).ToList();
        int step = Math.Max(1, shorter.Count / 3000);
        return ordered.Where(v => v.Length >= 100).Concat(shorter.Where((_, i) => i % step == 0)).ToList();
    }

    private static void Collect(JsonElement element, HashSet<string> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                    Collect(property.Value, values);
                break;
            case JsonValueKind.Array:
                foreach (JsonElement item in element.EnumerateArray())
                    Collect(item, values);
                break;
            case JsonValueKind.String when element.GetString() is { Length: >= 3 } value:
                values.Add(value);
                break;
        }
    }
}
