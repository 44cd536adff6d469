using System;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Semantics;

/// <summary>fieldref (compare with another field of the same event) and exists (true/false).</summary>
public sealed class FieldRefAndExistsTests
{
    private static bool Match(string detection, string json) => Detections.Matches(detection, json);

    // ---- fieldref -------------------------------------------------------------------------------------

    private const string SameUser = "sel:\n  SubjectUserName|fieldref: TargetUserName\ncondition: sel";

    [Theory]
    [InlineData("{\"SubjectUserName\":\"bob\",\"TargetUserName\":\"bob\"}", true)]
    [InlineData("{\"SubjectUserName\":\"bob\",\"TargetUserName\":\"BOB\"}", true)]
    [InlineData("{\"SubjectUserName\":\"\",\"TargetUserName\":\"\"}", true)]
    [InlineData("{\"SubjectUserName\":\"bob\",\"TargetUserName\":\"alice\"}", false)]
    [InlineData("{\"SubjectUserName\":\"bob\",\"TargetUserName\":\"bob2\"}", false)]
    [InlineData("{\"SubjectUserName\":\"bob\",\"TargetUserName\":\"bo\"}", false)]
    [InlineData("{\"SubjectUserName\":\"bob\"}", false)]
    [InlineData("{\"TargetUserName\":\"bob\"}", false)]
    [InlineData("{}", false)]
    [InlineData("{\"SubjectUserName\":null,\"TargetUserName\":null}", false)]
    [InlineData("{\"SubjectUserName\":\"bob\",\"TargetUserName\":null}", false)]
    [InlineData("{\"SubjectUserName\":{\"a\":1},\"TargetUserName\":{\"a\":1}}", false)]
    public void Fieldref_compares_with_another_fields_value_ignoring_case(string json, bool expected) =>
        Assert.Equal(expected, Match(SameUser, json));

    [Theory]
    [InlineData("{\"SubjectUserName\":[\"x\",\"bob\"],\"TargetUserName\":\"BOB\"}", true)]
    [InlineData("{\"SubjectUserName\":\"bob\",\"TargetUserName\":[\"alice\",\"bob\"]}", true)]
    [InlineData("{\"SubjectUserName\":[\"a\",\"b\"],\"TargetUserName\":[\"c\",\"b\"]}", true)]
    [InlineData("{\"SubjectUserName\":[\"a\",\"b\"],\"TargetUserName\":[\"c\",\"d\"]}", false)]
    [InlineData("{\"SubjectUserName\":[],\"TargetUserName\":[]}", false)]
    [InlineData("{\"SubjectUserName\":\"bob\",\"TargetUserName\":[]}", false)]
    public void Fieldref_holds_when_any_value_of_one_equals_any_value_of_the_other(string json, bool expected) =>
        Assert.Equal(expected, Match(SameUser, json));

    [Theory]
    [InlineData("{\"A\":4688,\"B\":\"4688\"}", true)]
    [InlineData("{\"A\":4688,\"B\":4688}", true)]
    [InlineData("{\"A\":true,\"B\":\"TRUE\"}", true)]
    [InlineData("{\"A\":4688,\"B\":4689}", false)]
    public void Fieldref_compares_numbers_and_booleans_through_their_text(string json, bool expected) =>
        Assert.Equal(expected, Match("sel:\n  A|fieldref: B\ncondition: sel", json));

    [Theory]
    [InlineData("{\"src\":{\"ip\":\"10.0.0.1\"},\"dst\":{\"ip\":\"10.0.0.1\"}}", true)]
    [InlineData("{\"src\":{\"ip\":\"10.0.0.1\"},\"dst\":{\"ip\":\"10.0.0.2\"}}", false)]
    [InlineData("{\"src.ip\":\"10.0.0.1\",\"dst\":{\"ip\":\"10.0.0.1\"}}", true)]
    public void Fieldref_resolves_dotted_paths_on_both_sides(string json, bool expected) =>
        Assert.Equal(expected, Match("sel:\n  src.ip|fieldref: dst.ip\ncondition: sel", json));

    [Theory]
    [InlineData("{\"A\":\"Bob\",\"B\":\"Bob\"}", true)]
    [InlineData("{\"A\":\"Bob\",\"B\":\"bob\"}", false)]
    public void Fieldref_cased_is_ordinal(string json, bool expected) =>
        Assert.Equal(expected, Match("sel:\n  A|fieldref|cased: B\ncondition: sel", json));

    [Theory]
    [InlineData("contains", "{\"A\":\"C:\\\\Users\\\\Bob\\\\AppData\",\"B\":\"bob\"}", true)]
    [InlineData("contains", "{\"A\":\"C:\\\\Users\\\\alice\",\"B\":\"bob\"}", false)]
    [InlineData("startswith", "{\"A\":\"bob.exe\",\"B\":\"BOB\"}", true)]
    [InlineData("startswith", "{\"A\":\"xbob.exe\",\"B\":\"bob\"}", false)]
    [InlineData("endswith", "{\"A\":\"C:\\\\x\\\\bob\",\"B\":\"Bob\"}", true)]
    [InlineData("endswith", "{\"A\":\"bob.exe\",\"B\":\"bob\"}", false)]
    [InlineData("contains", "{\"A\":\"abc\"}", false)]
    public void Fieldref_with_a_position_modifier(string position, string json, bool expected) =>
        Assert.Equal(expected, Match($"sel:\n  A|fieldref|{position}: B\ncondition: sel", json));

