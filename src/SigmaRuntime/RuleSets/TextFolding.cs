using System;
using System.Runtime.CompilerServices;
using System.Text;

namespace SigmaCompile.RuleSets;

/// <summary>
/// The canonical case form the rule-set prefilter compares in: upper case (as OrdinalIgnoreCase compares) after
/// the same special-letter normalisation the matchers apply, with surrogate pairs mapped as whole characters.
/// Two texts equal under the matchers' case-insensitive comparison have equal folded forms.
/// </summary>
internal static class TextFolding
{
    /// <summary>Folds <paramref name="text"/> in place; returns whether it was all ASCII.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool Fold(Span<char> text)
    {
        // Vectorised up to the first non-ASCII character, if any.
        Ascii.ToUpperInPlace(text, out int ascii);
        if (ascii == text.Length)
            return true;
        for (int i = ascii; i < text.Length; i++)
        {
            char c = text[i];
            if (c < 0x80)
            {
                if ((uint)(c - 'a') <= 'z' - 'a')
                    text[i] = (char)(c - 0x20);
                continue;
            }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                Rune upper = Rune.ToUpperInvariant(new Rune(c, text[i + 1]));
                if (upper.Utf16SequenceLength == 2)
                    upper.EncodeToUtf16(text.Slice(i, 2));
                i++;
                continue;
            }
            text[i] = char.ToUpperInvariant(Matching.CaseFolding.Normalize(c));
        }
        return false;
    }

    /// <summary>The folded form of <paramref name="value"/>, as a new string.</summary>
    public static string Fold(ReadOnlySpan<char> value)
    {
        // Folded in the new string's own buffer: the tables built on a scan's first events fold thousands of needles.
        return string.Create(value.Length, value, static (folded, source) =>
        {
            source.CopyTo(folded);
            Fold(folded);
        });
    }
}
