using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SigmaCompile.Matching;
using Xunit;

namespace SigmaCompile.Tests.Runtime;

/// <summary>
/// Every pattern reads a value's text through JsonScalarText.Decode: it must give exactly what System.Text.Json
/// gives for strings (every escape, runs of every length between escapes, text that is not ASCII) and the JSON text
/// of numbers and booleans.
/// </summary>
public sealed class JsonScalarTextTests
{
    private static string Decode(JsonElement value)
    {
        ReadOnlySpan<byte> raw = JsonScalarText.RawUtf8(value);
        var buffer = new char[raw.Length];
        int length = JsonScalarText.Decode(raw, value.ValueKind == JsonValueKind.String, buffer);
        return new string(buffer, 0, length);
    }

    [Theory]
    [InlineData("\"plain\"", "plain")]
    [InlineData("\"\"", "")]
    [InlineData("\"a\\\\b\\/c\\\"d\"", "a\\b/c\"d")]
    [InlineData("\"\\n\\r\\t\\b\\f\"", "\n\r\t\b\f")]
    [InlineData("\"\\u00C4\\u00e4\\u212A\"", "\u00c4\u00e4\u212a")]
    [InlineData("\"\\ud83d\\ude00 x\"", "\ud83d\ude00 x")]
    [InlineData("\"\u00e4\\u0041\u0436\\n\u00e4\"", "\u00e4A\u0436\n\u00e4")]
    [InlineData("12.50", "12.50")]
    [InlineData("-0", "-0")]
    [InlineData("true", "true")]
    public void Escapes_and_scalars_decode_to_their_text(string json, string expected)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        Assert.Equal(expected, Decode(document.RootElement));
    }

    [Fact]
    public void Random_text_decodes_as_System_Text_Json_reads_it_whatever_its_escapes()
    {
        var random = new Random(23);
        // ASCII that serializers escape or not, two- three- and four-byte UTF-8, control characters.
        string[] pieces = { "a", "Z", " ", "<", ">", "&", "'", "+", "\"", "\\", "/", "\n", "\u0001", "\u00e4", "\u0436", "\u212a", "\u2013", "\ud83d\ude00" };
        var encoders = new[] { JavaScriptEncoder.Default, JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        int escaped = 0;
        for (int n = 0; n < 3000; n++)
        {
            var text = new StringBuilder();
            int length = random.Next(0, n % 10 == 0 ? 400 : 60);
            while (text.Length < length)
            {
                // Runs of one piece, so runs between escapes take every length around the decoder's short-run limit.
                string piece = pieces[random.Next(pieces.Length)];
                for (int r = random.Next(1, random.Next(2) == 0 ? 4 : 50); r > 0; r--)
                    text.Append(piece);
            }
            string json = JsonSerializer.Serialize(text.ToString(), new JsonSerializerOptions { Encoder = encoders[n % 2] });
            if (n % 3 == 0)
                json = json.Replace("/", "\\/"); // an escape serializers never write but JSON allows
            escaped += json.Contains('\\') ? 1 : 0;
            using JsonDocument document = JsonDocument.Parse(json);
            Assert.Equal(document.RootElement.GetString(), Decode(document.RootElement));
        }
        Assert.True(escaped > 2000, $"most texts should hold escapes, {escaped} did");
    }

    [Fact]
    public void Long_values_read_again_give_the_same_text_as_a_fresh_decode_whatever_was_read_between()
    {
        var random = new Random(31);
        string[] pieces = { "abc", "\\\\", "<", "\\u00e4", "\\u0436", "\\n", "x y", "\\ud83d\\ude00", "\\\"" }; // JSON text: escapes as written
        // Long values, some of the same length with other content, read in an order that cycles past the cache.
        var raws = new List<byte[]>();
        for (int v = 0; v < 12; v++)
        {
            var json = new StringBuilder("q");
            while (json.Length < DecodedTextCache.MinLength + 1 + v * 40)
                json.Append(pieces[random.Next(pieces.Length)]);
            raws.Add(Encoding.UTF8.GetBytes(json.ToString()));
            byte[] twin = (byte[])raws[^1].Clone();
            twin[0] = (byte)'z'; // same length, other text
            raws.Add(twin);
        }
        byte[] digits = Encoding.UTF8.GetBytes(new string('7', DecodedTextCache.MinLength + 5));
        for (int read = 0; read < 400; read++)
        {
            bool number = read % 9 == 0;
            byte[] raw = number ? digits : raws[random.Next(raws.Count)];
            var expected = new char[raw.Length];
            var actual = new char[raw.Length];
            int expectedLength = JsonScalarText.Decode(raw, !number, expected);
            int actualLength = DecodedTextCache.Decode(raw, !number, actual);
            Assert.Equal(new string(expected, 0, expectedLength), new string(actual, 0, actualLength));
        }
    }
}