    [Theory]
    [InlineData("{\"A\":\"x\",\"B\":\"y\"}", true)]
    [InlineData("{\"A\":\"x\",\"B\":\"X\"}", false)]
    [InlineData("{\"A\":\"x\"}", true)]
    public void Fieldref_neq_is_the_negation_of_fieldref(string json, bool expected) =>
        Assert.Equal(expected, Match("sel:\n  A|fieldref|neq: B\ncondition: sel", json));

    [Theory]
    [InlineData("{\"A\":\"x\",\"B\":\"x\"}", true)]
    [InlineData("{\"A\":\"x\",\"C\":\"X\"}", true)]
    [InlineData("{\"A\":\"x\",\"B\":\"y\",\"C\":\"z\"}", false)]
    public void A_list_of_referenced_fields_is_or(string json, bool expected) =>
        Assert.Equal(expected, Match("sel:\n  A|fieldref:\n    - B\n    - C\ncondition: sel", json));

    [Theory]
    [InlineData("{\"A\":\"x\",\"B\":\"x\",\"C\":\"X\"}", true)]
    [InlineData("{\"A\":\"x\",\"B\":\"x\"}", false)]
    [InlineData("{\"A\":[\"x\",\"y\"],\"B\":\"x\",\"C\":\"y\"}", true)]
    public void Fieldref_all_needs_every_referenced_field(string json, bool expected) =>
        Assert.Equal(expected, Match("sel:\n  A|fieldref|all:\n    - B\n    - C\ncondition: sel", json));

    [Fact]
    public void Fieldref_compares_long_values()
    {
        string value = new string('x', 3000) + "end";
        Assert.True(Match(SameUser, Events.With(("SubjectUserName", value), ("TargetUserName", value.ToUpperInvariant()))));
        Assert.False(Match(SameUser, Events.With(("SubjectUserName", value), ("TargetUserName", value + "!"))));
    }

    [Fact]
    public void Fieldref_decodes_json_escapes_on_both_sides() =>
        Assert.True(Match("sel:\n  A|fieldref: B\ncondition: sel", "{\"A\":\"caf\\u00e9\",\"B\":\"CAF\u00c9\"}"));

    [Theory]
    [InlineData("F|fieldref: ''")]
    [InlineData("F|fieldref|re: B")]
    [InlineData("F|fieldref|windash: B")]
    public void Invalid_fieldref_rules_are_compile_errors(string item) =>
        Assert.Throws<InvalidOperationException>(() => Match("sel:\n  " + item + "\ncondition: sel", "{}"));

    // ---- exists ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData("{\"F\":\"x\"}", true)]
    [InlineData("{\"F\":\"\"}", true)]
    [InlineData("{\"F\":null}", true)]
    [InlineData("{\"F\":0}", true)]
    [InlineData("{\"F\":false}", true)]
    [InlineData("{\"F\":{}}", true)]
    [InlineData("{\"F\":[]}", true)]
    [InlineData("{}", false)]
    [InlineData("{\"G\":\"F\"}", false)]
    [InlineData("{\"f\":\"x\"}", false)]
    public void Exists_true_holds_for_a_present_field_whatever_its_value(string json, bool expected)
    {
        Assert.Equal(expected, Match("sel:\n  F|exists: true\ncondition: sel", json));
        Assert.Equal(!expected, Match("sel:\n  F|exists: false\ncondition: sel", json));
    }

    [Theory]
    [InlineData("{\"a\":{\"b\":null}}", true)]
    [InlineData("{\"a\":{\"b\":\"x\"}}", true)]
    [InlineData("{\"a.b\":1}", true)]
    [InlineData("{\"a\":[{\"c\":1},{\"b\":2}]}", true)]
    [InlineData("{\"a\":{}}", false)]
    [InlineData("{\"a\":\"b\"}", false)]
    [InlineData("{\"a\":[{\"c\":1}]}", false)]
    public void Exists_follows_dotted_paths_and_arrays(string json, bool expected)
    {
        Assert.Equal(expected, Match("sel:\n  a.b|exists: true\ncondition: sel", json));
        Assert.Equal(!expected, Match("sel:\n  a.b|exists: false\ncondition: sel", json));
    }

    [Fact]
    public void Exists_combines_with_other_fields()
    {
        const string Detection = "sel:\n  Image|endswith: '.exe'\n  ParentImage|exists: false\ncondition: sel";
        Assert.True(Match(Detection, "{\"Image\":\"a.exe\"}"));
        Assert.False(Match(Detection, "{\"Image\":\"a.exe\",\"ParentImage\":null}"));
        Assert.False(Match(Detection, "{\"Image\":\"a.dll\"}"));
    }

    [Theory]
    [InlineData("F|exists: 'true'")]
    [InlineData("F|exists: yes")]
    [InlineData("F|exists: 1")]
    [InlineData("F|exists: null")]
    [InlineData("F|exists|neq: true")]
    [InlineData("F|exists|contains: true")]
    [InlineData("F|exists|cased: true")]
    [InlineData("F|exists|all:\n    - true\n    - false")]
    public void Invalid_exists_rules_are_compile_errors(string item) =>
        Assert.Throws<InvalidOperationException>(() => Match("sel:\n  " + item + "\ncondition: sel", "{}"));
}
