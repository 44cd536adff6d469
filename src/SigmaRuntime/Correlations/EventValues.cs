using System;
using System.Text.Json;
using SigmaCompile.Matching;

namespace SigmaCompile.Correlations;

/// <summary>How correlations read group-by values and value fields: as matching does, numbers through their JSON text.</summary>
internal static class EventValues
{
    /// <summary>Whether the value has text: a non-empty string, a number or a boolean (not null, an object or an array).</summary>
    public static bool HasText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => !JsonScalarText.RawUtf8(value).IsEmpty,
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => true,
        _ => false,
    };

    /// <summary>The value's text: a string unescaped, a number or boolean as its JSON text (<c>4625</c>, <c>true</c>).</summary>
    public static string Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    /// <summary>The value as a number: a JSON number, or a string that reads as one (invariant culture). Never infinite or NaN.</summary>
    public static bool TryNumber(JsonElement value, out double number)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return value.TryGetDouble(out number) && double.IsFinite(number);
            case JsonValueKind.String:
                Span<char> stack = stackalloc char[DecodedText.StackLength];
                using (var decoded = new DecodedText(JsonScalarText.RawUtf8(value), isString: true, stack))
                    return ComparePattern.TryParse(decoded.Text, out number);
            default:
                number = 0;
                return false;
        }
    }
}
