using System;

namespace SigmaCompile.Matching;

/// <summary>
/// A run a regex needs: <see cref="Length"/> consecutive characters of an ASCII set (such as the 64 hex digits of
/// <c>[a-f0-9]{64}</c>), which the generator finds where a regex has no necessary literal to gate it. Looking for it
/// reads about one character in <see cref="Length"/> of text that has none, so a regex that would try every
/// position of a long value is skipped at a fraction of the cost.
/// </summary>
internal sealed class CharacterRun
{
    // The set as a 128-bit map, one bit per ASCII character.
    private readonly ulong _low;
    private readonly ulong _high;

    /// <exception cref="ArgumentException">The set is empty or not ASCII, or the length is below 1.</exception>
    public CharacterRun(string characters, int length)
    {
        ArgumentNullException.ThrowIfNull(characters);
        if (characters.Length == 0)
            throw new ArgumentException("a run needs at least one character", nameof(characters));
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        foreach (char c in characters)
        {
            if (c >= 0x80)
                throw new ArgumentException($"a run's characters are ASCII, not U+{(int)c:X4}", nameof(characters));
            if (c < 64)
                _low |= 1UL << c;
            else
                _high |= 1UL << (c - 64);
        }
        Length = length;
    }

    /// <summary>How many of the characters in a row.</summary>
    public int Length { get; }

    /// <summary>Whether <paramref name="text"/> holds <see cref="Length"/> of the characters in a row.</summary>
    public bool IsFoundIn(ReadOnlySpan<char> text)
    {
        // A run that ends at 'end' starts at end - Length + 1. When the character at 'end' is not in the set, no run
        // covers it, and the next one ends at least Length further on; else the run is followed back from there.
        int length = Length;
        int end = length - 1;
        while (end < text.Length)
        {
            if (!Holds(text[end]))
            {
                end += length;
                continue;
            }
            int start = end - length + 1;
            int back = end - 1;
            while (back >= start && Holds(text[back]))
                back--;
            if (back < start)
                return true;
            end = back + length; // the character at 'back' is not in the set: the next run starts after it
        }
        return false;
    }

    private bool Holds(char c) =>
        c < 64 ? (_low >> c & 1) != 0 : c < 128 && (_high >> (c - 64) & 1) != 0;
}
