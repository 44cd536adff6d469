using System;
using System.Text;
using System.Text.Json;

namespace SigmaCompile.Matching;

/// <summary>
/// A Sigma field name resolved against a JSON event without allocating. A name is looked up as a literal key
/// first (names may contain dots: <c>cs-uri.query</c>), then as a dotted path through nested objects; at each
/// object the longest key that exists wins. Arrays met on the way, or as the value, stand for any of their elements.
/// </summary>
public sealed class FieldPath
{
    // _keys[i][j - i - 1] is the UTF-8 key joining segments i..j-1 with dots, for i < j <= n.
    private readonly byte[][][] _keys;
    private readonly int _segments;

    /// <summary>Creates the path for a field name as a rule writes it.</summary>
    public FieldPath(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        string[] parts = name.Split('.');
        _segments = parts.Length;
        _keys = new byte[_segments][][];
        for (int i = 0; i < _segments; i++)
        {
            _keys[i] = new byte[_segments - i][];
            for (int j = i + 1; j <= _segments; j++)
                _keys[i][j - i - 1] = Encoding.UTF8.GetBytes(string.Join(".", parts, i, j - i));
        }
    }

    /// <summary>The field name as written in the rule.</summary>
    public string Name { get; }

    /// <summary>Whether some value of this field in <paramref name="evt"/> satisfies <paramref name="pattern"/>.</summary>
    public bool AnyValue(JsonElement evt, ValuePattern pattern) => Visit(evt, 0, pattern);

    /// <summary>Whether the field is present in <paramref name="evt"/>, whatever its value (null included).</summary>
    public bool Exists(JsonElement evt) => Visit(evt, 0, null);

    /// <summary>Whether the field is missing from <paramref name="evt"/> or has a JSON null value.</summary>
    public bool IsNullOrMissing(JsonElement evt) => !Visit(evt, 0, null) || Visit(evt, 0, NullPattern.Instance);

    /// <summary>
    /// <c>fieldref</c>: whether some value of this field equals (or, by <paramref name="position"/>, starts with,
    /// ends with or contains) some value of <paramref name="reference"/> in the same event.
    /// </summary>
    public bool MatchesField(JsonElement evt, FieldPath reference, string position = "equal", bool cased = false) =>
        FieldReference.Matches(this, evt, reference, position, cased);

    // With no pattern, reaching the value is enough (existence).
    private bool Visit(JsonElement node, int segment, ValuePattern? pattern)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Object:
                byte[][] keys = _keys[segment];
                for (int end = _segments; end > segment; end--)
                {
                    if (!node.TryGetProperty(keys[end - segment - 1], out JsonElement child))
                        continue;
                    if (end < _segments)
                        return Visit(child, end, pattern);
                    return pattern is null || AnyLeaf(child, pattern);
                }
                return false;
            case JsonValueKind.Array:
                foreach (JsonElement element in node.EnumerateArray())
                {
                    if (Visit(element, segment, pattern))
                        return true;
                }
                return false;
            default:
                return false;
        }
    }

    /// <summary>Whether <paramref name="value"/>, or any element of it when it is an array, satisfies the pattern.</summary>
    internal static bool AnyLeaf(JsonElement value, ValuePattern pattern)
    {
        if (value.ValueKind != JsonValueKind.Array)
            return pattern.IsMatch(value);
        foreach (JsonElement element in value.EnumerateArray())
        {
            if (AnyLeaf(element, pattern))
                return true;
        }
        return false;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
