using System.Collections.Generic;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SigmaCompile.Tests.Semantics;

/// <summary>Builds JSON events for the semantics tests, keeping non-ASCII text as raw UTF-8.</summary>
internal static class Events
{
    private static readonly JsonSerializerOptions Raw = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>An event with one field: <c>{"name": value}</c>; value may be a string, number, bool, null or array.</summary>
    public static string With(string name, object? value) => JsonSerializer.Serialize(new Dictionary<string, object?> { [name] = value }, Raw);

    /// <summary>An event with the given fields.</summary>
    public static string With(params (string Name, object? Value)[] fields)
    {
        var map = new Dictionary<string, object?>();
        foreach ((string name, object? value) in fields)
            map[name] = value;
        return JsonSerializer.Serialize(map, Raw);
    }

    /// <summary>A YAML single-quoted scalar holding <paramref name="text"/> exactly (backslashes stay literal).</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "''") + "'";
}
