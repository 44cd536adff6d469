using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using SigmaCompile.Generator.Diagnostics;
using SigmaCompile.Generator.Reading;

namespace SigmaCompile.Generator.Lowering;

/// <summary>
/// The encoding modifiers: <c>utf16le</c>/<c>wide</c>, <c>utf16be</c>, <c>utf16</c> (bytes, carried as latin-1
/// strings) and <c>base64</c>/<c>base64offset</c>, which turn them, or UTF-8 text, back into searchable text.
/// </summary>
internal static class Encodings
{
    public static List<SigmaString>? Encode(string transform, List<SigmaString> strings, YamlNode value, ModifierChain chain, LoweringContext context)
    {
        if (strings.Any(s => s.HasWildcards))
        {
            context.Report(SigmaDiagnostics.InvalidModifierChainId, value.Span, chain.Key,
                $"'{transform}' cannot encode wildcards; put 'contains', 'startswith' or 'endswith' after the encoding modifiers, and escape a literal * or ? as \\* or \\?");
            return null;
        }
        // Encoded forms are carried as latin-1 strings of bytes until base64 turns them back into text.
        switch (transform)
        {
            case "utf16le":
            case "wide":
                return strings.Select(s => Bytes(Encoding.Unicode.GetBytes(s.PlainText))).ToList();
            case "utf16be":
                return strings.Select(s => Bytes(Encoding.BigEndianUnicode.GetBytes(s.PlainText))).ToList();
            case "utf16":
                return strings.Select(s => Bytes(new byte[] { 0xFF, 0xFE }.Concat(Encoding.Unicode.GetBytes(s.PlainText)).ToArray())).ToList();
            case "base64":
                return strings.Select(s => SigmaString.Literal(Convert.ToBase64String(ToBytes(s, chain)))).ToList();
            case "base64offset":
                return strings.SelectMany(s => Base64Offsets(ToBytes(s, chain))).Distinct().Select(SigmaString.Literal).ToList();
            default:
                throw new InvalidOperationException("unhandled transform " + transform);
        }
    }

    private static SigmaString Bytes(byte[] bytes) => SigmaString.Literal(new string(bytes.Select(b => (char)b).ToArray()));

    // Text becomes UTF-8 unless a utf16 modifier already made bytes of it.
    private static byte[] ToBytes(SigmaString s, ModifierChain chain) =>
        chain.HasUtf16 ? s.PlainText.Select(c => (byte)c).ToArray() : Encoding.UTF8.GetBytes(s.PlainText);

    /// <summary>
    /// The three base64 renderings of <paramref name="bytes"/> at offsets 0, 1 and 2 within a longer encoded
    /// text, each trimmed to the characters that do not depend on the unknown neighbouring bytes.
    /// </summary>
    public static IEnumerable<string> Base64Offsets(byte[] bytes)
    {
        int[] startTrim = { 0, 2, 3 };
        int[] endTrim = { 0, 3, 2 };
        for (int shift = 0; shift < 3; shift++)
        {
            byte[] padded = new byte[shift + bytes.Length];
            Array.Copy(bytes, 0, padded, shift, bytes.Length);
            string encoded = Convert.ToBase64String(padded);
            int end = encoded.Length - endTrim[(bytes.Length + shift) % 3];
            int start = startTrim[shift];
            yield return end > start ? encoded.Substring(start, end - start) : "";
        }
    }
}
