using System.Linq;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Semantics;

/// <summary>Plain values, contains/startswith/endswith, wildcards, escaping and case folding.</summary>
public sealed class StringMatchingTests
{
    private static bool Match(string detection, string json) => Detections.Matches(detection, json);

    [Theory]
    [InlineData("cmd.exe", true)]
    [InlineData("CMD.EXE", true)]
    [InlineData("cmd.exe ", false)]
    [InlineData("xcmd.exe", false)]
    [InlineData("cmd", false)]
    public void A_plain_value_matches_the_whole_value_case_insensitively(string value, bool expected) =>
        Assert.Equal(expected, Match("sel:\n  Image: cmd.exe\ncondition: sel", $"{{\"Image\":\"{value}\"}}"));

    [Theory]
    [InlineData("a Mimikatz b", true)]
    [InlineData("MIMIKATZ", true)]
    [InlineData("mimi katz", false)]
    public void Contains_matches_anywhere(string value, bool expected) =>
        Assert.Equal(expected, Match("sel:\n  CommandLine|contains: mimikatz\ncondition: sel", $"{{\"CommandLine\":\"{value}\"}}"));

    [Theory]
    [InlineData("UpdateFunctionConfiguration20150331v2", true)]
    [InlineData("updatefunctionconfiguration", true)]
    [InlineData("XUpdateFunctionConfiguration", false)]
    public void Startswith_anchors_at_the_start(string value, bool expected) =>
        Assert.Equal(expected, Match("sel:\n  eventName|startswith: UpdateFunctionConfiguration\ncondition: sel", $"{{\"eventName\":\"{value}\"}}"));

    [Theory]
    [InlineData("C:\\\\Windows\\\\System32\\\\cmd.exe", true)]
    [InlineData("C:\\\\Windows\\\\System32\\\\CMD.exe", true)]
    [InlineData("C:\\\\Windows\\\\System32\\\\cmd.exe.bak", false)]
    [InlineData("cmd.exe", false)]
    public void Endswith_anchors_at_the_end_and_keeps_the_backslash(string jsonValue, bool expected) =>
        Assert.Equal(expected, Match("sel:\n  Image|endswith: '\\cmd.exe'\ncondition: sel", $"{{\"Image\":\"{jsonValue}\"}}"));

    [Theory]
    [InlineData("abc", true)]
    [InlineData("a123c", true)]
    [InlineData("ac", true)]
    [InlineData("abd", false)]
    public void Star_is_any_run_of_characters(string value, bool expected) =>
        Assert.Equal(expected, Match("sel:\n  F: 'a*c'\ncondition: sel", $"{{\"F\":\"{value}\"}}"));

    [Theory]
    [InlineData("abc", true)]
    [InlineData("ac", false)]
    [InlineData("abbc", false)]
    [InlineData("a\u00e9c", true)]
    [InlineData("a\U0001F600c", true)]
    public void Question_mark_is_exactly_one_character(string value, bool expected) =>
        Assert.Equal(expected, Match("sel:\n  F: 'a?c'\ncondition: sel", System.Text.Json.JsonSerializer.Serialize(new { F = value })));

    [Theory]
    [InlineData("x-a-y-b-z", true)]
    [InlineData("a-b", false)]
    [InlineData("A-B-c", true)]
    public void Several_wildcards_combine(string value, bool expected) =>
        Assert.Equal(expected, Match("sel:\n  F: '*a-?-*'\ncondition: sel", $"{{\"F\":\"{value}\"}}"));

    [Theory]
    [InlineData("a*b", true)]
    [InlineData("axb", false)]
    public void Escaped_star_is_literal(string value, bool expected) =>
        Assert.Equal(expected, Match("sel:\n  F: 'a\\*b'\ncondition: sel", $"{{\"F\":\"{value}\"}}"));

    [Theory]
    [InlineData("a?b", true)]
    [InlineData("axb", false)]
    public void Escaped_question_mark_is_literal(string value, bool expected) =>
        Assert.Equal(expected, Match("sel:\n  F: 'a\\?b'\ncondition: sel", $"{{\"F\":\"{value}\"}}"));

    [Fact]
    public void Double_backslash_is_one_backslash()
    {
        Assert.True(Match("sel:\n  F: 'a\\\\b'\ncondition: sel", "{\"F\":\"a\\\\b\"}"));
        Assert.False(Match("sel:\n  F: 'a\\\\b'\ncondition: sel", "{\"F\":\"a\\\\\\\\b\"}"));
    }

    [Fact]
    public void Double_backslash_then_star_is_a_backslash_then_a_wildcard()
    {
        const string Detection = "sel:\n  F: 'dir\\\\*'\ncondition: sel";
        Assert.True(Match(Detection, "{\"F\":\"dir\\\\anything\"}"));
        Assert.True(Match(Detection, "{\"F\":\"dir\\\\\"}"));
        Assert.False(Match(Detection, "{\"F\":\"dir*\"}"));
    }

