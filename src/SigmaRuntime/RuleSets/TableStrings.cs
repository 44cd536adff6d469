using System;
using System.Collections.Generic;
using System.Text;
using SigmaCompile.Catalog;

namespace SigmaCompile.RuleSets;

/// <summary>
/// The strings of one of a rule set's tables, read in place from the UTF-8 text the generator writes: the strings
/// one after another, a few to a line of a raw literal, with an array of each string's length in bytes as written.
/// Before a string, line breaks are skipped (they separate lines, never part of a string); within one, ␛ (U+241B,
/// as in the catalog) and four hex digits stand for one UTF-16 character the literal cannot hold as it is (line
/// breaks, quotes, control characters, ␛ itself, a lone surrogate).
/// </summary>
/// <remarks>
/// UTF-8 data, not string literals: every string literal of an assembly shares one heap of at most 16 MB, which a
/// corpus's tables alone filled by 4.5 MB (docs/performance.md, "The set's tables as UTF-8 data"). Read in place,
/// each string decoded when it is read: a corpus's tables are 2.2 M characters, and decoding them all when the set
/// was built took about 15 ms of it, most of that in faulting in the new memory ("The tables read in place").
/// </remarks>
internal sealed class TableStrings
{
    private const int EscapeBytes = 3 + EscapedText.HexDigits;
    private const int StackChars = 256;

    private readonly Utf8TableText _text;
    private readonly int[] _starts;
    private readonly int[] _lengths;

    private TableStrings(Utf8TableText text, int[] starts, int[] lengths)
    {
        _text = text;
        _starts = starts;
        _lengths = lengths;
    }

    /// <summary>How many strings the table has.</summary>
    public int Count => _lengths.Length;

    /// <summary>
    /// The strings of <paramref name="text"/>, checked: UTF-8, every escape four hex digits, and every string
    /// within the text, on whole characters and escapes; when <paramref name="whole"/>, nothing but line breaks after the last.
    /// </summary>
    /// <exception cref="ArgumentException">The text or the lengths are not so.</exception>
    public static TableStrings Read(Utf8TableText text, int[] lengths, bool whole, string textName, string lengthsName)
    {
        ArgumentNullException.ThrowIfNull(text, textName);
        ArgumentNullException.ThrowIfNull(lengths, lengthsName);
        ReadOnlySpan<byte> utf8 = text();
        if (!System.Text.Unicode.Utf8.IsValid(utf8))
            throw new ArgumentException("the table text is not valid UTF-8", textName);
        List<int> escapes = Escapes(utf8, textName);
        var starts = new int[lengths.Length];
        int at = 0, escape = 0;
        for (int s = 0; s < lengths.Length; s++)
        {
            while (at < utf8.Length && utf8[at] is (byte)'\n' or (byte)'\r')
                at++;
            int length = lengths[s];
            if ((uint)length > (uint)(utf8.Length - at))
                throw TableError.Of("string {0} does not fit in the table text", s, lengthsName);
            int end = at + length;
            if (end < utf8.Length && (utf8[end] & 0xC0) == 0x80)
                throw TableError.Of("string {0} ends inside a character", s, lengthsName);
            // The first escape that does not end within the string: it must not start within it either.
            while (escape < escapes.Count && escapes[escape] + EscapeBytes <= end)
                escape++;
            if (escape < escapes.Count && escapes[escape] < end && escapes[escape] >= at)
                throw TableError.Of("string {0} ends inside an escape", s, lengthsName);
            starts[s] = at;
            at = end;
        }
        if (whole && !utf8[at..].TrimStart("\r\n"u8).IsEmpty)
            throw new ArgumentException("the lengths add up to less than the table text", lengthsName);
        return new TableStrings(text, starts, lengths);
    }

    /// <summary>String <paramref name="s"/>, its escapes decoded.</summary>
    public string String(int s)
    {
        ReadOnlySpan<byte> utf8 = Utf8(s);
        if (utf8.IndexOf(EscapedText.EscapeUtf8) < 0)
            return Encoding.UTF8.GetString(utf8);
        char[] chars = new char[utf8.Length];
        return new string(chars, 0, Decode(utf8, chars));
    }

    /// <summary>String <paramref name="s"/>, its escapes decoded, folded as the rule set compares text (see <see cref="TextFolding"/>).</summary>
    public string Folded(int s)
    {
        ReadOnlySpan<byte> utf8 = Utf8(s);
        Span<char> chars = utf8.Length <= StackChars ? stackalloc char[StackChars] : new char[utf8.Length];
        return TextFolding.Fold((ReadOnlySpan<char>)chars[..Decode(utf8, chars)]);
    }

    /// <summary>String <paramref name="s"/> as written, escapes and all.</summary>
    public ReadOnlySpan<byte> Utf8(int s) => _text().Slice(_starts[s], _lengths[s]);

    // The text's escapes, where each starts; an escape not followed by four hex digits is refused.
    private static List<int> Escapes(ReadOnlySpan<byte> utf8, string textName)
    {
        var escapes = new List<int>();
        ReadOnlySpan<byte> mark = EscapedText.EscapeUtf8;
        for (int at = utf8.IndexOf(mark); at >= 0;)
        {
            if (!EscapedText.IsHex(utf8.Slice(at + mark.Length, Math.Min(EscapedText.HexDigits, utf8.Length - at - mark.Length))))
                throw TableError.Of("the escape at byte {0} of the table text is not followed by four hex digits", at, textName);
            escapes.Add(at);
            int next = utf8[(at + EscapeBytes)..].IndexOf(mark);
            at = next < 0 ? -1 : at + EscapeBytes + next;
        }
        return escapes;
    }

    // The UTF-8 text into chars, escapes decoded in place; returns how many chars.
    private static int Decode(ReadOnlySpan<byte> utf8, Span<char> chars) =>
        EscapedText.UnescapeInPlace(chars[..Encoding.UTF8.GetChars(utf8, chars)]);
}
