using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SigmaCompile.Generator.Emit;

/// <summary>C# literals and identifiers, written the same way under every culture.</summary>
internal static class CSharp
{
    public static string String(string? value)
    {
        if (value is null)
            return "null";
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x7F || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u0085')
                        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else
                        builder.Append(c);
                    break;
            }
        }
        return builder.Append('"').ToString();
    }

    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>A string array literal; an empty one is the shared empty array.</summary>
    public static string StringArray(IEnumerable<string> values)
    {
        List<string> items = values.Select(String).ToList();
        return items.Count == 0 ? "global::System.Array.Empty<string>()" : "new string[] { " + string.Join(", ", items) + " }";
    }

    /// <summary>Text safe inside a // comment or XML doc line (no line breaks, no XML specials).</summary>
    public static string Comment(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
            builder.Append(c is '\r' or '\n' or '\u2028' or '\u2029' or '\u0085' ? ' ' : c);
        return builder.ToString();
    }

    public static string Xml(string text) =>
        Comment(text).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
