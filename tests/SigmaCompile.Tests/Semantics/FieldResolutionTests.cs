using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Semantics;

/// <summary>How field names reach values: literal keys, dotted paths, arrays, numbers, booleans and null.</summary>
public sealed class FieldResolutionTests
{
    private static bool Match(string detection, string json) => Detections.Matches(detection, json);

    [Fact]
    public void A_dotted_name_walks_nested_objects()
    {
        const string Detection = "sel:\n  userIdentity.type: Root\ncondition: sel";
        Assert.True(Match(Detection, "{\"userIdentity\":{\"type\":\"Root\"}}"));
        Assert.False(Match(Detection, "{\"userIdentity\":{\"kind\":\"Root\"}}"));
        Assert.False(Match(Detection, "{\"userIdentity\":\"Root\"}"));
    }

    [Fact]
    public void A_literal_dotted_key_is_tried_first()
    {
        const string Detection = "sel:\n  a.b: literal\ncondition: sel";
        Assert.True(Match(Detection, "{\"a.b\":\"literal\",\"a\":{\"b\":\"nested\"}}"));
        Assert.False(Match("sel:\n  a.b: nested\ncondition: sel", "{\"a.b\":\"literal\",\"a\":{\"b\":\"nested\"}}"));
        Assert.True(Match("sel:\n  a.b: nested\ncondition: sel", "{\"a\":{\"b\":\"nested\"}}"));
    }

    [Fact]
    public void Partly_dotted_keys_are_found_at_any_depth()
    {
        Assert.True(Match("sel:\n  a.b.c: v\ncondition: sel", "{\"a\":{\"b.c\":\"v\"}}"));
        Assert.True(Match("sel:\n  a.b.c: v\ncondition: sel", "{\"a.b\":{\"c\":\"v\"}}"));
    }

    [Fact]
    public void Names_with_dashes_are_plain_keys() =>
        Assert.True(Match("sel:\n  cs-uri-query|contains: cmd=\ncondition: sel", "{\"cs-uri-query\":\"?cmd=whoami\"}"));

    [Fact]
    public void Field_names_are_case_sensitive() =>
        Assert.False(Match("sel:\n  Image: x\ncondition: sel", "{\"image\":\"x\"}"));

    [Fact]
    public void An_array_value_matches_when_any_element_does()
    {
        const string Detection = "sel:\n  F: b\ncondition: sel";
        Assert.True(Match(Detection, "{\"F\":[\"a\",\"b\"]}"));
        Assert.False(Match(Detection, "{\"F\":[\"a\",\"c\"]}"));
        Assert.False(Match(Detection, "{\"F\":[]}"));
        Assert.True(Match(Detection, "{\"F\":[[\"b\"]]}"));
    }

    [Fact]
    public void An_array_on_the_path_means_any_element()
    {
        const string Detection = "sel:\n  resources.type: AWS::IAM::Role\ncondition: sel";
        Assert.True(Match(Detection, "{\"resources\":[{\"type\":\"AWS::S3::Bucket\"},{\"type\":\"AWS::IAM::Role\"}]}"));
        Assert.False(Match(Detection, "{\"resources\":[{\"type\":\"AWS::S3::Bucket\"}]}"));
    }

    [Fact]
    public void Numbers_compare_through_their_json_text()
    {
        const string Detection = "sel:\n  EventID: 4688\ncondition: sel";
        Assert.True(Match(Detection, "{\"EventID\":4688}"));
        Assert.True(Match(Detection, "{\"EventID\":\"4688\"}"));
        Assert.False(Match(Detection, "{\"EventID\":46880}"));
        Assert.True(Match("sel:\n  EventID: '4688'\ncondition: sel", "{\"EventID\":4688}"));
        Assert.True(Match("sel:\n  EventID|startswith: '46'\ncondition: sel", "{\"EventID\":4688}"));
    }

    [Fact]
    public void Booleans_compare_through_their_json_text()
    {
        Assert.True(Match("sel:\n  Initiated: true\ncondition: sel", "{\"Initiated\":true}"));
        Assert.True(Match("sel:\n  Initiated: true\ncondition: sel", "{\"Initiated\":\"true\"}"));
        Assert.False(Match("sel:\n  Initiated: true\ncondition: sel", "{\"Initiated\":false}"));
        Assert.True(Match("sel:\n  Initiated: 'false'\ncondition: sel", "{\"Initiated\":false}"));
    }

    [Fact]
    public void Null_matches_a_missing_field_or_json_null()
    {
        const string Detection = "sel:\n  F: null\ncondition: sel";
        Assert.True(Match(Detection, "{}"));
        Assert.True(Match(Detection, "{\"F\":null}"));
        Assert.False(Match(Detection, "{\"F\":\"\"}"));
        Assert.False(Match(Detection, "{\"F\":\"x\"}"));
    }

    [Fact]
    public void Null_in_a_value_list_is_one_alternative()
    {
        const string Detection = "sel:\n  F:\n    - null\n    - ''\ncondition: sel";
        Assert.True(Match(Detection, "{}"));
        Assert.True(Match(Detection, "{\"F\":\"\"}"));
        Assert.False(Match(Detection, "{\"F\":\"x\"}"));
    }

    [Fact]
    public void A_map_is_and()
    {
        const string Detection = "sel:\n  A: 1\n  B: 2\ncondition: sel";
        Assert.True(Match(Detection, "{\"A\":1,\"B\":2}"));
        Assert.False(Match(Detection, "{\"A\":1,\"B\":3}"));
        Assert.False(Match(Detection, "{\"A\":1}"));
    }

    [Fact]
    public void A_list_of_maps_is_or_of_ands()
    {
        const string Detection = "sel:\n  - A: 1\n    B: 2\n  - C: 3\ncondition: sel";
        Assert.True(Match(Detection, "{\"A\":1,\"B\":2}"));
        Assert.True(Match(Detection, "{\"C\":3}"));
        Assert.False(Match(Detection, "{\"A\":1,\"C\":4}"));
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    [InlineData("42")]
    public void An_event_that_is_not_an_object_never_matches(string json) =>
        Assert.False(Match("sel:\n  F: null\ncondition: sel", json));

    [Fact]
    public void A_default_json_element_never_matches()
    {
        IDetectionRule rule = GeneratorHarness.CompileRule(Detections.Rule("sel:\n  F: null\ncondition: sel"));
        Assert.False(rule.IsMatch(default));
    }
}
