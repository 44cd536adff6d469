using System;
using System.Linq;
using System.Text.Json;
using SigmaCompile.Matching;
using Xunit;

namespace SigmaCompile.Tests.Runtime;

/// <summary>
/// Long values are decoded once per thread and then read again where DecodedTextCache keeps them: a test that only
/// reads the text is handed the kept text itself (no copy), with whether it is all ASCII. What it reads must be the
/// value's own text, whatever the cache held before, and a pattern that folds case must still fold a long value
/// that is not ASCII.
/// </summary>
public sealed class DecodedTextCacheTests
{
    private static string Long(string middle) => new string('x', 300) + middle + new string('y', 300);

    [Fact]
    public void A_long_value_read_in_place_is_its_own_text_whatever_was_kept_before()
    {
        string[] texts = Enumerable.Range(0, 7).Select(i => Long("v" + i + (i % 2 == 0 ? "\u00e9\n\"\\" : "\t"))).ToArray();
        using JsonDocument document = JsonDocument.Parse(JsonSerializer.Serialize(texts));
        JsonElement[] values = document.RootElement.EnumerateArray().ToArray();
        // Twice round more values than the cache keeps, so each is read once kept and once after it was replaced.
        for (int round = 0; round < 2; round++)
        {
            for (int i = 0; i < values.Length; i++)
            {
                ReadOnlySpan<byte> raw = JsonScalarText.RawUtf8(values[i]);
                Assert.True(DecodedTextCache.Keeps(raw.Length));
                for (int again = 0; again < 2; again++)
                {
                    ReadOnlySpan<char> text = DecodedTextCache.Read(raw, isString: true, out bool ascii);
                    Assert.Equal(texts[i], text.ToString());
                    Assert.Equal(i % 2 != 0, ascii);
                }
            }
        }
        // A number's text is its JSON text, kept apart from a string with the same bytes.
        string digits = new string('7', 400);
        using JsonDocument numbers = JsonDocument.Parse("[" + digits + ",\"" + digits + "\"]");
        foreach (JsonElement value in numbers.RootElement.EnumerateArray())
            Assert.Equal(digits, DecodedTextCache.Read(JsonScalarText.RawUtf8(value), value.ValueKind == JsonValueKind.String, out _).ToString());
        Assert.False(DecodedTextCache.Keeps(DecodedTextCache.MinLength));
    }

    [Theory]
    [InlineData("\u212a", "k", true)]   // Kelvin sign: folds to k
    [InlineData("\u017f", "S", true)]   // long s: folds to s
    [InlineData("\u00c9", "\u00e9", true)]
    [InlineData("abc", "ABC", true)]
    [InlineData("abc", "abd", false)]
    public void Long_and_short_values_are_matched_alike_folded_or_not(string inText, string needle, bool expected)
    {
        TextPattern pattern = TextPatterns.Contains(needle);
        TextPattern cased = TextPatterns.Contains(needle, cased: true);
        foreach (string text in new[] { "<" + inText + ">", Long(inText) })
        {
            using JsonDocument document = JsonDocument.Parse(JsonSerializer.Serialize(text));
            // Read the long value into the cache first, as an earlier test of the event would.
            Assert.Equal(text.Contains(needle, StringComparison.Ordinal), cased.IsMatch(document.RootElement));
            Assert.Equal(expected, pattern.IsMatch(document.RootElement));
            Assert.Equal(text.Contains(needle, StringComparison.Ordinal), cased.IsMatch(document.RootElement));
        }
    }
}
