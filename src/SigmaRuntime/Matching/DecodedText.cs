using System;

namespace SigmaCompile.Matching;

/// <summary>
/// The unescaped text of a JSON string, number, boolean or property name, in the caller's stack buffer when it fits
/// and in a per-thread buffer (<see cref="CharBuffers"/>) otherwise, so decoding never allocates. A long text read
/// again (by another test of the same event) is copied from <see cref="DecodedTextCache"/> rather than decoded.
/// Dispose it to give the per-thread buffer back.
/// </summary>
internal readonly ref struct DecodedText
{
    /// <summary>
    /// The stack buffer size callers use: longer texts go to the per-thread buffer. The hot callers skip zeroing
    /// the buffer (<c>[SkipLocalsInit]</c>: 512 bytes on every call, for every value of every event), which is
    /// safe because <see cref="Text"/> is only ever the part the decoder wrote.
    /// </summary>
    public const int StackLength = 256;

    private readonly bool _rented;

    /// <summary>Decodes <paramref name="raw"/>, unescaping when <paramref name="isString"/>, into <paramref name="stack"/> if it fits.</summary>
    public DecodedText(ReadOnlySpan<byte> raw, bool isString, Span<char> stack)
    {
        // UTF-16 never needs more code units than UTF-8 has bytes.
        if (raw.Length <= stack.Length)
        {
            Text = stack[..JsonScalarText.Decode(raw, isString, stack)];
            return;
        }
        char[] rented = CharBuffers.Rent(raw.Length);
        _rented = true;
        Text = rented.AsSpan(0, DecodedTextCache.Decode(raw, isString, rented));
    }

    /// <summary>The decoded text, which the caller may change in place (to fold its case).</summary>
    public Span<char> Text { get; }

    public void Dispose()
    {
        if (_rented)
            CharBuffers.Return();
    }
}
