using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace SigmaCompile.Tests.Infrastructure;

/// <summary>
/// The answer a regex gives over code points, as PCRE and Python read text, computed independently of the runtime's
/// rewrite: .NET's own engine run on a transliteration of pattern and text in which every character is one UTF-16
/// unit. Each character above the BMP the tests use becomes a BMP stand-in of the same Unicode category, with no
/// case mapping on either side, and each lone surrogate becomes U+FFFD (the documented reading). On such text .NET
/// counts characters as code points, and every class decides by category or by the character itself, so the
/// answer is the code-point answer. Stand-ins must not occur in the patterns or BMP text tested.
/// </summary>
internal static class CodePointReference
{
    /// <summary>Characters above the BMP and their stand-ins: symbols, letters, a digit, a mark, a format and a private character.</summary>
    public static readonly IReadOnlyList<(string Character, char StandIn)> StandIns =
    [
        ("😀", '\u2600'), // U+1F600 So -> BLACK SUN WITH RAYS, So (three in a row, so ranges map to ranges)
        ("😁", '\u2601'),
        ("😂", '\u2602'),
        ("𠜎", '\u4E00'), // U+2070E Lo -> CJK ideograph one, Lo
        ("𝐀", '\u2102'), // U+1D400 MATHEMATICAL BOLD CAPITAL A, Lu -> DOUBLE-STRUCK CAPITAL C, Lu; neither has a lower case
        ("𝟎", '\u0660'), // U+1D7CE MATHEMATICAL BOLD DIGIT ZERO, Nd -> ARABIC-INDIC DIGIT ZERO, Nd
        ("\U0001D167", '\u0300'), // MUSICAL SYMBOL COMBINING TREMOLO-1, Mn -> COMBINING GRAVE ACCENT, Mn
        ("\U000E0001", '\u00AD'), // LANGUAGE TAG, Cf -> SOFT HYPHEN, Cf
        ("\U000F0000", '\uE000'), // a private-use character, Co -> one of the BMP's, Co
    ];

    /// <summary>Those of <see cref="StandIns"/> that are not word characters (for patterns with <c>\b</c>, which reads UTF-16 units).</summary>
    public static IEnumerable<string> NonWordCharacters()
    {
        foreach ((string character, char standIn) in StandIns)
        {
            if (!Regex.IsMatch(standIn.ToString(), "\\w"))
                yield return character;
        }
    }

    public static bool IsMatch(string pattern, RegexOptions options, string text) => For(pattern, options).IsMatch(Transliterate(text));

    /// <summary>The reference regex for <paramref name="pattern"/>: give it texts through <see cref="Transliterate"/>.</summary>
    public static Regex For(string pattern, RegexOptions options)
    {
        // A pair written as two escapes (\uD83D\uDE00) is the character itself.
        string characters = Regex.Replace(pattern, @"\\u(D[89AB][0-9A-F]{2})\\u(D[C-F][0-9A-F]{2})",
            m => char.ConvertFromUtf32(char.ConvertToUtf32((char)Convert.ToInt32(m.Groups[1].Value, 16), (char)Convert.ToInt32(m.Groups[2].Value, 16))),
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        return new Regex(Transliterate(characters), options | RegexOptions.CultureInvariant);
    }

    /// <summary>One UTF-16 unit per code point: stand-ins above the BMP, U+FFFD for a lone surrogate.</summary>
    public static string Transliterate(string text)
    {
        var result = new StringBuilder(text.Length);
        ReadOnlySpan<char> rest = text;
        while (!rest.IsEmpty)
        {
            OperationStatus status = Rune.DecodeFromUtf16(rest, out Rune rune, out int consumed);
            if (status != OperationStatus.Done)
                result.Append('\uFFFD');
            else if (rune.IsBmp)
                result.Append((char)rune.Value);
            else
                result.Append(StandInOf(rune.ToString()));
            rest = rest[consumed..];
        }
        return result.ToString();
    }

    private static char StandInOf(string character)
    {
        foreach ((string known, char standIn) in StandIns)
        {
            if (known == character)
                return standIn;
        }
        throw new ArgumentException($"no stand-in for U+{char.ConvertToUtf32(character, 0):X}", nameof(character));
    }
}
