using System;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Semantics;

/// <summary>re with the i, m and s flags: an unanchored .NET regex search, case-sensitive unless i.</summary>
public sealed class RegexModifierTests
{
    private static bool MatchF(string detection, object? value) => Detections.Matches(detection, Events.With("F", value));

    [Theory]
    [InlineData("xxabbbcxx", true)]
    [InlineData("abc", true)]
    [InlineData("ac", false)]
    [InlineData("ABC", false)]
    [InlineData("aBc", false)]
    public void Re_searches_anywhere_and_is_case_sensitive(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|re: 'ab+c'\ncondition: sel", value));

    [Theory]
    [InlineData("abc", true)]
    [InlineData("ABBC", true)]
    [InlineData("xAbCx", true)]
    [InlineData("AC", false)]
    public void Re_i_ignores_case(string value, bool expected)
    {
        Assert.Equal(expected, MatchF("sel:\n  F|re|i: 'ab+c'\ncondition: sel", value));
        Assert.Equal(expected, MatchF("sel:\n  F|re|ignorecase: 'ab+c'\ncondition: sel", value));
    }

    [Theory]
    [InlineData("abc", true)]
    [InlineData("abcd", false)]
    [InlineData("xabc", false)]
    public void A_pattern_that_anchors_itself_is_anchored(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|re: '^abc$'\ncondition: sel", value));

    [Theory]
    [InlineData("bar\nfoo\nbaz", true, false)]
    [InlineData("foo", true, true)]
    [InlineData("bar\nfoo bar\nbaz", false, false)]
    public void Re_m_makes_anchors_match_at_line_breaks(string value, bool withM, bool withoutM)
    {
        Assert.Equal(withM, MatchF("sel:\n  F|re|m: '^foo$'\ncondition: sel", value));
        Assert.Equal(withM, MatchF("sel:\n  F|re|multiline: '^foo$'\ncondition: sel", value));
        Assert.Equal(withoutM, MatchF("sel:\n  F|re: '^foo$'\ncondition: sel", value));
    }

    [Theory]
    [InlineData("a\nb", true, false)]
    [InlineData("axb", true, true)]
    [InlineData("a\n\nb", false, false)]
    public void Re_s_makes_dot_match_a_newline(string value, bool withS, bool withoutS)
    {
        Assert.Equal(withS, MatchF("sel:\n  F|re|s: 'a.b'\ncondition: sel", value));
        Assert.Equal(withS, MatchF("sel:\n  F|re|dotall: 'a.b'\ncondition: sel", value));
        Assert.Equal(withoutS, MatchF("sel:\n  F|re: 'a.b'\ncondition: sel", value));
    }

    [Theory]
    [InlineData("x\nFOO\ny", true)]
    [InlineData("x\nFOO bar\ny", false)]
    public void Flags_combine(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|re|i|m: '^foo$'\ncondition: sel", value));

    [Theory]
    [InlineData("hello", true)]
    [InlineData("aa", true)]
    [InlineData("helo", false)]
    [InlineData("abcabc", false)]
    public void A_backreference_uses_the_backtracking_engine_and_still_works(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|re: '(\\w)\\1'\ncondition: sel", value));

    [Theory]
    [InlineData("evil.exe", true)]
    [InlineData("evil.exe.txt", false)]
    [InlineData("notevil.dll", false)]
    public void A_lookaround_uses_the_backtracking_engine_and_still_works(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|re: '^(?!.*\\.txt$).*\\.exe'\ncondition: sel", value));

    [Theory]
    [InlineData(4688, true)]
    [InlineData(14688, false)]
    public void Re_reads_numbers_through_their_json_text(int value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|re: '^46\\d\\d$'\ncondition: sel", value));

    [Fact]
    public void Re_does_not_match_missing_null_or_object_values()
    {
        const string Detection = "sel:\n  F|re: '.*'\ncondition: sel";
        Assert.True(MatchF(Detection, ""));
        Assert.False(Detections.Matches(Detection, "{}"));
        Assert.False(Detections.Matches(Detection, "{\"F\":null}"));
        Assert.False(Detections.Matches(Detection, "{\"F\":{\"a\":\"b\"}}"));
    }

    [Theory]
    [InlineData("cmd.exe", true)]
    [InlineData("powershell.exe", true)]
    [InlineData("wscript.exe", false)]
    public void A_list_of_patterns_is_or(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|re:\n    - '^cmd\\.'\n    - 'shell'\ncondition: sel", value));

    [Theory]
    [InlineData("abc123", true)]
    [InlineData("abc", false)]
    [InlineData("123", false)]
    public void Re_all_needs_every_pattern(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|re|all:\n    - '[a-z]'\n    - '[0-9]'\ncondition: sel", value));

    // A catastrophic pattern on input that makes a backtracking engine explore exponentially many paths: the linear
    // engine answers; one it cannot run (a backreference) stops at its match timeout, which counts as no match.
    // Were either protection lost, this test would not finish, and CI would fail on its time limit.
    [Fact]
    public void Catastrophic_patterns_answer_instead_of_hanging()
    {
        Assert.False(MatchF("sel:\n  F|re: '^(a+)+$'\ncondition: sel", new string('a', 5000) + "!"));
        Assert.True(MatchF("sel:\n  F|re: '^(a+)+$'\ncondition: sel", new string('a', 5000)));
        Assert.False(MatchF("sel:\n  F|re: '^(a+)+(b)\\2$'\ncondition: sel", new string('a', 5000) + "!"));
        Assert.True(MatchF("sel:\n  F|re: '^(a+)+(b)\\2$'\ncondition: sel", "aabb"));
    }

    [Fact]
    public void An_invalid_pattern_is_a_compile_error() =>
        Assert.Throws<InvalidOperationException>(() => MatchF("sel:\n  F|re: 'a(b'\ncondition: sel", "ab"));

    [Theory]
    [InlineData("re|s|dotall")]
    [InlineData("re|i|ignorecase")]
    [InlineData("re|multiline|m")]
    [InlineData("re|re")]
    [InlineData("re|contains")]
    [InlineData("re|cased")]
    public void Repeated_or_conflicting_regex_modifiers_are_compile_errors(string chain) =>
        Assert.Throws<InvalidOperationException>(() => MatchF($"sel:\n  F|{chain}: x\ncondition: sel", "x"));

    [Theory]
    [InlineData("i")]
    [InlineData("m")]
    [InlineData("s")]
    public void A_regex_flag_without_re_is_a_compile_error(string flag) =>
        Assert.Throws<InvalidOperationException>(() => MatchF($"sel:\n  F|contains|{flag}: x\ncondition: sel", "x"));
}
