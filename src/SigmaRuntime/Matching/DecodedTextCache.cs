using System;

namespace SigmaCompile.Matching;

/// <summary>
/// Per thread, the decoded text of the last few long values, keyed by their raw UTF-8 bytes. The tests of a rule
/// set read the same field again and again within one event (the prefilter, the field scan, then each regex,
/// wildcard or <c>cased</c> test of it); for a long value each read decoded it again, escapes and all. A value
/// found here is compared byte for byte and copied, which costs a fraction of decoding it. The key is the content,
/// not where the document keeps it, so an entry can never stand for other text: documents come and go, buffers are
/// reused and moved, and the cache needs no notion of the current event.
/// </summary>
internal static class DecodedTextCache
{
    /// <summary>Values this long or shorter are decoded directly: for them a lookup saves nothing.</summary>
    public const int MinLength = DecodedText.StackLength;

    // Values longer than this are not kept, so a thread never holds more than a few such buffers.
    private const int MaxLength = 1 << 20;
    private const int Entries = 4;

    [ThreadStatic]
    private static Entry[]? t_entries;

    [ThreadStatic]
    private static int t_next;

    /// <summary>Decodes <paramref name="raw"/> into <paramref name="destination"/> as <see cref="JsonScalarText.Decode"/> does.</summary>
    public static int Decode(ReadOnlySpan<byte> raw, bool isString, Span<char> destination)
    {
        if (raw.Length <= MinLength || raw.Length > MaxLength)
            return JsonScalarText.Decode(raw, isString, destination);
        Entry[] entries = t_entries ??= CreateEntries();
        foreach (Entry entry in entries)
        {
            if (entry.RawLength == raw.Length && entry.IsString == isString && raw.SequenceEqual(entry.Raw.AsSpan(0, entry.RawLength)))
            {
                entry.Text.AsSpan(0, entry.TextLength).CopyTo(destination);
                return entry.TextLength;
            }
        }
        int length = JsonScalarText.Decode(raw, isString, destination);
        Entry next = entries[t_next];
        t_next = (t_next + 1) % Entries;
        next.Keep(raw, isString, destination[..length]);
        return length;
    }

    private static Entry[] CreateEntries()
    {
        var entries = new Entry[Entries];
        for (int i = 0; i < entries.Length; i++)
            entries[i] = new Entry();
        return entries;
    }

    private sealed class Entry
    {
        public byte[] Raw { get; private set; } = Array.Empty<byte>();

        public int RawLength { get; private set; } = -1;

        public bool IsString { get; private set; }

        public char[] Text { get; private set; } = Array.Empty<char>();

        public int TextLength { get; private set; }

        // Buffers grow to the longest value kept and are reused, so keeping allocates nothing once warmed up.
        public void Keep(ReadOnlySpan<byte> raw, bool isString, ReadOnlySpan<char> text)
        {
            if (Raw.Length < raw.Length)
                Raw = new byte[raw.Length];
            if (Text.Length < text.Length)
                Text = new char[text.Length];
            raw.CopyTo(Raw);
            text.CopyTo(Text);
            RawLength = raw.Length;
            TextLength = text.Length;
            IsString = isString;
        }
    }
}
