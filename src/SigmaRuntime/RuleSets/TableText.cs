using System;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace SigmaCompile.RuleSets;

/// <summary>
/// Reads the text of a rule set's string tables (needles, predicate strings, ids, titles), which the generator
/// writes as UTF-8 data, a few strings per line of a raw literal: line breaks are not part of the text, and ␛
/// (U+241B, as in the catalog) with four hex digits stands for one UTF-16 character the literal cannot hold as it
/// is (line breaks, quotes, control characters, ␛ itself, a lone surrogate).
/// </summary>
/// <remarks>
/// UTF-8 data, not string literals: every string literal of an assembly shares one heap of at most 16 MB, which a
/// corpus's tables alone filled by 4.5 MB (docs/performance.md, "The set's tables as UTF-8 data").
/// </remarks>
internal static class TableText
{
    // ␛ in UTF-8. UTF-8 is self-synchronising: these three bytes in valid UTF-8 are always that character.
    private static ReadOnlySpan<byte> Escape => "\u241B"u8;
    private const int HexDigits = 4;

    /// <exception cref="ArgumentException">The bytes are not UTF-8, or an escape is not four hex digits.</exception>
    public static string Decode(ReadOnlySpan<byte> utf8, string parameterName)
    {
        // Decoded straight into the one string it returns: an intermediate string and a builder of that size cost
        // more, in fresh memory faulted in, than the decoding itself (measured: docs/performance.md). Left to the
        // tiered JIT: the work is in the vectorised searches and decoding it calls, and compiling these loops
        // optimised at once cost more than it saved.
        if (!Utf8.IsValid(utf8))
            throw new ArgumentException("the table text is not valid UTF-8", parameterName);
        int escapes = 0;
        for (int at = utf8.IndexOf(Escape); at >= 0; escapes++)
        {
            int digits = at + Escape.Length;
            if (digits + HexDigits > utf8.Length || !TryHex(utf8.Slice(digits, HexDigits), out _))
                throw new ArgumentException("an escape in the table text is not followed by four hex digits", parameterName);
            int next = utf8[(digits + HexDigits)..].IndexOf(Escape);
            at = next < 0 ? -1 : digits + HexDigits + next;
        }
        int length = Encoding.UTF8.GetCharCount(utf8) - utf8.Count((byte)'\n') - utf8.Count((byte)'\r') - HexDigits * escapes;
        return string.Create(length, utf8, static (destination, text) => Fill(text, destination));
    }

    // The text's lines, one after another, each decoded up to its escapes and every escape as its character.
    private static void Fill(ReadOnlySpan<byte> text, Span<char> destination)
    {
        while (!text.IsEmpty)
        {
            int end = text.IndexOfAny((byte)'\n', (byte)'\r');
            ReadOnlySpan<byte> line = end < 0 ? text : text[..end];
            text = end < 0 ? default : text[(end + 1)..];
            while (true)
            {
                int escape = line.IndexOf(Escape);
                int written = Encoding.UTF8.GetChars(escape < 0 ? line : line[..escape], destination);
                destination = destination[written..];
                if (escape < 0)
                    break;
                TryHex(line.Slice(escape + Escape.Length, HexDigits), out ushort code);
                destination[0] = (char)code;
                destination = destination[1..];
                line = line[(escape + Escape.Length + HexDigits)..];
            }
        }
    }

    private static bool TryHex(ReadOnlySpan<byte> digits, out ushort code) =>
        ushort.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out code);
}
