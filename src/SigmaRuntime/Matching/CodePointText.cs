using System;
using System.Buffers;

namespace SigmaCompile.Matching;

/// <summary>
/// Text with surrogates as a pattern rewritten by <see cref="CodePointRegex"/> reads it: each surrogate pair
/// replaced by its tag (<see cref="SupplementaryPartition"/>; followed by the pair when
/// <see cref="SupplementaryPartition.PairsFollowTags"/>), and each lone surrogate (invalid UTF-16, which only a JSON
/// escape such as <c>\ud800</c> puts into a decoded value) by U+FFFD, the replacement character, as UTF-8 decoders
/// read it (and Go's JSON decoder these escapes): one character, neither letter, digit nor space.
/// </summary>
internal static class CodePointText
{
    public const char Replacement = '\uFFFD';

    /// <summary>
    /// U+D800..U+DFFF, searched vectorised. (Unlike SearchValues, IndexOfAnyInRange allocates in unoptimised code,
    /// so in a Debug build and before the JIT tiers up.)
    /// </summary>
    public static readonly SearchValues<char> Surrogates = SearchValues.Create(SurrogateUnits());

    private static char[] SurrogateUnits()
    {
        char[] units = new char[0x800];
        for (int i = 0; i < units.Length; i++)
            units[i] = (char)(0xD800 + i);
        return units;
    }

    /// <summary>The most characters <see cref="Write"/> writes for <paramref name="length"/> characters (a tag and its pair for each pair).</summary>
    public static int MaxLength(int length) => length + length / 2;

    /// <summary>Writes <paramref name="text"/> into <paramref name="destination"/> and returns the length written.</summary>
    public static int Write(ReadOnlySpan<char> text, SupplementaryPartition partition, Span<char> destination)
    {
        int written = 0;
        for (int i = 0; i < text.Length; i++)
        {
            // Runs without surrogates are copied whole.
            int run = text[i..].IndexOfAny(Surrogates);
            if (run != 0)
            {
                int length = run < 0 ? text.Length - i : run;
                text.Slice(i, length).CopyTo(destination[written..]);
                written += length;
                i += length - 1;
                continue;
            }
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                destination[written++] = partition.TagOf(char.ConvertToUtf32(c, text[++i]));
                if (partition.PairsFollowTags)
                {
                    destination[written++] = c;
                    destination[written++] = text[i];
                }
            }
            else
            {
                destination[written++] = Replacement;
            }
        }
        return written;
    }
}
