using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;
using SigmaCompile.Matching;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Runtime;

/// <summary>
/// A differential property test: on random short texts mixing ASCII, BMP characters, characters above the BMP and
/// lone surrogates, a <c>|re</c> pattern answers as the code-point reference does (<see cref="CodePointReference"/>).
/// </summary>
public sealed class CodePointRegexPropertyTests
{
    // The pieces texts are made of. A lone high surrogate may land before the lone low one and make a pair (😁).
    private static readonly string[] Pieces =
    [
        "a", "b", "x", "A", "1", " ", "\n", "é", "中", "_", "&", "\uFFFD",
        "😀", "😁", "😂", "𠜎", "𝐀", "𝟎", "\U0001D167", "\U000E0001", "\U000F0000",
        "\uD83D", "\uDE01",
    ];

    public static TheoryData<string, string> Patterns() => new()
    {
        { ".", "" },
        { "^.$", "" },
        { "^.{3}$", "" },
        { "^.{2,3}$", "" },
        { "^.{1,2}b$", "" },
        { "x.{0,2}x", "" },
        { "[^a]", "" },
        { "^[^a]$", "" },
        { "^[^a]{2}$", "" },
        { @"\W", "" },
        { @"^\W$", "" },
        { @"^\W\w$", "" },
        { @"\S", "" },
        { @"^\S+$", "" },
        { @"\D", "" },
        { @"^\D{2}$", "" },
        { @"^\d$", "" },
        { @"\w+", "" },
        { @"^\w+$", "" },
        { @"^\w$", "" },
        { "a.b", "" },
        { "(?s).", "" },
        { "(?s)^.{2}$", "" },
        { "a(?s:.)b", "" },
        { "^.$", "s" },
        { "^.{2}$", "m" },
        { "^[😀-😂]+$", "" },
        { "[😀-😂]", "" },
        { "😀+", "" },
        { "^😀+$", "" },
        { "^😀{2}$", "" },
        { "^[\\w😀]+$", "" },
        { "^[^😀]+$", "" },
        { "^[^😀\\w]$", "" },
        { @"^\p{L}+$", "" },
        { @"^\P{L}$", "" },
        { @"^[^\p{L}\s]$", "" },
        { "^(?:.)*$", "" },
        { "^(?<c>.)\\k<c>$", "" },
        { "(?=.{3})^\\w", "" },
        { "^[^A]$", "i" },
        { "^\\W.$", "is" },
    };

    /// <summary>Texts that make every pattern above both match and fail, then random ones.</summary>
    private static IEnumerable<string> Texts()
    {
        foreach (string text in CodePointRegexTests.Samples)
            yield return text;
        var random = new Random(20261128);
        var builder = new StringBuilder();
        for (int i = 0; i < 1500; i++)
        {
            builder.Clear();
            for (int length = random.Next(6); length > 0; length--)
                builder.Append(Pieces[random.Next(Pieces.Length)]);
            yield return builder.ToString();
        }
    }

    [Theory]
    [MemberData(nameof(Patterns))]
    public void The_runtime_answers_as_code_points(string pattern, string flags)
    {
        RegexOptions options = CodePointRegexTests.Options(flags);
        Regex reference = CodePointReference.For(pattern, options);
        TextPattern regex = TextPatterns.Regex(pattern, CodePointRegexTests.Flags(flags));
        bool matched = false, missed = false;
        foreach (string text in Texts())
        {
            bool expected = reference.IsMatch(CodePointReference.Transliterate(text));
            Assert.True(expected == regex.IsMatch(text), $"{pattern} on {CodePointRegexTests.Show(text)}: expected {expected}");
            matched |= expected;
            missed |= !expected;
        }
        Assert.True(matched && missed, $"{pattern} should both match and miss some texts");
    }
}
