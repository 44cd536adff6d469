using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Semantics;

/// <summary>
/// Case-insensitive matching folds non-ASCII letters (Greek, Cyrillic, German umlauts) in every matcher shape:
/// one value and many values (merged into a hash set or a multi-string search), equality and each position.
/// </summary>
public sealed class UnicodeCaseFoldingTests
{
    // Filler values make a list long enough for the merged (hash set / SearchValues) forms; some are non-ASCII.
    private static readonly string Filler = string.Join("", Enumerable.Range(0, 40).Select(i => $"    - 'f\u00fcller{i}\u0436'\n"));

    private static bool MatchF(string detection, string value) => Detections.Matches(detection, Events.With("F", value));

    private static string One(string modifiers, string value) => $"sel:\n  F{modifiers}: {Events.Quote(value)}\ncondition: sel";

    private static string Many(string modifiers, string value) => $"sel:\n  F{modifiers}:\n{Filler}    - {Events.Quote(value)}\ncondition: sel";

    public static TheoryData<string, string, bool> Pairs => new()
    {
        // German
        { "\u00e4rger", "\u00c4RGER", true },
        { "\u00c4rger", "\u00e4rger", true },
        { "\u00fcbung", "\u00dcBUNG", true },
        { "\u00d6l", "\u00f6L", true },
        { "\u00e4rger", "arger", false },
        { "\u00fcbung", "ubung", false },
        { "\u00f6l", "oel", false },
        // Cyrillic
        { "\u043f\u0440\u0438\u0432\u0435\u0442", "\u041f\u0420\u0418\u0412\u0415\u0422", true },
        { "\u041c\u0418\u041c\u0418\u041a\u0410\u0422\u0417", "\u043c\u0438\u043c\u0438\u043a\u0430\u0442\u0437", true },
        { "\u0451\u0436", "\u0401\u0416", true },
        { "\u043f\u0440\u0438\u0432\u0435\u0442", "\u043f\u0440\u0438\u0432\u0435\u0434", false },
        { "\u0435\u0436", "\u0451\u0436", false },
        // Cyrillic letters that look like Latin ones are different letters
        { "\u0441md", "cmd", false },
        // Greek, with accents and final sigma
        { "\u03c3\u03af\u03c3\u03c5\u03c6\u03bf\u03c2", "\u03a3\u038a\u03a3\u03a5\u03a6\u039f\u03a3", true },
        { "\u03bf\u03b4\u03bf\u03c2", "\u039f\u0394\u039f\u03a3", true },
        { "\u03bf\u03b4\u03bf\u03c3", "\u03bf\u03b4\u03bf\u03c2", true },
        { "\u03b1\u03b2\u03b3", "\u0391\u0392\u0393", true },
        { "\u03c3\u03af\u03c3\u03c5\u03c6\u03bf\u03c2", "\u03c3\u03b9\u03c3\u03c5\u03c6\u03bf\u03c2", false },
        { "\u03b1\u03b2\u03b3", "\u03b1\u03b2\u03b4", false },
        // Mixed scripts in one value
        { "C:\\\u041f\u0430\u043f\u043a\u0430\\\u00dcber.exe", "c:\\\u043f\u0410\u041f\u041a\u0410\\\u00fcBER.EXE", true },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Equality_folds_case(string rule, string value, bool expected)
    {
        Assert.Equal(expected, MatchF(One("", rule), value));
        Assert.Equal(expected, MatchF(Many("", rule), value));
        Assert.False(MatchF(One("", rule), value + "x"));
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Contains_folds_case(string rule, string value, bool expected)
    {
        Assert.Equal(expected, MatchF(One("|contains", rule), "<< " + value + " >>"));
        Assert.Equal(expected, MatchF(Many("|contains", rule), "<< " + value + " >>"));
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Startswith_folds_case(string rule, string value, bool expected)
    {
        Assert.Equal(expected, MatchF(One("|startswith", rule), value + " >>"));
        Assert.Equal(expected, MatchF(Many("|startswith", rule), value + " >>"));
        Assert.False(MatchF(One("|startswith", rule), "<< " + value));
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Endswith_folds_case(string rule, string value, bool expected)
    {
        Assert.Equal(expected, MatchF(One("|endswith", rule), "<< " + value));
        Assert.Equal(expected, MatchF(Many("|endswith", rule), "<< " + value));
        Assert.False(MatchF(One("|endswith", rule), value + " >>"));
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Wildcards_fold_case(string rule, string value, bool expected)
    {
        Assert.Equal(expected, MatchF(One("", "*" + rule + "?"), "<< " + value + "!"));
        Assert.Equal(expected, MatchF(Many("", "*" + rule + "?"), "<< " + value + "!"));
    }

    public static TheoryData<string, string> FoldedPairs
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (object[] row in Pairs)
            {
                if ((bool)row[2])
                    data.Add((string)row[0], (string)row[1]);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(FoldedPairs))]
    public void Cased_never_folds(string rule, string value)
    {
        Assert.False(MatchF(One("|cased", rule), value));
        Assert.False(MatchF(Many("|cased", rule), value));
        Assert.False(MatchF(Many("|contains|cased", rule), "<< " + value + " >>"));
        Assert.True(MatchF(One("|cased", rule), rule));
        Assert.True(MatchF(Many("|contains|cased", rule), "<< " + rule + " >>"));
    }

    // Letters whose case pairs are irregular: every matcher shape, one value or many, follows Unicode simple case
    // folding (the Kelvin sign folds to k, the capital sharp s to ß, ...). One documented exception: dotless ı also
    // equals i, as in OrdinalIgnoreCase, which catches a homoglyph evasion. Dotted İ folds to nothing else.
    public static TheoryData<string, string, bool> IrregularPairs => new()
    {
        { "k", "\u212A", true },
        { "s", "\u017F", true },
        { "\u00DF", "\u1E9E", true },
        { "i", "\u0131", true },
        { "i", "\u0130", false },
        { "\u00E5", "\u212B", true },
        { "\u03C9", "\u2126", true },
        { "\u03B8", "\u03F4", true },
        { "\u03C3", "\u03C2", true },
        { "\u01C6", "\u01C5", true },
        { "\u00B5", "\u039C", true },
        { "\u03B8", "\u03D1", true },
        { "\U00010428", "\U00010400", true },
        { "a", "\u00E0", false },
    };

    [Theory]
    [MemberData(nameof(IrregularPairs))]
    public void Every_matcher_shape_agrees_on_irregular_case_pairs(string letter, string other, bool expected)
    {
        foreach ((string rule, string value) in new[] { ("ab" + letter + "cd", "AB" + other + "CD"), ("ab" + other + "cd", "AB" + letter + "CD") })
        {
            Assert.Equal(expected, MatchF(One("", rule), value));
            Assert.Equal(expected, MatchF(Many("", rule), value));
            Assert.Equal(expected, MatchF(One("|contains", rule), "<<" + value + ">>"));
            Assert.Equal(expected, MatchF(Many("|contains", rule), "<<" + value + ">>"));
            Assert.Equal(expected, MatchF(One("|startswith", rule), value + ">>"));
            Assert.Equal(expected, MatchF(Many("|startswith", rule), value + ">>"));
            Assert.Equal(expected, MatchF(One("|endswith", rule), "<<" + value));
            Assert.Equal(expected, MatchF(Many("|endswith", rule), "<<" + value));
            Assert.Equal(expected, MatchF(One("", "*" + rule + "?"), "<<" + value + "!"));
            Assert.Equal(expected, Detections.Matches("keywords:\n  - " + Events.Quote(rule) + "\ncondition: keywords", Events.With("m", "<<" + value + ">>")));
            // The same event with its non-ASCII letters written as JSON escapes (\u212a): ASCII bytes, same text.
            string escaped = JsonSerializer.Serialize(new Dictionary<string, string> { ["F"] = "<<" + value + ">>" });
            Assert.Equal(expected, Detections.Matches(One("|contains", rule), escaped));
            Assert.Equal(expected, Detections.Matches(Many("|contains", rule), escaped));
            Assert.Equal(expected, Detections.Matches(Many("", "<<" + rule + ">>"), escaped));
        }
    }

    [Fact]
    public void Json_escaped_non_ascii_text_folds_like_raw_text()
    {
        Assert.True(Detections.Matches(One("", "\u00e4rger"), "{\"F\":\"\\u00c4RGER\"}"));
        Assert.True(Detections.Matches(Many("|contains", "\u043f\u0440\u0438\u0432\u0435\u0442"), "{\"F\":\"x \\u041f\\u0420\\u0418\\u0412\\u0415\\u0422 y\"}"));
        Assert.False(Detections.Matches(One("", "\u00e4rger"), "{\"F\":\"\\u00c4RGE\"}"));
    }
}
