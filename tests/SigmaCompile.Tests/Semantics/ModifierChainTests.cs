using System;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Semantics;

/// <summary>contains, startswith, endswith, all, cased and neq, alone and chained, on compiled rules.</summary>
public sealed class ModifierChainTests
{
    private static bool Match(string detection, string json) => Detections.Matches(detection, json);

    private static bool MatchF(string detection, object? value) => Match(detection, Events.With("F", value));

    // ---- contains / startswith / endswith -------------------------------------------------------------

    [Theory]
    [InlineData("powershell -EncodedCommand abc", true)]
    [InlineData("-ENCODEDCOMMAND", true)]
    [InlineData("-encodedcommand", true)]
    [InlineData("EncodedCommand", false)]
    [InlineData("-Encoded Command", false)]
    [InlineData("", false)]
    public void Contains_finds_the_value_anywhere_ignoring_case(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|contains: '-encodedcommand'\ncondition: sel", value));

    [Fact]
    public void Contains_does_not_match_missing_null_or_object_values()
    {
        const string Detection = "sel:\n  F|contains: abc\ncondition: sel";
        Assert.False(Match(Detection, "{}"));
        Assert.False(Match(Detection, "{\"F\":null}"));
        Assert.False(Match(Detection, "{\"F\":{\"abc\":\"abc\"}}"));
        Assert.False(Match(Detection, "{\"G\":\"abc\"}"));
        Assert.True(Match(Detection, "{\"F\":[\"x\",\"xabcx\"]}"));
    }

    [Theory]
    [InlineData(4688, true)]
    [InlineData(14689, true)]
    [InlineData(4698, false)]
    [InlineData(46, false)]
    public void Contains_reads_numbers_through_their_json_text(int value, bool expected)
    {
        Assert.Equal(expected, MatchF("sel:\n  F|contains: '468'\ncondition: sel", value));
        Assert.Equal(expected, MatchF("sel:\n  F|contains: 468\ncondition: sel", value));
    }

    [Theory]
    [InlineData("C:\\Windows\\System32\\cmd.exe", true)]
    [InlineData("c:\\windows\\", true)]
    [InlineData("C:\\Windows", false)]
    [InlineData("D:\\C:\\Windows\\x", false)]
    [InlineData("C:/Windows/x", false)]
    public void Startswith_anchors_at_the_start_and_keeps_a_trailing_backslash(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|startswith: 'C:\\Windows\\'\ncondition: sel", value));

    [Theory]
    [InlineData("evil.EXE", true)]
    [InlineData(".exe", true)]
    [InlineData("evil.exe.txt", false)]
    [InlineData("exe", false)]
    [InlineData("evil.dll", true)]
    [InlineData("evil.dl", false)]
    public void Endswith_with_a_list_is_or_of_suffixes(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|endswith:\n    - '.exe'\n    - '.dll'\ncondition: sel", value));

    [Theory]
    [InlineData("xxaYYbzz", true)]
    [InlineData("ab", true)]
    [InlineData("ba", false)]
    [InlineData("a", false)]
    public void Wildcards_inside_contains_keep_their_meaning(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|contains: 'a*b'\ncondition: sel", value));

    [Theory]
    [InlineData("abcd", true)]
    [InlineData("aXc", true)]
    [InlineData("acd", false)]
    [InlineData("xabc", false)]
    public void Wildcards_inside_startswith_keep_their_meaning(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|startswith: 'a?c'\ncondition: sel", value));

    [Theory]
    [InlineData("prefix a*b", true)]
    [InlineData("prefix aXb", false)]
    public void Escaped_wildcards_inside_endswith_are_literal(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|endswith: 'a\\*b'\ncondition: sel", value));

    [Fact]
    public void Contains_of_an_empty_string_matches_any_text_but_not_a_missing_field()
    {
        const string Detection = "sel:\n  F|contains: ''\ncondition: sel";
        Assert.True(MatchF(Detection, ""));
        Assert.True(MatchF(Detection, "anything"));
        Assert.False(Match(Detection, "{}"));
        Assert.False(Match(Detection, "{\"F\":null}"));
    }

    // ---- all ------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("net user /add", true)]
    [InlineData("/ADD net USER", true)]
    [InlineData("net user", false)]
    [InlineData("/add", false)]
    [InlineData("", false)]
    public void Contains_all_needs_every_value(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|contains|all:\n    - 'net user'\n    - '/add'\ncondition: sel", value));

    [Fact]
    public void Contains_all_lets_each_value_be_satisfied_by_a_different_array_element()
    {
        const string Detection = "sel:\n  F|contains|all:\n    - foo\n    - bar\ncondition: sel";
        Assert.True(MatchF(Detection, new[] { "xfoox", "ybary" }));
        Assert.True(MatchF(Detection, new[] { "none", "foobar" }));
        Assert.False(MatchF(Detection, new[] { "foo", "baz" }));
        Assert.False(MatchF(Detection, Array.Empty<string>()));
        Assert.False(Match(Detection, "{}"));
    }

    [Fact]
    public void Plain_all_on_a_list_needs_every_value_equal_to_some_element()
    {
        const string Detection = "sel:\n  F|all:\n    - a\n    - b\ncondition: sel";
        Assert.True(MatchF(Detection, new[] { "a", "b" }));
        Assert.True(MatchF(Detection, new[] { "B", "x", "A" }));
        Assert.False(MatchF(Detection, new[] { "a", "c" }));
        Assert.False(MatchF(Detection, "a"));
        Assert.False(MatchF(Detection, "ab"));
    }

    [Theory]
    [InlineData("abcdef", true)]
    [InlineData("abd", false)]
    [InlineData("xabc", false)]
    public void Startswith_all_needs_every_prefix(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|startswith|all:\n    - ab\n    - abc\ncondition: sel", value));

    [Theory]
    [InlineData("x.tar.gz", true)]
    [InlineData("x.gz", false)]
    public void Endswith_all_needs_every_suffix(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|endswith|all:\n    - '.gz'\n    - '.tar.gz'\ncondition: sel", value));

    [Fact]
    public void All_with_a_single_value_is_a_compile_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => MatchF("sel:\n  F|contains|all: foo\ncondition: sel", "foo"));
        Assert.Contains("all", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_all_a_list_is_or()
    {
        const string Detection = "sel:\n  F|contains:\n    - foo\n    - bar\ncondition: sel";
        Assert.True(MatchF(Detection, "foo"));
        Assert.True(MatchF(Detection, "bar"));
        Assert.False(MatchF(Detection, "baz"));
    }

    // ---- cased ----------------------------------------------------------------------------------------

    [Theory]
    [InlineData("Foo", true)]
    [InlineData("foo", false)]
    [InlineData("FOO", false)]
    [InlineData("Foo ", false)]
    public void Cased_equality_is_ordinal(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|cased: Foo\ncondition: sel", value));

    [Theory]
    [InlineData("x Invoke-Mimikatz y", true)]
    [InlineData("x invoke-mimikatz y", false)]
    [InlineData("x INVOKE-MIMIKATZ y", false)]
    public void Cased_contains_is_ordinal(string value, bool expected)
    {
        Assert.Equal(expected, MatchF("sel:\n  F|contains|cased: Invoke-Mimikatz\ncondition: sel", value));
        Assert.Equal(expected, MatchF("sel:\n  F|cased|contains: Invoke-Mimikatz\ncondition: sel", value));
    }

    [Theory]
    [InlineData("Invoke-Expression", true)]
    [InlineData("invoke-Expression", false)]
    [InlineData("xInvoke-", false)]
    public void Cased_startswith_is_ordinal(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|startswith|cased: Invoke-\ncondition: sel", value));

    [Theory]
    [InlineData("SETUP.EXE", true)]
    [InlineData("setup.exe", false)]
    public void Cased_endswith_is_ordinal(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|endswith|cased: '.EXE'\ncondition: sel", value));

    [Theory]
    [InlineData("AxyzB", true)]
    [InlineData("axyzb", false)]
    [InlineData("AB", true)]
    [InlineData("Ab", false)]
    public void Cased_wildcards_are_ordinal(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|cased: 'A*B'\ncondition: sel", value));

    [Theory]
    [InlineData("One", true)]
    [InlineData("Two", true)]
    [InlineData("one", false)]
    [InlineData("TWO", false)]
    public void Cased_lists_stay_ordinal_when_merged(string value, bool expected)
    {
        Assert.Equal(expected, MatchF("sel:\n  F|cased:\n    - One\n    - Two\n    - Three\ncondition: sel", value));
        Assert.Equal(expected, MatchF("sel:\n  F|contains|cased:\n    - One\n    - Two\n    - Three\ncondition: sel", "x " + value + " x"));
    }

    // ---- neq ------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("bar", true)]
    [InlineData("foo", false)]
    [InlineData("FOO", false)]
    [InlineData("foo ", true)]
    [InlineData("", true)]
    public void Neq_is_the_negation_of_case_insensitive_equality(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|neq: foo\ncondition: sel", value));

    [Fact]
    public void Neq_is_satisfied_by_a_missing_or_null_field()
    {
        const string Detection = "sel:\n  F|neq: foo\ncondition: sel";
        Assert.True(Match(Detection, "{}"));
        Assert.True(Match(Detection, "{\"F\":null}"));
        Assert.True(Match(Detection, "{\"G\":\"foo\"}"));
    }

    [Theory]
    [InlineData("c", true)]
    [InlineData("a", false)]
    [InlineData("B", false)]
    [InlineData("ab", true)]
    public void Neq_with_a_list_means_different_from_all_of_them(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|neq:\n    - a\n    - b\ncondition: sel", value));

    [Theory]
    [InlineData(4688, false)]
    [InlineData(4689, true)]
    public void Neq_compares_numbers_through_their_text(int value, bool expected)
    {
        Assert.Equal(expected, MatchF("sel:\n  F|neq: 4688\ncondition: sel", value));
        Assert.Equal(expected, MatchF("sel:\n  F|neq: 4688\ncondition: sel", value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(expected, MatchF("sel:\n  F|neq: '4688'\ncondition: sel", value));
    }

    [Fact]
    public void Neq_on_an_array_fails_when_any_element_is_equal()
    {
        const string Detection = "sel:\n  F|neq: a\ncondition: sel";
        Assert.False(MatchF(Detection, new[] { "x", "A" }));
        Assert.True(MatchF(Detection, new[] { "x", "y" }));
    }

    [Theory]
    [InlineData("abc", true)]
    [InlineData("aXb", false)]
    [InlineData("x", false)]
    public void Neq_negates_contains_when_chained(string value, bool expected) =>
        Assert.Equal(expected, MatchF("sel:\n  F|neq|contains: x\ncondition: sel", value));

    [Fact]
    public void Neq_null_means_present_and_not_null()
    {
        const string Detection = "sel:\n  F|neq: null\ncondition: sel";
        Assert.True(MatchF(Detection, "x"));
        Assert.True(MatchF(Detection, ""));
        Assert.False(Match(Detection, "{}"));
        Assert.False(Match(Detection, "{\"F\":null}"));
    }

    [Fact]
    public void Neq_combines_with_other_fields_by_and()
    {
        const string Detection = "sel:\n  Image|endswith: '\\net.exe'\n  User|neq: SYSTEM\ncondition: sel";
        Assert.True(Match(Detection, Events.With(("Image", "C:\\Windows\\net.exe"), ("User", "alice"))));
        Assert.True(Match(Detection, Events.With("Image", "C:\\Windows\\net.exe")));
        Assert.False(Match(Detection, Events.With(("Image", "C:\\Windows\\net.exe"), ("User", "system"))));
        Assert.False(Match(Detection, Events.With(("Image", "C:\\Windows\\cmd.exe"), ("User", "alice"))));
    }

    [Fact]
    public void Cased_neq_is_ordinal()
    {
        const string Detection = "sel:\n  F|neq|cased: Foo\ncondition: sel";
        Assert.False(MatchF(Detection, "Foo"));
        Assert.True(MatchF(Detection, "foo"));
    }
}
