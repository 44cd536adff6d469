using System;
using System.Buffers;

namespace SigmaCompile.Matching;

/// <summary>
/// Closes the gap between <see cref="StringComparison.OrdinalIgnoreCase"/> (which compares upper-case forms) and
/// Unicode simple case folding: five letters are their own upper case yet fold to another letter's lower case
/// (Kelvin sign, Ångström sign, Ohm sign, capital sharp s, capital theta symbol), and two non-ASCII letters
/// (long s, dotless i) upper-case to ASCII, which multi-string search does not honour. Case-insensitive patterns
/// replace these by the letter they fold to (dotless i by i, as ordinal-ignore-case treats it), in rule values
/// once and in event text when it is not ASCII, so every comparison agrees and keeps its vectorised ASCII speed.
/// </summary>
internal static class CaseFolding
{
    private const string Specials = "\u03F4\u1E9E\u2126\u212A\u212B\u017F\u0131";
    private const string Folded = "\u03B8\u00DF\u03C9\u006B\u00E5\u0073\u0069";
    private static readonly SearchValues<char> SpecialValues = SearchValues.Create(Specials);

    public static void Normalize(Span<char> text)
    {
        int index;
        while ((index = text.IndexOfAny(SpecialValues)) >= 0)
        {
            text[index] = Folded[Specials.IndexOf(text[index])];
            text = text[(index + 1)..];
        }
    }

    public static char Normalize(char c)
    {
        int index = Specials.IndexOf(c);
        return index < 0 ? c : Folded[index];
    }

    public static string Normalize(string value)
    {
        if (value.AsSpan().IndexOfAny(SpecialValues) < 0)
            return value;
        char[] chars = value.ToCharArray();
        Normalize(chars);
        return new string(chars);
    }

    public static string[] Normalize(string[] values, bool cased) =>
        cased ? values : Array.ConvertAll(values, Normalize);
}
