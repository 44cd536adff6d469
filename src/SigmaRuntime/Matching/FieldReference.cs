using System;
using System.Text.Json;

namespace SigmaCompile.Matching;

/// <summary>
/// <c>fieldref</c>: compares the values of one field with the values of another field of the same event. The
/// probe objects are per thread and reused, so the comparison allocates nothing.
/// </summary>
internal sealed class FieldReference : TextPattern
{
    [ThreadStatic]
    private static FieldReference? t_probe;

    private readonly Target _target = new();
    private FieldPath? _field;
    private JsonElement _evt;

    public static bool Matches(FieldPath field, JsonElement evt, FieldPath reference, TextPosition position, bool cased)
    {
        FieldReference probe = t_probe ??= new FieldReference();
        probe._field = field;
        probe._evt = evt;
        probe._target.Position = position;
        probe._target.Comparison = cased ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        probe.FoldsCase = probe._target.FoldsCase = !cased;
        try
        {
            return reference.AnyValue(evt, probe);
        }
        finally
        {
            probe._field = null;
            probe._evt = default;
        }
    }

    // Called with each value of the referenced field: does some value of the field match it?
    public override bool IsMatch(ReadOnlySpan<char> text)
    {
        char[] copy = CharBuffers.Rent(Math.Max(text.Length, 1));
        try
        {
            text.CopyTo(copy);
            _target.Buffer = copy;
            _target.Length = text.Length;
            return _field!.AnyValue(_evt, _target);
        }
        finally
        {
            _target.Buffer = null;
            CharBuffers.Return();
        }
    }

    private sealed class Target : TextPattern
    {
        public char[]? Buffer;
        public int Length;
        public TextPosition Position;
        public StringComparison Comparison;

        public override bool IsMatch(ReadOnlySpan<char> text)
        {
            ReadOnlySpan<char> reference = Buffer.AsSpan(0, Length);
            return Position switch
            {
                TextPosition.StartsWith => text.StartsWith(reference, Comparison),
                TextPosition.EndsWith => text.EndsWith(reference, Comparison),
                TextPosition.Contains => text.Contains(reference, Comparison),
                _ => text.Equals(reference, Comparison),
            };
        }
    }
}
