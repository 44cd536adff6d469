using System;
using System.Globalization;
using System.Text;
using SigmaCompile.Catalog;

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
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <exception cref="ArgumentException">The bytes are not UTF-8, or an escape is not four hex digits.</exception>
    public static string Decode(ReadOnlySpan<byte> utf8, string parameterName)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException e)
        {
            throw new ArgumentException("the table text is not valid UTF-8", parameterName, e);
        }
        if (text.AsSpan().IndexOfAny('\n', '\r', PackedFields.Escape) < 0)
            return text;
        var builder = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is '\n' or '\r')
                continue;
            if (c == PackedFields.Escape)
            {
                if (i + 4 >= text.Length
                    || !ushort.TryParse(text.AsSpan(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort code))
                    throw new ArgumentException($"the escape at character {i} of the table text is not followed by four hex digits", parameterName);
                c = (char)code;
                i += 4;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }
}
