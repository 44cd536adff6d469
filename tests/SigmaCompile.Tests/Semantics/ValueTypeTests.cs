using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Semantics;

/// <summary>Rule values of each YAML type (strings, quoted digits, ints, bools, null, empty) and lists of maps.</summary>
public sealed class ValueTypeTests
{
    private static bool Match(string detection, string json) => Detections.Matches(detection, json);

    [Theory]
    [InlineData("4688", true)]
    [InlineData("\"4688\"", true)]
    [InlineData("\" 4688\"", false)]
    [InlineData("4688.0", false)]
    [InlineData("46880", false)]
    [InlineData("\"04688\"", false)]
    [InlineData("null", false)]
    public void A_quoted_digit_string_and_an_int_both_match_the_number_and_its_text(string jsonValue, bool expected)
    {
        string json = "{\"EventID\":" + jsonValue + "}";
        Assert.Equal(expected, Match("sel:\n  EventID: '4688'\ncondition: sel", json));
        Assert.Equal(expected, Match("sel:\n  EventID: 4688\ncondition: sel", json));
        Assert.Equal(expected, Match("sel:\n  EventID: \"4688\"\ncondition: sel", json));
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("4", true)]
    [InlineData("\"4\"", true)]
    [InlineData("5", false)]
    [InlineData("14", false)]
    public void A_list_of_ints_is_or(string jsonValue, bool expected) =>
        Assert.Equal(expected, Match("sel:\n  EventID:\n    - 1\n    - 4\n    - '7'\ncondition: sel", "{\"EventID\":" + jsonValue + "}"));

    [Theory]
    [InlineData("-1", true)]
    [InlineData("\"-1\"", true)]
    [InlineData("1", false)]
    public void Negative_ints_match_through_their_text(string jsonValue, bool expected) =>
        Assert.Equal(expected, Match("sel:\n  F: -1\ncondition: sel", "{\"F\":" + jsonValue + "}"));

    [Theory]
    [InlineData("true", true)]
    [InlineData("\"true\"", true)]
    [InlineData("\"True\"", true)]
    [InlineData("false", false)]
    [InlineData("1", false)]
    [InlineData("null", false)]
    public void A_bool_matches_the_json_bool_and_its_text(string jsonValue, bool expected) =>
        Assert.Equal(expected, Match("sel:\n  F: true\ncondition: sel", "{\"F\":" + jsonValue + "}"));

    [Theory]
    [InlineData("false", true)]
    [InlineData("\"FALSE\"", true)]
    [InlineData("true", false)]
    [InlineData("0", false)]
    public void False_matches_false(string jsonValue, bool expected) =>
        Assert.Equal(expected, Match("sel:\n  F: false\ncondition: sel", "{\"F\":" + jsonValue + "}"));

    [Theory]
    [InlineData("{}", true)]
    [InlineData("{\"F\":null}", true)]
    [InlineData("{\"F\":\"\"}", false)]
    [InlineData("{\"F\":\"null\"}", false)]
    [InlineData("{\"F\":0}", false)]
    [InlineData("{\"F\":{}}", false)]
    public void Null_means_missing_or_json_null(string json, bool expected)
    {
        Assert.Equal(expected, Match("sel:\n  F: null\ncondition: sel", json));
        Assert.Equal(expected, Match("sel:\n  F: ~\ncondition: sel", json));
    }

    [Fact]
    public void A_quoted_null_is_the_text_null()
    {
        Assert.True(Match("sel:\n  F: 'null'\ncondition: sel", "{\"F\":\"NULL\"}"));
        Assert.False(Match("sel:\n  F: 'null'\ncondition: sel", "{}"));
        Assert.False(Match("sel:\n  F: 'null'\ncondition: sel", "{\"F\":null}"));
    }

    [Theory]
    [InlineData("{\"F\":\"\"}", true)]
    [InlineData("{\"F\":\" \"}", false)]
    [InlineData("{\"F\":null}", false)]
    [InlineData("{}", false)]
    [InlineData("{\"F\":[\"x\",\"\"]}", true)]
    public void An_empty_string_matches_only_an_empty_value(string json, bool expected)
    {
        Assert.Equal(expected, Match("sel:\n  F: ''\ncondition: sel", json));
        Assert.Equal(expected, Match("sel:\n  F: \"\"\ncondition: sel", json));
    }

    [Theory]
    [InlineData("{\"F\":\"\"}", true)]
    [InlineData("{}", true)]
    [InlineData("{\"F\":null}", true)]
    [InlineData("{\"F\":\"x\"}", false)]
    public void Null_or_empty_as_a_list(string json, bool expected) =>
        Assert.Equal(expected, Match("sel:\n  F:\n    - ''\n    - null\ncondition: sel", json));

    [Theory]
    [InlineData("{\"Image\":\"C:\\\\x\\\\cmd.exe\",\"CommandLine\":\"cmd /c whoami\"}", true)]
    [InlineData("{\"Image\":\"C:\\\\x\\\\cmd.exe\",\"CommandLine\":\"cmd /c dir\"}", false)]
    [InlineData("{\"Image\":\"C:\\\\x\\\\powershell.exe\"}", true)]
    [InlineData("{\"Image\":\"C:\\\\x\\\\pwsh.exe\",\"CommandLine\":\"-enc\"}", false)]
    [InlineData("{\"ParentImage\":\"C:\\\\x\\\\winword.exe\",\"EventID\":1}", true)]
    [InlineData("{\"ParentImage\":\"C:\\\\x\\\\winword.exe\",\"EventID\":\"1\"}", true)]
    [InlineData("{\"ParentImage\":\"C:\\\\x\\\\winword.exe\",\"EventID\":2}", false)]
    [InlineData("{}", false)]
    public void A_list_of_maps_is_an_or_of_ands(string json, bool expected) =>
        Assert.Equal(expected, Match(
            "sel:\n" +
            "  - Image|endswith: '\\cmd.exe'\n" +
            "    CommandLine|contains: whoami\n" +
            "  - Image|endswith: '\\powershell.exe'\n" +
            "  - ParentImage|endswith: '\\winword.exe'\n" +
            "    EventID: 1\n" +
            "condition: sel",
            json));

    [Theory]
    [InlineData("{\"A\":\"x\",\"B\":null}", true)]
    [InlineData("{\"A\":\"x\"}", true)]
    [InlineData("{\"A\":\"x\",\"B\":\"y\"}", false)]
    [InlineData("{\"B\":null}", false)]
    public void Maps_mix_value_types(string json, bool expected) =>
        Assert.Equal(expected, Match("sel:\n  A: x\n  B: null\ncondition: sel", json));

    [Theory]
    [InlineData("{\"F\":\"a\"}", true)]
    [InlineData("{\"F\":5}", true)]
    [InlineData("{\"F\":true}", true)]
    [InlineData("{}", true)]
    [InlineData("{\"F\":\"b\"}", false)]
    [InlineData("{\"F\":6}", false)]
    public void A_list_may_mix_strings_ints_bools_and_null(string json, bool expected) =>
        Assert.Equal(expected, Match("sel:\n  F:\n    - a\n    - 5\n    - true\n    - null\ncondition: sel", json));
}
