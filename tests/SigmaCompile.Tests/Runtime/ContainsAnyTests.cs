using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using SigmaCompile.Matching;
using Xunit;

namespace SigmaCompile.Tests.Runtime;

/// <summary>
/// A contains list is searched one ASCII needle at a time (a few needles) or with a needle index (more) in text of
/// up to NeedleSearch.ShortText characters, in longer text the same way until the process has searched enough long
/// text and then in vectorised groups of ASCII needles, and its non-ASCII needles only in non-ASCII text (see
/// NeedleSearch). Checked against the plain definition, "some needle is contained", on seeded random texts.
/// </summary>
public sealed class ContainsAnyTests
{
    private const string Letters = "abcXYZ-\\. 0é\u0436\u0416\uD83D\uDE00";
    private const string Filler = "XYZ-\\. é\u0436\u0416";

    private static string RandomText(Random random, string[] needles)
    {
        var text = new StringBuilder();
        int pieces = random.Next(0, 6);
        for (int p = 0; p < pieces; p++)
        {
            if (random.Next(3) == 0)
            {
                // A needle, possibly cut short and in another case: the near misses a grouped search could get wrong.
                string needle = needles[random.Next(needles.Length)];
                string piece = random.Next(2) == 0 ? needle : needle[..random.Next(needle.Length)];
                text.Append(random.Next(2) == 0 ? piece.ToUpperInvariant() : piece);
            }
            else
            {
                for (int i = random.Next(1, 8); i > 0; i--)
                    text.Append(Letters[random.Next(Letters.Length - 2)]);
                if (random.Next(10) == 0)
                    text.Append("\uD83D\uDE00");
            }
        }
        return text.ToString();
    }

    private static string[] Needles(int ascii, int wide) =>
        Enumerable.Range(0, ascii).Select(i => $"n{i * 37 % 101}{(char)('a' + i % 26)}")
            .Concat(Enumerable.Range(0, wide).Select(i => i % 2 == 0 ? $"\u0436{i}" : $"\uD83D\uDE00{i % 7}"))
            .ToArray();

    [Theory]
    [InlineData(3, 0)]
    [InlineData(NeedleSearch.FewNeedles, 0)]
    [InlineData(NeedleSearch.FewNeedles + 1, 0)]
    [InlineData(2, 3)]
    [InlineData(24, 0)]
    [InlineData(25, 0)]
    [InlineData(100, 0)]
    [InlineData(0, 30)]
    [InlineData(60, 40)]
    public void A_contains_list_finds_exactly_the_texts_holding_a_needle(int ascii, int wide)
    {
        string[] needles = Needles(ascii, wide);
        var random = new Random(ascii * 1000 + wide);
        foreach (bool cased in new[] { false, true })
        {
            TextPattern pattern = TextPatterns.ContainsAny(cased, needles);
            StringComparison comparison = cased ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
            int found = 0;
            for (int i = 0; i < 3000; i++)
            {
                string text = RandomText(random, needles);
                bool expected = needles.Any(n => text.Contains(n, comparison));
                Assert.True(expected == pattern.IsMatch(text), $"cased={cased}, text '{text}': expected {expected}");
                found += expected ? 1 : 0;
            }
            Assert.InRange(found, 300, 2700); // both answers are well exercised
        }
    }

