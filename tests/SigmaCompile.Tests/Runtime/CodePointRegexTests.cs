using System;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using SigmaCompile.Matching;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Runtime;

/// <summary>
/// The rewrite that makes <c>|re</c> count a character above the BMP as one (CodePointRegex): which patterns it
/// leaves alone, the .NET syntax it reads, what it refuses, and the pieces it is built from.
/// </summary>
public sealed class CodePointRegexTests
{
    /// <summary>Texts with and without characters above the BMP, lone surrogates and line breaks.</summary>
    internal static readonly string[] Samples =
    [
        "", "a", "ab", "abc", "a\nb", "A", "x", "1", "é", "aeiou", "bcd", "_-", "\u001B", "x{,3}", "\b\t", "]", "AbC",
        "😀", "a😀b", "😀😀", "😀😀😀", "𝐀", "a𝐀", "𠜎1", "𝟎", "x😀x", "😀\n😁", "aa😀", "😀a", "𝐀b", "b𝐀", "😂😁",
        "\uD83D", "a\uDE01b", "\uD83D\uD83D", "😀\uDE01", "\uDE01\uD83D", "\uFFFD", "a\uFFFDb", "\U000E0001", "\U0001D167a",
        "\U000F0000", "ae😀iou", "𝐀𝐀𝐀", "\u001B😀",
    ];

    [Theory]
    [InlineData("abc")]
    [InlineData("^foo$")]
    [InlineData(@"[a-z]+\s")]
    [InlineData(@"(?i)a\.b")]
    [InlineData("[a-z-[aeiou]]")]
    [InlineData(@"\p{IsGreek}")]
    [InlineData("(?#c.)x")]
    [InlineData(@"\c[")]
    [InlineData("[]a]x")]
    [InlineData(@"\x41\u0041\101")]
    [InlineData(@"(a|b)\1")]
    public void A_pattern_with_nothing_that_reads_surrogates_is_kept_as_written(string pattern)
    {
        CodePointRewrite? rewrite = CodePointRegex.Rewrite(pattern, singleline: false);
        Assert.NotNull(rewrite);
        Assert.False(rewrite.Changed);
        Assert.Same(pattern, rewrite.Pattern);
    }

    // Escapes, classes (escapes in them, ranges, subtraction, ']' first), groups and their constructs, inline
    // options (including the s option's scope), comments, quantifiers and backreferences.
    [Theory]
    [InlineData(@"\.\\\x41\u0041.", "")]
    [InlineData(@"[\.\\\x41\u0041-\u005A\p{L}\P{N}\d]", "")]
    [InlineData(@"^[\.\\\x41\u0041-\u005A\p{L}\d]+$", "")]
    [InlineData(@"^[^\]a-]$", "")]
    [InlineData(@"^[]a]$", "")]
    [InlineData("^[a-z-[aeiou]].$", "")]
    [InlineData("^[^a-z-[aeiou]]+$", "")]
    [InlineData(@"^[\w-[\d]]+$", "")]
    [InlineData(@"^[\W-[\s]]$", "")]
    [InlineData(@"^[\w-[^\p{L}]]+$", "")]
    [InlineData(@"^[\W-[^\p{So}]]$", "")]
    [InlineData("^[a-z-[^aeiou]]+.$", "")]
    [InlineData(@"^[\w-[\d-[7]]]+$", "")]
    [InlineData("^(?:a.)+$", "")]
    [InlineData("^(?<name>.)b$", "")]
    [InlineData("^(?'n'.).$", "")]
    [InlineData("^(?=.{2})", "")]
    [InlineData("^(?!a).$", "")]
    [InlineData("(?<=a).$", "")]
    [InlineData("(?<!a).$", "")]
    [InlineData("^(?>.)$", "")]
    [InlineData("^(?i)A.$", "")]
    [InlineData("^(?i:a).$", "")]
    [InlineData("^(?s)..$", "")]
    [InlineData("^(?s:.).$", "")]
    [InlineData("^((?s).).$", "")]
    [InlineData("^(?:(?s).|b.)$", "")]
    [InlineData("^(?-s:.).$", "s")]
    [InlineData("^a(?#a comment with . and [)b?.$", "")]
    [InlineData(@"\c[.", "")]
    [InlineData(@"^[\c@-\x1F\b]+.$", "")]
    [InlineData(@"^[\101-\132]$", "")]
    [InlineData("^a{2}.{1,2}$", "")]
    [InlineData("^x{,3}.?$", "")]
    [InlineData(@"^\p{Lu}\P{Lu}$", "")]
    [InlineData(@"^\p{C}$", "")]
    [InlineData(@"^\P{C}$", "")]
    [InlineData("^[.]$", "")]
    [InlineData("^(.)\\1$", "")]
    [InlineData("^(?<c>.)\\k<c>.?$", "")]
    [InlineData(@"^\uD83D\uDE00{2}$", "")]
    [InlineData(@"^[\uD83D\uDE00-\uD83D\uDE02]$", "")]
    [InlineData(@"^\😀+$", "")]
    [InlineData("^[^😀a]+$", "")]
    [InlineData("x[😀-[😀]]?y", "")]
    [InlineData("^.{2}$", "m")]
    [InlineData("^.$", "i")]
    [InlineData("^\\W+$", "is")]
    public void Each_syntax_it_reads_counts_code_points(string pattern, string flags)
    {
        RegexOptions options = Options(flags);
        CodePointRewrite? rewrite = CodePointRegex.Rewrite(pattern, options.HasFlag(RegexOptions.Singleline));
        Assert.NotNull(rewrite);
        AssertSameEngine(pattern, rewrite.Pattern, options);
        TextPattern regex = TextPatterns.Regex(pattern, Flags(flags));
        foreach (string text in Samples)
            Assert.True(CodePointReference.IsMatch(pattern, options, text) == regex.IsMatch(text), $"{pattern} on {Show(text)}");
    }

