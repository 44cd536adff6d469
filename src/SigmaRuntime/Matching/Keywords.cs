using System.Text.Json;

namespace SigmaCompile.Matching;

/// <summary>Keyword search: a pattern tested against every string value anywhere in an event (never key names).</summary>
public static class Keywords
{
    /// <summary>Whether some string value in <paramref name="evt"/>, at any depth, satisfies <paramref name="pattern"/>.</summary>
    public static bool AnyString(JsonElement evt, TextPattern pattern)
    {
        switch (evt.ValueKind)
        {
            case JsonValueKind.String:
                return pattern.IsMatch(evt);
            case JsonValueKind.Object:
                foreach (JsonProperty property in evt.EnumerateObject())
                {
                    if (AnyString(property.Value, pattern))
                        return true;
                }
                return false;
            case JsonValueKind.Array:
                foreach (JsonElement element in evt.EnumerateArray())
                {
                    if (AnyString(element, pattern))
                        return true;
                }
                return false;
            default:
                return false;
        }
    }
}
