using System;
using System.Buffers;
using System.Text.Json;

namespace SigmaCompile.Matching;

/// <summary>
/// A pattern over a value's text. Strings are read unescaped; numbers and booleans through their JSON text
/// (<c>4688</c>, <c>true</c>), so the rule value <c>4688</c> matches both <c>4688</c> and <c>"4688"</c>.
/// Objects and nulls have no text and never match.
/// </summary>
public abstract class TextPattern : ValuePattern
{
    private const int StackLimit = 256;

    /// <summary>Whether event text is case-folded before <see cref="IsMatch(ReadOnlySpan{char})"/> (see CaseFolding).</summary>
    internal bool FoldsCase { get; set; }

    /// <inheritdoc />
    public sealed override bool IsMatch(JsonElement value)
    {
        JsonValueKind kind = value.ValueKind;
        if (kind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
            return false;
        ReadOnlySpan<byte> raw = JsonScalarText.RawUtf8(value);
        if (raw.Length <= StackLimit)
        {
            Span<char> buffer = stackalloc char[StackLimit];
            int length = JsonScalarText.Decode(raw, kind == JsonValueKind.String, buffer);
            Fold(raw, buffer[..length]);
            return IsMatch(buffer[..length]);
        }
        char[] rented = ArrayPool<char>.Shared.Rent(raw.Length);
        try
        {
            int length = JsonScalarText.Decode(raw, kind == JsonValueKind.String, rented);
            Fold(raw, rented.AsSpan(0, length));
            return IsMatch(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    private void Fold(ReadOnlySpan<byte> raw, Span<char> text)
    {
        if (FoldsCase && !System.Text.Ascii.IsValid(raw))
            CaseFolding.Normalize(text);
    }

    /// <summary>Whether the text satisfies the pattern.</summary>
    public abstract bool IsMatch(ReadOnlySpan<char> text);
}
