using System.Text.Json;
using SigmaCompile.Matching;

namespace SigmaCompile.Correlations;

/// <summary>
/// Finds a field's first value that has text (a non-empty string, a number or a boolean), looking through arrays and
/// through every path of a field mapped to several, the way matching reads fields. One instance per correlator,
/// which is used by one thread at a time.
/// </summary>
internal sealed class FirstValueCapture : ValuePattern
{
    private JsonElement _value;

    public override bool IsMatch(JsonElement value)
    {
        if (!EventValues.HasText(value))
            return false;
        _value = value;
        return true;
    }

    public bool TryFind(FieldPath field, JsonElement evt, out JsonElement value)
    {
        bool found = field.AnyValue(evt, this);
        value = found ? _value : default;
        _value = default;
        return found;
    }
}
