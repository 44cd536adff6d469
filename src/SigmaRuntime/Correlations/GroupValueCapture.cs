using System.Text.Json;
using SigmaCompile.Matching;

namespace SigmaCompile.Correlations;

/// <summary>
/// Finds a group-by field's first value that has text (a non-empty string, a number or a boolean), looking through
/// arrays and every path of a field mapped to several, the way matching reads fields.
/// </summary>
internal sealed class GroupValueCapture : ValuePattern
{
    private JsonElement _value;

    public override bool IsMatch(JsonElement value)
    {
        bool hasText = value.ValueKind switch
        {
            JsonValueKind.String => !JsonScalarText.RawUtf8(value).IsEmpty,
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => true,
            _ => false,
        };
        if (hasText)
            _value = value;
        return hasText;
    }

    /// <summary>The text of <paramref name="field"/>'s first value with text: a string unescaped, a number or boolean as its JSON text.</summary>
    public string? FirstText(FieldPath field, JsonElement evt)
    {
        _value = default;
        if (!field.AnyValue(evt, this))
            return null;
        return _value.ValueKind == JsonValueKind.String ? _value.GetString() : _value.GetRawText();
    }
}
