using System.Linq;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Semantics;

/// <summary>
/// Regression guard for merged matchers: a 2,000-value plain list (one hash lookup) and a 1,000-value contains list
/// (one multi-string search) give the same answers as the single-value forms.
/// </summary>
public sealed class LargeListTests
{
    private static readonly string[] Hashes = Enumerable.Range(0, 2000).Select(i => $"{i * 7919 % 1000003:X8}ABCDEF{i:D4}").ToArray();

    private static readonly string[] Needles = Enumerable.Range(0, 1000).Select(i => i % 3 == 0 ? $"\\tool{i:D4}.exe" : i % 3 == 1 ? $"-arg{i:D4}=" : $"\u043f\u0443\u0442\u044c{i:D4}").ToArray();

    private static readonly string PlainList = "sel:\n  F:\n" + string.Join("", Hashes.Select(h => "    - " + Events.Quote(h) + "\n")) + "condition: sel";

    private static readonly string ContainsList = "sel:\n  F|contains:\n" + string.Join("", Needles.Select(n => "    - " + Events.Quote(n) + "\n")) + "condition: sel";

    private static bool MatchF(string detection, string value) => Detections.Matches(detection, Events.With("F", value));

    private static bool Single(string modifiers, string value, string eventValue) =>
        MatchF($"sel:\n  F{modifiers}: {Events.Quote(value)}\ncondition: sel", eventValue);

    public static TheoryData<int> Spots => new() { 0, 1, 2, 3, 499, 500, 997, 998, 999 };

    [Theory]
    [MemberData(nameof(Spots))]
    public void A_2000_value_list_matches_each_value_like_the_single_form(int index)
    {
        foreach (int i in new[] { index, index + 1000 })
        {
            string value = Hashes[i];
            foreach (string candidate in new[] { value, value.ToLowerInvariant(), value + "0", value[..^1], " " + value, "X" + value[1..] })
            {
                bool inList = Hashes.Contains(candidate, System.StringComparer.OrdinalIgnoreCase);
                Assert.Equal(inList, MatchF(PlainList, candidate));
                if (Single("", value, candidate))
                    Assert.True(MatchF(PlainList, candidate));
            }
            Assert.True(MatchF(PlainList, value.ToLowerInvariant()));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("ABCDEF")]
    [InlineData("00000000ABCDEF2000")]
    [InlineData("x")]
    public void A_2000_value_list_rejects_other_values(string value) =>
        Assert.False(MatchF(PlainList, value));

    [Fact]
    public void A_2000_value_list_agrees_with_the_single_form_on_a_sample()
    {
        foreach (int i in new[] { 0, 13, 777, 1234, 1999 })
        {
            string value = Hashes[i];
            foreach (string candidate in new[] { value, value.ToLowerInvariant(), value + "0", value[..^1], " " + value })
                Assert.Equal(Single("", value, candidate), MatchF(PlainList, candidate));
        }
    }

    [Theory]
    [MemberData(nameof(Spots))]
    public void A_1000_value_contains_list_agrees_with_the_single_form(int index)
    {
        string needle = Needles[index];
        string[] candidates =
        {
            "C:\\x" + needle + " rest",
            needle,
            needle.ToUpperInvariant(),
            "prefix " + needle.ToLowerInvariant(),
            needle[..^1],
            needle[1..],
            needle.Replace("4", "5", System.StringComparison.Ordinal),
        };
        foreach (string candidate in candidates)
        {
            bool single = Single("|contains", needle, candidate);
            bool anyNeedle = Needles.Any(n => candidate.Contains(n, System.StringComparison.OrdinalIgnoreCase));
            Assert.Equal(anyNeedle, MatchF(ContainsList, candidate));
            if (single)
                Assert.True(MatchF(ContainsList, candidate));
        }
        Assert.True(MatchF(ContainsList, "a " + needle.ToUpperInvariant() + " b"));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("tool0000.exe", false)]
    [InlineData("\\tool0001.exe", false)]
    [InlineData("\\TOOL0003.EXE", true)]
    [InlineData("-arg0001", false)]
    [InlineData("x -ARG0997=y", true)]
    [InlineData("\u043f\u0443\u0442\u044c0002", true)]
    [InlineData("\u041f\u0423\u0422\u042c0998", true)]
    [InlineData("\u043f\u0443\u0442\u044c0003", false)]
    [InlineData("\u043f\u0443\u0442\u04410002", false)]
    public void A_1000_value_contains_list_spot_checks(string value, bool expected) =>
        Assert.Equal(expected, MatchF(ContainsList, value));

    [Fact]
    public void A_1000_value_startswith_and_endswith_list_agree_with_the_single_form()
    {
        string starts = "sel:\n  F|startswith:\n" + string.Join("", Needles.Select(n => "    - " + Events.Quote(n) + "\n")) + "condition: sel";
        string ends = "sel:\n  F|endswith:\n" + string.Join("", Needles.Select(n => "    - " + Events.Quote(n) + "\n")) + "condition: sel";
        foreach (int i in new[] { 0, 1, 2, 500, 999 })
        {
            string needle = Needles[i];
            Assert.True(MatchF(starts, needle.ToUpperInvariant() + " tail"));
            Assert.False(MatchF(starts, "head " + needle));
            Assert.True(MatchF(ends, "head " + needle.ToUpperInvariant()));
            Assert.False(MatchF(ends, needle + " tail"));
            Assert.Equal(Single("|startswith", needle, needle + "z"), MatchF(starts, needle + "z"));
            Assert.Equal(Single("|endswith", needle, "z" + needle), MatchF(ends, "z" + needle));
        }
    }

    [Fact]
    public void A_1000_value_contains_list_with_neq_is_different_from_all()
    {
        string detection = ContainsList.Replace("F|contains:", "F|contains|neq:", System.StringComparison.Ordinal);
        Assert.False(MatchF(detection, "run \\TOOL0999.EXE"));
        Assert.True(MatchF(detection, "run \\tool1000.exe"));
        Assert.True(Detections.Matches(detection, "{}"));
    }
}
