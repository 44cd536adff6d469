using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Semantics;

/// <summary>The condition grammar: and, or, not, parentheses, precedence and 'x of'.</summary>
public sealed class ConditionTests
{
    private const string Searches = "a:\n  A: 1\nb:\n  B: 1\nc:\n  C: 1\n";

    private static bool Match(string condition, string json) => Detections.Matches(Searches + "condition: " + condition, json);

    [Theory]
    [InlineData("a and b", "{\"A\":1,\"B\":1}", true)]
    [InlineData("a and b", "{\"A\":1}", false)]
    [InlineData("a or b", "{\"B\":1}", true)]
    [InlineData("a or b", "{\"C\":1}", false)]
    [InlineData("not a", "{\"B\":1}", true)]
    [InlineData("not a", "{\"A\":1}", false)]
    [InlineData("a and not b", "{\"A\":1,\"B\":1}", false)]
    [InlineData("a and not b", "{\"A\":1}", true)]
    public void Operators(string condition, string json, bool expected) => Assert.Equal(expected, Match(condition, json));

    [Theory]
    // and binds tighter than or: "a or b and c" is "a or (b and c)".
    [InlineData("a or b and c", "{\"A\":1}", true)]
    [InlineData("a or b and c", "{\"B\":1}", false)]
    [InlineData("(a or b) and c", "{\"A\":1}", false)]
    [InlineData("(a or b) and c", "{\"A\":1,\"C\":1}", true)]
    // not binds tighter than and: "not a and b" is "(not a) and b".
    [InlineData("not a and b", "{\"B\":1}", true)]
    [InlineData("not a and b", "{}", false)]
    [InlineData("not (a and b)", "{}", true)]
    [InlineData("not not a", "{\"A\":1}", true)]
    public void Precedence_and_parentheses(string condition, string json, bool expected) => Assert.Equal(expected, Match(condition, json));

    [Theory]
    [InlineData("A AND B", "{\"A\":1,\"B\":1}", true)]
    [InlineData("a And Not b", "{\"A\":1}", true)]
    public void Keywords_are_case_insensitive(string condition, string json, bool expected) =>
        Assert.Equal(expected, Detections.Matches("A:\n  A: 1\nB:\n  B: 1\nb:\n  B: 1\na:\n  A: 1\ncondition: " + condition, json));

    [Fact]
    public void One_of_and_all_of_with_patterns()
    {
        const string Detection = "sel_a:\n  A: 1\nsel_b:\n  B: 1\nfilter:\n  C: 1\n";
        Assert.True(Detections.Matches(Detection + "condition: 1 of sel_*", "{\"B\":1}"));
        Assert.False(Detections.Matches(Detection + "condition: 1 of sel_*", "{\"C\":1}"));
        Assert.True(Detections.Matches(Detection + "condition: all of sel_*", "{\"A\":1,\"B\":1}"));
        Assert.False(Detections.Matches(Detection + "condition: all of sel_*", "{\"A\":1}"));
        Assert.True(Detections.Matches(Detection + "condition: any of sel_* and not filter", "{\"A\":1}"));
        Assert.False(Detections.Matches(Detection + "condition: any of sel_* and not filter", "{\"A\":1,\"C\":1}"));
    }

    [Fact]
    public void The_star_may_stand_anywhere_in_a_pattern()
    {
        const string Detection = "sel_img:\n  A: 1\nsel_cli:\n  B: 1\nfilter_img:\n  C: 1\n";
        Assert.True(Detections.Matches(Detection + "condition: all of *_img", "{\"A\":1,\"C\":1}"));
        Assert.False(Detections.Matches(Detection + "condition: all of *_img", "{\"A\":1}"));
        Assert.True(Detections.Matches(Detection + "condition: 1 of s*_c*", "{\"B\":1}"));
    }

    [Fact]
    public void Them_skips_identifiers_starting_with_underscore()
    {
        const string Detection = "a:\n  A: 1\nb:\n  B: 1\n_helper:\n  H: 1\n";
        Assert.True(Detections.Matches(Detection + "condition: all of them", "{\"A\":1,\"B\":1}"));
        Assert.True(Detections.Matches(Detection + "condition: 1 of them", "{\"B\":1}"));
        Assert.False(Detections.Matches(Detection + "condition: 1 of them", "{\"H\":1}"));
    }

    [Fact]
    public void A_quantifier_binds_tighter_than_not() =>
        Assert.True(Detections.Matches("s1:\n  A: 1\ns2:\n  B: 1\ncondition: not 1 of s*", "{\"C\":1}"));
}
