using System;
using SigmaCompile.Catalog;

namespace SigmaCompile.RuleSets;

/// <summary>
/// Reads the text of a rule set's string tables (needles, predicate strings, ids, titles), which the generator
/// writes as UTF-8 data, a few strings per line of a raw literal, with an array of each string's length. Before a
/// string, line breaks are skipped (they separate lines, never part of a string); within one, ␛ (U+241B, as in the
/// catalog) and four hex digits stand for one UTF-16 character the literal cannot hold as it is (line breaks,
/// quotes, control characters, ␛ itself, a lone surrogate), and lengths count the characters as written.
/// </summary>
/// <remarks>
/// UTF-8 data, not string literals: every string literal of an assembly shares one heap of at most 16 MB, which a
/// corpus's tables alone filled by 4.5 MB (docs/performance.md, "The set's tables as UTF-8 data"). The text is kept
/// as written and each string decoded when it is read: a corpus's tables are 2.2 M characters, and taking the
/// line breaks and escapes out of them all when the set is built cost more than the set's build had left.
/// </remarks>
internal static class TableText
{
    private const char Escape = EscapedText.Escape;
    private const int HexDigits = EscapedText.HexDigits;

    /// <summary>The text as written, checked: UTF-8, and every escape followed by four hex digits.</summary>
    /// <exception cref="ArgumentException">The bytes are not UTF-8, or an escape is not four hex digits.</exception>
    public static string Read(ReadOnlySpan<byte> utf8, string parameterName)
    {
        if (!EscapedText.TryDecode(utf8, out string? text))
            throw new ArgumentException("the table text is not valid UTF-8", parameterName);
        int bad = EscapedText.FindBadEscape(text);
        if (bad >= 0)
            throw new ArgumentException($"the escape at character {bad} of the table text is not followed by four hex digits", parameterName);
        return text;
    }

    /// <summary>Where each string starts in <paramref name="text"/> (line breaks before it skipped), and where the last ends.</summary>
    /// <exception cref="ArgumentException">A length is negative or runs past the text.</exception>
    public static int[] Starts(string text, int[] lengths, string lengthsName)
    {
        var starts = new int[lengths.Length + 1];
        int at = 0;
        for (int s = 0; s < lengths.Length; s++)
        {
            while (at < text.Length && text[at] is '\n' or '\r')
                at++;
            if (lengths[s] < 0 || lengths[s] > text.Length - at)
                throw new ArgumentException($"string {s} does not fit in the table text", lengthsName);
            ReadOnlySpan<char> tail = text.AsSpan(at + Math.Max(0, lengths[s] - HexDigits), Math.Min(lengths[s], HexDigits));
            if (tail.Contains(Escape))
                throw new ArgumentException($"string {s} ends inside an escape", lengthsName);
            starts[s] = at;
            at += lengths[s];
        }
        starts[^1] = at;
        return starts;
    }

    /// <summary>Whether only line breaks follow <paramref name="end"/> in <paramref name="text"/>.</summary>
    public static bool EndsAt(string text, int end) => text.AsSpan(end).TrimStart("\r\n").IsEmpty;

    /// <summary>The string written at <paramref name="start"/>, its escapes decoded.</summary>
    public static string String(string text, int start, int length) => EscapedText.Unescape(text.AsSpan(start, length));

    /// <summary>As <see cref="String"/>, without a new string when the text holds it as it is.</summary>
    public static ReadOnlySpan<char> Span(string text, int start, int length)
    {
        ReadOnlySpan<char> written = text.AsSpan(start, length);
        return written.Contains(Escape) ? EscapedText.Unescape(written) : written;
    }
}
