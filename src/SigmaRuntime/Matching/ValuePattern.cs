using System.Text.Json;

namespace SigmaCompile.Matching;

/// <summary>A test of one JSON value (never an array: arrays are expanded by <see cref="FieldPath"/>).</summary>
public abstract class ValuePattern
{
    /// <summary>Whether the value satisfies the pattern. Must not throw or allocate.</summary>
    public abstract bool IsMatch(JsonElement value);
}

/// <summary>Matches a JSON null.</summary>
internal sealed class NullPattern : ValuePattern
{
    public static NullPattern Instance { get; } = new();

    public override bool IsMatch(JsonElement value) => value.ValueKind == JsonValueKind.Null;
}
