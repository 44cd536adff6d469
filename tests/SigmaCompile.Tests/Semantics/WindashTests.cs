using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Semantics;

/// <summary>
/// windash: a '-' or '/' that starts a switch (not after a word character, and followed by one) also matches
/// '/', '-', en dash U+2013, em dash U+2014 and horizontal bar U+2015; dashes inside words stay as written.
/// </summary>
public sealed class WindashTests
{
    private static bool MatchF(string detection, string value) => Detections.Matches(detection, Events.With("F", value));

    [Theory]
    [InlineData("powershell -ep bypass", true)]
    [InlineData("powershell /ep bypass", true)]
    [InlineData("powershell \u2013ep bypass", true)]
    [InlineData("powershell \u2014ep bypass", true)]
    [InlineData("powershell \u2015ep bypass", true)]
    [InlineData("powershell /EP Bypass", true)]
    [InlineData("powershell +ep bypass", false)]
    [InlineData("powershell \\ep bypass", false)]
    [InlineData("powershell ep bypass", false)]
    [InlineData("powershell \u2012ep bypass", false)] // figure dash is not one of the five
    [InlineData("powershell --ep bypass", false)]
    public void A_leading_dash_with_contains_matches_every_dash_form(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|windash|contains: ' -ep bypass'\ncondition: sel", value));

    [Theory]
    [InlineData("cmd.exe /c whoami", true)]
    [InlineData("cmd.exe -c whoami", true)]
    [InlineData("cmd.exe \u2014c whoami", true)]
    [InlineData("cmd.exe c whoami", false)]
    public void A_leading_slash_is_expanded_too(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|windash|contains: '/c whoami'\ncondition: sel", value));

    [Theory]
    [InlineData("x -param-name y", true)]
    [InlineData("x /param-name y", true)]
    [InlineData("x \u2013param-name y", true)]
    [InlineData("x -param/name y", false)]
    [InlineData("x /param\u2013name y", false)]
    [InlineData("x -param\u2014name y", false)]
    public void A_dash_inside_a_word_is_not_expanded(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|windash|contains: ' -param-name'\ncondition: sel", value));

    [Theory]
    [InlineData("a -x -y", true)]
    [InlineData("a /x \u2013y", true)]
    [InlineData("a \u2015x /y", true)]
    [InlineData("a \u2014x \u2014y", true)]
    [InlineData("a /x +y", false)]
    public void Every_switch_varies_independently(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|windash|contains: ' -x -y'\ncondition: sel", value));

    [Theory]
    [InlineData("vssadmin delete shadows -quiet", true)]
    [InlineData("vssadmin delete shadows /quiet", true)]
    [InlineData("vssadmin delete shadows \u2013QUIET", true)]
    [InlineData("vssadmin delete shadows /quiet now", false)]
    [InlineData("vssadmin delete shadows quiet", false)]
    public void Windash_works_with_endswith(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|windash|endswith: ' -quiet'\ncondition: sel", value));

    [Theory]
    [InlineData("-s", true)]
    [InlineData("/s", true)]
    [InlineData("\u2015s", true)]
    [InlineData("x -s", false)]
    [InlineData("-s x", false)]
    public void Windash_alone_keeps_whole_value_matching(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|windash: '-s'\ncondition: sel", value));

    [Theory]
    [InlineData("a -enc b", true)]
    [InlineData("a /enc b", true)]
    [InlineData("a \u2013ec b", true)]
    [InlineData("a /encodedcommand b", true)]
    [InlineData("a /e b", false)]
    public void Windash_applies_to_every_value_of_a_list(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|windash|contains:\n    - ' -enc '\n    - ' -ec '\n    - ' -encodedcommand '\ncondition: sel", value));

    [Theory]
    [InlineData("net user /add x", true)]
    [InlineData("net user -add x", true)]
    [InlineData("net  user \u2013add x", false)]
    [InlineData("NET USER \u2013ADD", true)]
    [InlineData("net user x", false)]
    [InlineData("/add", false)]
    public void Windash_with_contains_all_needs_every_value_in_any_dash_form(string value, bool expected)
    {
        Assert.Equal(expected, MatchF("sel:\n  F|windash|contains|all:\n    - 'net user'\n    - ' /add'\ncondition: sel", value));
        Assert.Equal(expected, MatchF("sel:\n  F|contains|all|windash:\n    - 'net user'\n    - ' /add'\ncondition: sel", value));
    }

    [Theory]
    [InlineData("x -a -b", true)]
    [InlineData("x /b /a", true)]
    [InlineData("x \u2014a", false)]
    [InlineData("x \u2014b", false)]
    public void Windash_all_with_every_value_expanded(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|windash|contains|all:\n    - ' -a'\n    - ' -b'\ncondition: sel", value));

    [Fact]
    public void Neq_all_with_windash_variants_is_a_compile_error() =>
        Assert.Throws<System.InvalidOperationException>(() => MatchF("sel:\n  F|windash|contains|all|neq:\n    - ' -a'\n    - ' -b'\ncondition: sel", "x"));

    // The SigmaHQ corpus writes the position first: contains|windash (108 items) and endswith|windash.
    [Theory]
    [InlineData("rundll32.exe x,#1 -sta", true)]
    [InlineData("rundll32.exe x,#1 /STA", true)]
    [InlineData("rundll32.exe x,#1 \u2015sta", true)]
    [InlineData("rundll32.exe x,#1 sta", false)]
    public void The_corpus_order_contains_windash_works(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|contains|windash: ' -sta'\ncondition: sel", value));

    [Theory]
    [InlineData("-sta", true)]
    [InlineData("\u2013sta", true)]
    [InlineData("x /sta", true)]
    [InlineData("x /sta y", false)]
    [InlineData("x +sta", false)]
    public void The_corpus_order_endswith_windash_works_even_at_the_value_start(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|endswith|windash: '-sta'\ncondition: sel", value));
}