    [Fact]
    public void A_trailing_single_backslash_is_literal()
    {
        const string Detection = "sel:\n  F: 'C:\\Windows\\'\ncondition: sel";
        Assert.True(Match(Detection, "{\"F\":\"C:\\\\Windows\\\\\"}"));
        Assert.False(Match(Detection, "{\"F\":\"C:\\\\Windows\"}"));
    }

    [Fact]
    public void A_backslash_before_an_ordinary_character_is_literal() =>
        Assert.True(Match("sel:\n  F: '\\\\\\\\\\*\\IPC$'\ncondition: sel", "{\"F\":\"\\\\\\\\*\\\\IPC$\"}"));

    [Theory]
    [InlineData("\u00e4rger", true)]
    [InlineData("\u00c4RGER", true)]
    [InlineData("\u00c4rger", true)]
    [InlineData("arger", false)]
    public void Case_folding_is_unicode_aware(string value, bool expected) =>
        Assert.Equal(expected, Match("sel:\n  F: '\u00e4rger'\ncondition: sel", System.Text.Json.JsonSerializer.Serialize(new { F = value })));

    [Fact]
    public void Case_folding_applies_to_contains_and_wildcards_too()
    {
        Assert.True(Match("sel:\n  F|contains: '\u0416\u0443\u043a'\ncondition: sel", System.Text.Json.JsonSerializer.Serialize(new { F = "x \u0436\u0443\u043a x" })));
        Assert.True(Match("sel:\n  F: '\u00c9t?*'\ncondition: sel", System.Text.Json.JsonSerializer.Serialize(new { F = "\u00e9t\u00e9s" })));
    }

    [Fact]
    public void Json_escapes_in_the_event_are_decoded_before_matching()
    {
        Assert.True(Match("sel:\n  F: 'caf\u00e9 \"x\"'\ncondition: sel", "{\"F\":\"caf\\u00e9 \\\"x\\\"\"}"));
        Assert.True(Match("sel:\n  F|contains: \"\\t\"\ncondition: sel", "{\"F\":\"a\\tb\"}"));
    }

    [Fact]
    public void An_empty_string_matches_only_an_empty_value()
    {
        const string Detection = "sel:\n  F: ''\ncondition: sel";
        Assert.True(Match(Detection, "{\"F\":\"\"}"));
        Assert.False(Match(Detection, "{\"F\":\"x\"}"));
        Assert.False(Match(Detection, "{\"F\":null}"));
        Assert.False(Match(Detection, "{}"));
    }

    [Fact]
    public void Star_matches_any_text_including_empty_but_not_a_missing_field()
    {
        const string Detection = "sel:\n  F: '*'\ncondition: sel";
        Assert.True(Match(Detection, "{\"F\":\"\"}"));
        Assert.True(Match(Detection, "{\"F\":\"x\"}"));
        Assert.True(Match(Detection, "{\"F\":12}"));
        Assert.False(Match(Detection, "{}"));
        Assert.False(Match(Detection, "{\"F\":null}"));
        Assert.False(Match(Detection, "{\"F\":{}}"));
    }

    [Fact]
    public void A_long_value_is_matched_beyond_the_stack_buffer()
    {
        string value = new string('a', 5000) + "needle" + new string('b', 5000);
        Assert.True(Match("sel:\n  F|contains: NEEDLE\ncondition: sel", $"{{\"F\":\"{value}\"}}"));
        Assert.True(Match("sel:\n  F|endswith: DLEBBB\ncondition: sel", $"{{\"F\":\"{value[..5009]}\"}}"));
        Assert.False(Match("sel:\n  F|endswith: ABBB\ncondition: sel", $"{{\"F\":\"{value}\"}}"));
    }

    [Fact]
    public void A_list_of_values_is_or()
    {
        const string Detection = "sel:\n  F:\n    - one\n    - two\ncondition: sel";
        Assert.True(Match(Detection, "{\"F\":\"one\"}"));
        Assert.True(Match(Detection, "{\"F\":\"TWO\"}"));
        Assert.False(Match(Detection, "{\"F\":\"three\"}"));
    }

    [Fact]
    public void A_long_list_of_contains_values_is_one_search_with_the_same_answers()
    {
        string values = string.Join("\n", System.Linq.Enumerable.Range(0, 300).Select(i => $"    - 'needle{i:D4}x'"));
        string detection = "sel:\n  F|contains:\n" + values + "\ncondition: sel";
        Assert.True(Match(detection, "{\"F\":\"...NEEDLE0299X...\"}"));
        Assert.True(Match(detection, "{\"F\":\"needle0000x\"}"));
        Assert.False(Match(detection, "{\"F\":\"needle0300x\"}"));
    }

    [Fact]
    public void A_long_list_of_plain_values_is_one_lookup_with_the_same_answers()
    {
        string values = string.Join("\n", System.Linq.Enumerable.Range(0, 300).Select(i => $"    - 'HASH{i:D4}'"));
        string detection = "sel:\n  F:\n" + values + "\ncondition: sel";
        Assert.True(Match(detection, "{\"F\":\"hash0123\"}"));
        Assert.False(Match(detection, "{\"F\":\"hash0123 \"}"));
        Assert.False(Match(detection, "{\"F\":\"hash\"}"));
    }
}
