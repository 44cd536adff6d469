using System;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using SigmaCompile.Matching;
using Xunit;

namespace SigmaCompile.Tests.Runtime;

/// <summary>
/// A regex of literal pieces joined by <c>.*</c> is searched as ordered pieces on one line (OrderedLiterals): which
/// patterns qualify, and that its answers are .NET's regex answers on random text with line breaks and surrogates.
/// </summary>
public sealed class OrderedLiteralsTests
{
    [Theory]
    [InlineData(@"\+.*\+.*\+", RegexOptions.None, new[] { "+", "+", "+" })]
    [InlineData(@"\{.*\{", RegexOptions.IgnoreCase, new[] { "{", "{" })]
    [InlineData("`.*`.*`", RegexOptions.None, new[] { "`", "`", "`" })]
    [InlineData(@"ab.*c\.d", RegexOptions.None, new[] { "ab", "c.d" })]
    [InlineData(@"12 -.*\^=", RegexOptions.IgnoreCase | RegexOptions.Singleline, new[] { "12 -", "^=" })]
    public void Literal_pieces_joined_by_dot_star_are_searched_as_pieces(string pattern, RegexOptions options, string[] pieces)
    {
        OrderedLiterals? ordered = OrderedLiterals.TryCreate(pattern, options | RegexOptions.CultureInvariant);
        Assert.NotNull(ordered);
        Assert.Equal(pieces, ordered.Pieces);
    }

    [Theory]
    [InlineData("ab.*c", RegexOptions.IgnoreCase)]   // letters under ignore-case: the engine's case equivalences differ from ordinal ones
    [InlineData(@"\d.*x", RegexOptions.None)]        // a class
    [InlineData("a.*?b", RegexOptions.None)]         // lazy
    [InlineData("^a.*b", RegexOptions.None)]         // anchored
    [InlineData("a.*b$", RegexOptions.None)]
    [InlineData("a.*", RegexOptions.None)]           // a gap at an end
    [InlineData(".*a", RegexOptions.None)]
    [InlineData("ab", RegexOptions.None)]            // one piece: a plain contains, not this
    [InlineData("a+.*b", RegexOptions.None)]         // a quantifier
    [InlineData(@"\..*b", RegexOptions.None)]        // qualifies: see below
    [InlineData(@"a\.*b", RegexOptions.None)]        // an escaped dot repeated
    [InlineData("a.*.*b", RegexOptions.None)]        // two gaps in a row
    [InlineData("a|b.*c", RegexOptions.None)]
    [InlineData("(a).*b", RegexOptions.None)]
    [InlineData("[a].*b", RegexOptions.None)]
    [InlineData("\u00e9.*x", RegexOptions.None)]     // not ASCII
    [InlineData("a.*b", RegexOptions.ExplicitCapture)] // an option it does not know
    public void Other_patterns_are_left_to_the_regex_engine(string pattern, RegexOptions options)
    {
        OrderedLiterals? ordered = OrderedLiterals.TryCreate(pattern, options);
        if (pattern == @"\..*b")
            Assert.Equal(new[] { ".", "b" }, Assert.IsType<OrderedLiterals>(ordered).Pieces);
        else
            Assert.Null(ordered);
    }

    [Fact]
    public void The_answers_are_the_regex_engines_on_random_text()
    {
        var random = new Random(11);
        const string PieceCharacters = "+{`^ 1-";
        const string TextCharacters = "+{`^ 1-aB\n\r\uD83D\uDE00\uDC00x";
        int patterns = 0, matches = 0, texts = 0;
        for (int p = 0; p < 400; p++)
        {
            int count = random.Next(2, 5);
            string[] pieces = Enumerable.Range(0, count)
                .Select(_ => new string(Enumerable.Range(0, random.Next(4) == 0 ? 2 : 1).Select(_ => PieceCharacters[random.Next(PieceCharacters.Length)]).ToArray()))
                .ToArray();
            string pattern = string.Join(".*", pieces.Select(Regex.Escape));
            RegexOptions options = RegexOptions.CultureInvariant
                | (random.Next(2) == 0 ? RegexOptions.Singleline : RegexOptions.None)
                | (random.Next(2) == 0 ? RegexOptions.IgnoreCase : RegexOptions.None)
                | (random.Next(2) == 0 ? RegexOptions.Multiline : RegexOptions.None);
            var oracle = new Regex(pattern, options | RegexOptions.NonBacktracking);
            var pattern_ = new RegexPattern(pattern, options & ~RegexOptions.CultureInvariant);
            Assert.True(pattern_.IsOrderedLiterals, pattern);
            patterns++;
            for (int t = 0; t < 60; t++)
            {
                var text = new StringBuilder();
                // Mostly the pieces' characters, so that both answers are common.
                for (int i = random.Next(0, 40); i > 0; i--)
                    text.Append(random.Next(3) == 0 ? TextCharacters[random.Next(TextCharacters.Length)] : PieceCharacters[random.Next(PieceCharacters.Length)]);
                bool expected = oracle.IsMatch(text.ToString());
                Assert.True(expected == pattern_.IsMatch(text.ToString()), $"/{pattern}/ {options} on \"{text}\": expected {expected}");
                matches += expected ? 1 : 0;
                texts++;
            }
        }
        Assert.Equal(400, patterns);
        Assert.InRange(matches, texts / 10, texts * 9 / 10); // both answers are well exercised
    }

    [Fact]
    public void Many_pieces_on_a_long_line_answer_without_a_regex_engine()
    {
        string pattern = string.Join(".*", Enumerable.Repeat(@"\+", 14));
        var regex = new RegexPattern(pattern, RegexOptions.None);
        Assert.True(regex.IsOrderedLiterals);
        string thirteen = string.Join(new string('a', 2000), Enumerable.Repeat("+", 13));
        Assert.False(regex.IsMatch(thirteen));
        Assert.True(regex.IsMatch(thirteen + "b+"));
        Assert.False(regex.IsMatch(thirteen + "\n+"));
        Assert.True(new RegexPattern(pattern, RegexOptions.Singleline).IsMatch(thirteen + "\n+"));
    }
}