    [Theory]
    [InlineData("(?x) . ")]
    [InlineData("^(?(a)a|.)$")]
    [InlineData("^[[:alpha:]].$")]
    [InlineData(@"\uD800.")]
    [InlineData(@"^[\uD800-\uDBFF]")]
    [InlineData(@"^\p{Cs}")]
    [InlineData(@"^\P{Cs}$")]
    [InlineData(@"^\p{IsHighSurrogates}")]
    [InlineData(@"^[\W-[a-[b]]]$")]
    [InlineData(@"^[\S-[^\W]]$")]
    public void What_it_cannot_read_keeps_its_utf16_meaning_and_never_throws(string pattern)
    {
        Assert.Null(CodePointRegex.Rewrite(pattern, singleline: false));
        var utf16 = new Regex(pattern, RegexOptions.CultureInvariant);
        TextPattern regex = TextPatterns.Regex(pattern);
        foreach (string text in Samples)
            Assert.True(utf16.IsMatch(text) == regex.IsMatch(text), $"{pattern} on {Show(text)}");
    }

    // .NET reads [a-😀] as a range up to the pair's high surrogate: another class even on BMP text. Over code points
    // it is every character from a to U+1F600, so such a pattern runs rewritten on all text.
    [Theory]
    [InlineData("b", true)]
    [InlineData("中", true)]
    [InlineData("\uFFFD", true)]
    [InlineData("\uE000", true)]
    [InlineData("𝐀", true)]
    [InlineData("😀", true)]
    [InlineData("😁", false)]
    [InlineData("𠜎", false)]
    [InlineData("`", false)]
    public void A_class_range_ending_above_the_bmp_is_a_code_point_range_on_all_text(string text, bool expected)
    {
        Assert.True(CodePointRegex.Rewrite("^[a-😀]$", singleline: false)!.AppliesToBmpText);
        Assert.Equal(expected, TextPatterns.Regex("^[a-😀]$").IsMatch(text));
    }

    // The rewrite decides a character above the BMP by its category as .NET decides a BMP character: pinned here
    // against .NET's own answers over every BMP character.
    [Theory]
    [InlineData(@"\w")]
    [InlineData(@"\W")]
    [InlineData(@"\d")]
    [InlineData(@"\D")]
    [InlineData(@"\p{L}")]
    [InlineData(@"\p{Lu}")]
    [InlineData(@"\P{N}")]
    [InlineData(@"\p{C}")]
    [InlineData(@"\p{Zs}")]
    public void Class_escapes_classify_by_category_as_dotnet_does(string escape)
    {
        RegexCharClass characterClass = escape[1] is 'p' or 'P'
            ? RegexCharClass.ForProperty(escape[3..^1], escape[1] == 'P')!
            : RegexCharClass.ForEscape(escape[1])!;
        var regex = new Regex(escape, RegexOptions.CultureInvariant);
        for (int c = 0; c <= 0xFFFF; c++)
        {
            if (c is >= 0xD800 and <= 0xDFFF)
                continue;
            bool expected = regex.IsMatch(((char)c).ToString());
            Assert.True(expected == characterClass.Contains(c, CharUnicodeInfo.GetUnicodeCategory(c)), $"{escape} on U+{c:X4}");
        }
    }

