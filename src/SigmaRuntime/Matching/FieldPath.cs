using System;
using System.Text;
using System.Text.Json;

namespace SigmaCompile.Matching;

/// <summary>
/// A Sigma field resolved against a JSON event without allocating. A name is looked up as a literal key first
/// (names may contain dots: <c>cs-uri.query</c>), then as a dotted path through nested objects; at each object the
/// longest key that exists wins. A <c>*</c> segment stands for any property of an object. Arrays met on the way,
/// or as the value, stand for any of their elements. A field mapped by a pipeline to several paths holds values
/// from any of them.
/// </summary>
public sealed class FieldPath
{
    private readonly SinglePath[] _paths;

    /// <summary>Creates the field for one or more paths (several mean any of them).</summary>
    public FieldPath(params string[] paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Length == 0)
            throw new ArgumentException("a field needs at least one path", nameof(paths));
        _paths = Array.ConvertAll(paths, p => new SinglePath(p ?? throw new ArgumentNullException(nameof(paths))));
        Name = string.Join(" | ", paths);
    }

    /// <summary>The path, or the paths joined with " | ".</summary>
    public string Name { get; }

    /// <summary>Whether some value of this field in <paramref name="evt"/> satisfies <paramref name="pattern"/>.</summary>
    public bool AnyValue(JsonElement evt, ValuePattern pattern)
    {
        foreach (SinglePath path in _paths)
        {
            if (path.Visit(evt, 0, pattern))
                return true;
        }
        return false;
    }

    /// <summary>Whether the field is present in <paramref name="evt"/>, whatever its value (null included).</summary>
    public bool Exists(JsonElement evt)
    {
        foreach (SinglePath path in _paths)
        {
            if (path.Visit(evt, 0, null))
                return true;
        }
        return false;
    }

    /// <summary>Whether the field is missing from <paramref name="evt"/> or has a JSON null value.</summary>
    public bool IsNullOrMissing(JsonElement evt) => !Exists(evt) || AnyValue(evt, NullPattern.Instance);

    /// <summary>
    /// <c>fieldref</c>: whether some value of this field equals (or, by <paramref name="position"/>, starts with,
    /// ends with or contains) some value of <paramref name="reference"/> in the same event.
    /// </summary>
    public bool MatchesField(JsonElement evt, FieldPath reference, string position = "equal", bool cased = false) =>
        FieldReference.Matches(this, evt, reference, position, cased);

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

    private sealed class SinglePath
    {
        // _keys[i][j - i - 1] is the UTF-8 key joining segments i..j-1 with dots, for i < j <= _limit[i].
        private readonly byte[][][] _keys;
        private readonly bool[] _wildcard;
        // Keys never span a '*' segment: _limit[i] is the index of the first wildcard after i (or the end).
        private readonly int[] _limit;
        private readonly int _segments;

        public SinglePath(string path)
        {
            string[] parts = path.Split('.');
            _segments = parts.Length;
            _keys = new byte[_segments][][];
            _wildcard = Array.ConvertAll(parts, p => p == "*");
            _limit = new int[_segments];
            for (int i = _segments - 1; i >= 0; i--)
                _limit[i] = i + 1 < _segments && !_wildcard[i + 1] ? _limit[i + 1] : i + 1;
            for (int i = 0; i < _segments; i++)
            {
                _keys[i] = new byte[_segments - i][];
                for (int j = i + 1; j <= _limit[i]; j++)
                    _keys[i][j - i - 1] = Encoding.UTF8.GetBytes(string.Join(".", parts, i, j - i));
            }
        }

        // With no pattern, reaching the value is enough (existence).
        public bool Visit(JsonElement node, int segment, ValuePattern? pattern)
        {
            switch (node.ValueKind)
            {
                case JsonValueKind.Object:
                    if (_wildcard[segment])
                    {
                        foreach (JsonProperty property in node.EnumerateObject())
                        {
                            if (Reached(property.Value, segment + 1, pattern))
                                return true;
                        }
                        return false;
                    }
                    byte[][] keys = _keys[segment];
                    for (int end = _limit[segment]; end > segment; end--)
                    {
                        if (node.TryGetProperty(keys[end - segment - 1], out JsonElement child))
                            return Reached(child, end, pattern);
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

        private bool Reached(JsonElement value, int next, ValuePattern? pattern)
        {
            if (next < _segments)
                return Visit(value, next, pattern);
            return pattern is null || AnyLeaf(value, pattern);
        }
    }
}
