using System;

namespace SigmaCompile.Matching;

/// <summary>
/// Per thread, the decoded text of the last few long values, keyed by their raw UTF-8 bytes. The tests of a rule
/// set read the same field again and again within one event (the prefilter, the field scan, then each regex,
/// wildcard or <c>cased</c> test of it); for a long value each read decoded it again, escapes and all. A value
/// found here is compared byte for byte and copied, which costs a fraction of decoding it, or read in place by a
/// test that does not change it (<see cref="Read"/>). The key is the content,
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
        if (!Keeps(raw.Length))
            return JsonScalarText.Decode(raw, isString, destination);
        Entry? entry = Find(raw, isString);
        if (entry is not null)
        {
            entry.Text.AsSpan(0, entry.TextLength).CopyTo(destination);
            return entry.TextLength;
        }
        int length = JsonScalarText.Decode(raw, isString, destination);
        Next().Keep(raw, isString, destination[..length]);
        return length;
    }

    /// <summary>Whether values of <paramref name="rawLength"/> bytes are kept: longer than <see cref="MinLength"/>, and not huge.</summary>
    public static bool Keeps(int rawLength) => rawLength > MinLength && rawLength <= MaxLength;

    /// <summary>
    /// The decoded text of a value that <see cref="Keeps"/> allows, read where the cache keeps it (decoded into the
    /// cache first when it is not there), and whether it is all ASCII: a test that only reads the text is spared a copy
    /// and a check of its characters. The text stays as read until this thread's next Decode or Read.
    /// </summary>
    public static ReadOnlySpan<char> Read(ReadOnlySpan<byte> raw, bool isString, out bool ascii)
    {
        Entry entry = Find(raw, isString) ?? Next().Decode(raw, isString);
        ascii = entry.IsAscii();
        return entry.Text.AsSpan(0, entry.TextLength);
    }

    private static Entry? Find(ReadOnlySpan<byte> raw, bool isString)
    {
        foreach (Entry entry in t_entries ??= CreateEntries())
        {
            if (entry.RawLength == raw.Length && entry.IsString == isString && raw.SequenceEqual(entry.Raw.AsSpan(0, entry.RawLength)))
                return entry;
        }
        return null;
    }

    // The entry to replace, the least recently kept.
    private static Entry Next()
    {
        Entry next = t_entries![t_next];
        t_next = (t_next + 1) % Entries;
        return next;
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

        // Whether the text is all ASCII: found when first asked (the prefilter keeps values no test may read in place).
        private bool? _ascii;

        public bool IsAscii() => _ascii ??= System.Text.Ascii.IsValid(Text.AsSpan(0, TextLength));

        // Buffers grow to the longest value kept and are reused, so keeping allocates nothing once warmed up.
        public void Keep(ReadOnlySpan<byte> raw, bool isString, ReadOnlySpan<char> text)
        {
            if (Text.Length < text.Length)
                Text = new char[text.Length];
            text.CopyTo(Text);
            KeepRaw(raw, isString, text.Length);
        }

        // Decodes raw straight into the entry (UTF-16 never needs more code units than UTF-8 has bytes).
        public Entry Decode(ReadOnlySpan<byte> raw, bool isString)
        {
            if (Text.Length < raw.Length)
                Text = new char[raw.Length];
            KeepRaw(raw, isString, JsonScalarText.Decode(raw, isString, Text));
            return this;
        }

        private void KeepRaw(ReadOnlySpan<byte> raw, bool isString, int textLength)
        {
            if (Raw.Length < raw.Length)
                Raw = new byte[raw.Length];
            raw.CopyTo(Raw);
            RawLength = raw.Length;
            TextLength = textLength;
            IsString = isString;
            _ascii = null;
        }
    }
}
