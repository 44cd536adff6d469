using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace SigmaCompile.Matching;

/// <summary>Reads the text of a JSON scalar into a caller's buffer, unescaping strings, without allocating.</summary>
internal static class JsonScalarText
{
    /// <summary>The value's UTF-8 bytes as they stand in the document; a string without its quotes.</summary>
    public static ReadOnlySpan<byte> RawUtf8(JsonElement value)
    {
        ReadOnlySpan<byte> raw = JsonMarshal.GetRawUtf8Value(value);
        return value.ValueKind == JsonValueKind.String ? raw[1..^1] : raw;
    }

    /// <summary>
    /// Decodes <paramref name="raw"/> into <paramref name="destination"/> (at least <c>raw.Length</c> long: UTF-16
    /// never needs more code units than UTF-8 has bytes) and returns the number of characters written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Decode(ReadOnlySpan<byte> raw, bool isString, Span<char> destination)
    {
        int backslash = isString ? raw.IndexOf((byte)'\\') : -1;
        if (backslash < 0)
            return Encoding.UTF8.GetChars(raw, destination);

        int written = 0;
        while (true)
        {
            written += Encoding.UTF8.GetChars(raw[..backslash], destination[written..]);
            raw = raw[backslash..];
            // raw[0] is a backslash; the document was validated, so an escape is complete.
            byte code = raw[1];
            if (code == (byte)'u')
            {
                destination[written++] = (char)((Hex(raw[2]) << 12) | (Hex(raw[3]) << 8) | (Hex(raw[4]) << 4) | Hex(raw[5]));
                raw = raw[6..];
            }
            else
            {
                destination[written++] = code switch
                {
                    (byte)'n' => '\n',
                    (byte)'r' => '\r',
                    (byte)'t' => '\t',
                    (byte)'b' => '\b',
                    (byte)'f' => '\f',
                    _ => (char)code, // \" \\ \/
                };
                raw = raw[2..];
            }
            backslash = raw.IndexOf((byte)'\\');
            if (backslash < 0)
                return written + Encoding.UTF8.GetChars(raw, destination[written..]);
        }
    }

    private static int Hex(byte digit) => digit switch
    {
        >= (byte)'0' and <= (byte)'9' => digit - '0',
        >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
        _ => digit - 'A' + 10,
    };
}