    [Fact]
    public void Every_needle_of_a_long_list_is_found_whatever_its_group()
    {
        string[] needles = Needles(100, 20);
        TextPattern pattern = TextPatterns.ContainsAny(false, needles);
        foreach (string needle in needles)
        {
            Assert.True(pattern.IsMatch("before " + needle.ToUpperInvariant() + " after"), needle);
            Assert.True(pattern.IsMatch(needle), needle);
        }
        Assert.False(pattern.IsMatch("n"));
        Assert.False(pattern.IsMatch(""));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Needles_are_searched_alike_in_short_and_long_text(bool cased)
    {
        foreach (int count in new[] { NeedleSearch.FewNeedles, 30 })
            SearchedAlikeInShortAndLongText(cased, Needles(count, 1));
    }

    private static void SearchedAlikeInShortAndLongText(bool cased, string[] needles)
    {
        TextPattern pattern = TextPatterns.ContainsAny(cased, needles);
        StringComparison comparison = cased ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        var random = new Random((cased ? 5 : 6) + needles.Length);
        int found = 0;
        for (int i = 0; i < 400; i++)
        {
            // Around the short/long boundary and well beyond it, so both ways of searching answer.
            int length = random.Next(2) == 0 ? NeedleSearch.ShortText + random.Next(-3, 4) : random.Next(1, 2 * NeedleSearch.ShortText);
            // Filler that cannot complete a needle, cut-short needles (near misses), and half the time one whole
            // needle somewhere.
            var text = new StringBuilder();
            while (text.Length < length)
            {
                text.Append(Filler[random.Next(Filler.Length)]);
                if (random.Next(40) == 0)
                {
                    string needle = needles[random.Next(needles.Length)];
                    text.Append(needle[..random.Next(needle.Length)]);
                }
            }
            string value = WithNeedleOneTimeIn(2, random, text, needles, n => n.ToUpperInvariant());
            found += AnswersAsContains(needles, comparison, value, v => pattern.IsMatch(v)) ? 1 : 0;
        }
        Assert.InRange(found, 40, 360);
    }

    [Theory]
    [InlineData(false, NeedleSearch.FewNeedles, false)]
    [InlineData(true, NeedleSearch.FewNeedles, false)]
    [InlineData(false, NeedleSearch.FewNeedles + 1, false)]
    [InlineData(true, NeedleSearch.FewNeedles + 1, false)]
    [InlineData(false, 40, false)]
    [InlineData(true, 40, false)]
    [InlineData(false, NeedleSearch.FewNeedles, true)]
    [InlineData(true, NeedleSearch.FewNeedles, true)]
    [InlineData(false, 40, true)]
    [InlineData(true, 40, true)]
    public void A_needle_search_answers_as_the_runtimes_contains_in_any_text(bool cased, int count, bool vectorised)
    {
        // ASCII needles made of the letters whose case has exceptions, searched without the patterns' case folding
        // (as a regex's literal gate searches) in text holding the characters that upper-case or fold to those
        // letters, which ordinal-ignore-case comparison still tells apart from them: dotless i, long s, Kelvin sign,
        // capital I with dot, and sharp s. Short and long texts, so that every way of searching answers; long text
        // with the index (a budget never spent) or in vectorised groups (a budget spent by the first long text).
        const string Alphabet = "sikSIK-. 07\u0131\u017F\u212A\u0130\u00DF\u1E9E\u00E9";
        var random = new Random(count * 2 + (cased ? 1 : 0));
        string[] needles = Enumerable.Range(0, count)
            .Select(i => new string(Enumerable.Range(0, 1 + random.Next(6)).Select(_ => "sikSIK-.07"[random.Next(10)]).ToArray()) + (char)('a' + i % 26))
            .ToArray();
        StringComparison comparison = cased ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        var search = new NeedleSearch(needles, comparison, new LongTextBudget(vectorised ? 0 : long.MaxValue));
        int found = 0;
        for (int i = 0; i < 1500; i++)
        {
            int length = random.Next(3) switch { 0 => NeedleSearch.ShortText + random.Next(-3, 4), 1 => random.Next(0, 300), _ => random.Next(1, 2 * NeedleSearch.ShortText) };
            var text = new StringBuilder();
            while (text.Length < length)
            {
                text.Append(Alphabet[random.Next(Alphabet.Length)]);
                if (random.Next(200) == 0)
                    text.Append("\uD83D\uDE00");
            }
            string value = WithNeedleOneTimeIn(3, random, text, needles, n => n.ToLowerInvariant());
            found += AnswersAsContains(needles, comparison, value, v => search.IsFoundIn(v)) ? 1 : 0;
        }
        Assert.InRange(found, 150, 1350); // both answers are well exercised
        Assert.Equal(vectorised, search.SearchesLongTextVectorised);
    }

    [Fact]
    public void Long_text_is_searched_vectorised_once_the_budget_is_spent_and_short_text_never_spends_it()
    {
        var budget = new LongTextBudget(2 * (NeedleSearch.ShortText + 1));
        var first = new NeedleSearch(Needles(30, 0), StringComparison.OrdinalIgnoreCase, budget);
        var second = new NeedleSearch(Needles(3, 0), StringComparison.Ordinal, budget);
        string shortText = new('x', NeedleSearch.ShortText);
        string longText = new('x', NeedleSearch.ShortText + 1);
        for (int i = 0; i < 10; i++)
            Assert.False(first.IsFoundIn(shortText));
        Assert.False(first.IsFoundIn(longText));
        Assert.False(second.IsFoundIn(longText));
        Assert.False(first.SearchesLongTextVectorised || second.SearchesLongTextVectorised);
        // The budget is shared: the third long text, whichever search meets it, spends it.
        Assert.True(second.IsFoundIn(longText + "n0a"));
        Assert.True(second.SearchesLongTextVectorised);
        Assert.False(first.SearchesLongTextVectorised);
        Assert.True(first.IsFoundIn(longText + "N0A"));
        Assert.True(first.SearchesLongTextVectorised);
    }

    // One time in oneIn, one of the needles somewhere in the text, half the time recased; the text.
    private static string WithNeedleOneTimeIn(int oneIn, Random random, StringBuilder text, string[] needles, Func<string, string> recase)
    {
        if (random.Next(oneIn) == 0)
        {
            string needle = needles[random.Next(needles.Length)];
            text.Insert(random.Next(text.Length + 1), random.Next(2) == 0 ? recase(needle) : needle);
        }
        return text.ToString();
    }

    // Checks the search against the plain definition, some needle contained; returns the answer.
    private static bool AnswersAsContains(string[] needles, StringComparison comparison, string value, Func<string, bool> isFoundIn)
    {
        bool expected = needles.Any(n => value.Contains(n, comparison));
        Assert.True(expected == isFoundIn(value), $"{comparison}, a text of {value.Length} ('{(value.Length > 300 ? value[..300] + "..." : value)}'): expected {expected}");
        return expected;
    }

    [Fact]
    public void An_empty_needle_is_in_every_text()
    {
        TextPattern pattern = TextPatterns.ContainsAny(false, Needles(30, 3).Append("").ToArray());
        Assert.True(pattern.IsMatch(""));
        Assert.True(pattern.IsMatch("zzz"));
    }

    [Theory]
    [InlineData("\u017Fecret", "SECRET")]      // long s in the rule folds to s
    [InlineData("secret", "\u017FECRET")]      // and in the event
    [InlineData("k1", "\u212A1")]              // Kelvin sign in the event
    [InlineData("\u212A1", "K1")]              // and in the rule
    [InlineData("\u0131d", "ID")]              // dotless i, as ordinal-ignore-case treats it
    public void Letters_whose_case_forms_cross_into_ASCII_match_in_a_short_and_a_long_list(string needle, string value)
    {
        using JsonDocument document = JsonDocument.Parse(JsonSerializer.Serialize(new { F = "x " + value + " y" }));
        foreach (string[] others in new[] { Needles(1, 1), Needles(40, 10) })
        {
            TextPattern pattern = TextPatterns.ContainsAny(false, others.Append(needle).ToArray());
            Assert.True(pattern.IsMatch(document.RootElement.GetProperty("F")), $"{others.Length + 1} needles");
        }
    }
}