    [Fact]
    public void The_text_reads_each_pair_as_its_tag_and_a_lone_surrogate_as_the_replacement_character()
    {
        SupplementaryPartition partition = SupplementaryPartition.Of([RegexCharClass.ForEscape('d')!])!;
        char emojiTag = partition.TagOf(0x1F600);
        char digitTag = partition.TagOf(0x1D7CE);
        Assert.NotEqual(emojiTag, digitTag);
        Assert.Equal($"a{emojiTag}{digitTag}\uFFFDb\uFFFD", Written("a😀𝟎\uD83Db\uDE01", partition));
        // \d holds the digits' set only.
        Assert.Equal($"\\u{(int)digitTag:X4}", partition.TagClass(0));
    }

    [Fact]
    public void For_a_backreference_the_pair_follows_its_tag()
    {
        SupplementaryPartition partition = SupplementaryPartition.Of([RegexCharClass.Dot(singleline: false)], pairsFollowTags: true)!;
        Assert.Equal($"a{partition.TagOf(0x1F600)}😀\uFFFD", Written("a😀\uDE01", partition));
        Assert.True(CodePointRegex.Rewrite("(.)\\1", singleline: false)!.Partition.PairsFollowTags);
        Assert.False(CodePointRegex.Rewrite("(.)1", singleline: false)!.Partition.PairsFollowTags);
    }

    [Fact]
    public void Text_made_of_pairs_needs_the_most_room()
    {
        string pairs = string.Concat(Enumerable.Repeat("😀", 100));
        Assert.Equal(CodePointText.MaxLength(pairs.Length), Written(pairs, SupplementaryPartition.Of([], pairsFollowTags: true)!).Length);
        Assert.Equal(pairs.Length / 2, Written(pairs, SupplementaryPartition.Of([])!).Length);
    }

    private static string Written(string text, SupplementaryPartition partition)
    {
        char[] destination = new char[CodePointText.MaxLength(text.Length)];
        return new string(destination, 0, CodePointText.Write(text, partition, destination));
    }

    [Fact]
    public void The_stand_ins_of_the_reference_keep_the_category_and_have_no_case()
    {
        foreach ((string character, char standIn) in CodePointReference.StandIns)
        {
            var rune = System.Text.Rune.GetRuneAt(character, 0);
            Assert.Equal(System.Text.Rune.GetUnicodeCategory(rune), CharUnicodeInfo.GetUnicodeCategory(standIn));
            Assert.Equal(rune, System.Text.Rune.ToUpperInvariant(rune));
            Assert.Equal(rune, System.Text.Rune.ToLowerInvariant(rune));
            Assert.Equal(standIn, char.ToUpperInvariant(standIn));
            Assert.Equal(standIn, char.ToLowerInvariant(standIn));
            Assert.DoesNotContain(standIn, string.Concat(Samples));
        }
    }

    /// <summary>Sigma's flags written as letters (i, m, s), as the rule tables here write them.</summary>
    internal static RegexFlags Flags(string flags)
    {
        RegexFlags result = RegexFlags.None;
        foreach (char flag in flags)
        {
            result |= flag switch
            {
                'i' => RegexFlags.IgnoreCase,
                'm' => RegexFlags.Multiline,
                _ => RegexFlags.DotAll,
            };
        }
        return result;
    }

    internal static RegexOptions Options(string flags) => RegexOptions.CultureInvariant | RegexPattern.Options(Flags(flags));

    /// <summary>
    /// The rewrite runs on the linear-time engine exactly when the original does (an original that .NET rejects,
    /// a class range between two characters above the BMP, has only its rewrite).
    /// </summary>
    internal static void AssertSameEngine(string pattern, string rewritten, RegexOptions options)
    {
        bool rewrittenLinear = Linear(rewritten, options);
        bool originalLinear;
        try
        {
            originalLinear = Linear(pattern, options);
        }
        catch (ArgumentException)
        {
            Assert.True(CodePointRegex.Rewrite(pattern, options.HasFlag(RegexOptions.Singleline))!.AppliesToBmpText);
            return;
        }
        Assert.Equal(originalLinear, rewrittenLinear);
    }

    // Whether the linear-time engine runs the pattern (GuardedRegex's engine after a slow match).
    private static bool Linear(string pattern, RegexOptions options)
    {
        try
        {
            _ = new Regex(pattern, options | RegexOptions.NonBacktracking);
            return true;
        }
        catch (NotSupportedException)
        {
            return false;
        }
    }

    internal static string Show(string text) =>
        string.Concat(text.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString()));
}
