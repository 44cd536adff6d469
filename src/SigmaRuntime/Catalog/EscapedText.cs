using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace SigmaCompile.Catalog;

/// <summary>
/// The text the generator writes as raw UTF-8 literals, for the catalog (<see cref="PackedFields"/>) and the rule
/// set's string tables (<c>RuleSets/TableStrings.cs</c>): ␛ (U+241B) and four hex digits stand for one UTF-16
/// character the literal cannot hold as it is. The generator's <c>Emit/RawUtf8Literal.cs</c> writes it.
/// </summary>
internal static class EscapedText
{
    public const char Escape = '\u241B';
    public const int HexDigits = 4;

    /// <summary><see cref="Escape"/> in UTF-8.</summary>
    public static ReadOnlySpan<byte> EscapeUtf8 => "\u241B"u8;

    /// <summary>The text of <paramref name="utf8"/>, if it is valid UTF-8.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out string? text)
    {
        // Checked, then decoded by the shared encoding: a throwing decoder is several times slower on large text.
        text = Utf8.IsValid(utf8) ? Encoding.UTF8.GetString(utf8) : null;
        return text is not null;
    }

    /// <summary>Where the first escape not followed by four hex digits stands in <paramref name="written"/>, or -1.</summary>
    public static int FindBadEscape(ReadOnlySpan<char> written)
    {
        for (int at = written.IndexOf(Escape), offset = 0; at >= 0; at = written.IndexOf(Escape))
        {
            if (at + HexDigits >= written.Length || !TryHex(written.Slice(at + 1, HexDigits), out _))
                return offset + at;
            offset += at + 1 + HexDigits;
            written = written[(at + 1 + HexDigits)..];
        }
        return -1;
    }

    /// <summary>
    /// <paramref name="written"/> with its escapes decoded. Its escapes must have been checked (<see cref="FindBadEscape"/>).
    /// </summary>
    public static string Unescape(ReadOnlySpan<char> written)
    {
        if (!written.Contains(Escape))
            return new string(written);
        char[] text = written.ToArray();
        return new string(text, 0, UnescapeInPlace(text));
    }

    /// <summary>
    /// Decodes the escapes of <paramref name="text"/> where it stands, moving what follows each one back; returns the
    /// decoded text's length. Its escapes must have been checked.
    /// </summary>
    public static int UnescapeInPlace(Span<char> text)
    {
        int escape = text.IndexOf(Escape);
        if (escape < 0)
            return text.Length;
        int written = escape;
        for (int read = escape; read < text.Length;)
        {
            if (text[read] == Escape)
            {
                TryHex(text.Slice(read + 1, HexDigits), out ushort code);
                text[written++] = (char)code;
                read += 1 + HexDigits;
            }
            else
            {
                text[written++] = text[read++];
            }
        }
        return written;
    }

    /// <summary>Whether <paramref name="digits"/> are four ASCII hex digits.</summary>
    public static bool IsHex(ReadOnlySpan<byte> digits) =>
        digits.Length == HexDigits && ushort.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _);

    private static bool TryHex(ReadOnlySpan<char> digits, out ushort code) =>
        ushort.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out code);
}
