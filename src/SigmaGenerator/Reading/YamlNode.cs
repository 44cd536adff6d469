using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SigmaCompile.Generator.Model;
using YamlDotNet.Core;

namespace SigmaCompile.Generator.Reading;

internal enum YamlNodeKind { Scalar, Mapping, Sequence }

/// <summary>The YAML 1.2 core-schema type of a scalar: quoted scalars are always strings.</summary>
internal enum ScalarType { String, Null, Bool, Int, Float }

/// <summary>A YAML node with its position, built by <see cref="YamlTreeReader"/>. Lives only inside one parse.</summary>
internal sealed class YamlNode
{
    private YamlNode(YamlNodeKind kind, SourceSpan span)
    {
        Kind = kind;
        Span = span;
    }

    public YamlNodeKind Kind { get; }

    public SourceSpan Span { get; }

    public string Value { get; private set; } = "";

    public ScalarType Type { get; private set; }

    public List<KeyValuePair<YamlNode, YamlNode>> Entries { get; } = new();

    public List<YamlNode> Items { get; } = new();

    public bool IsScalar => Kind == YamlNodeKind.Scalar;

    public bool IsMapping => Kind == YamlNodeKind.Mapping;

    public bool IsSequence => Kind == YamlNodeKind.Sequence;

    public static YamlNode Container(YamlNodeKind kind, Mark start, Mark end) => new(kind, ToSpan(start, end));

    public static YamlNode Scalar(YamlDotNet.Core.Events.Scalar scalar) =>
        new(YamlNodeKind.Scalar, ToSpan(scalar.Start, scalar.End))
        {
            Value = scalar.Value,
            Type = scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty ? Resolve(scalar.Value) : ScalarType.String,
        };

    /// <summary>The value of a mapping entry by key, or null.</summary>
    public YamlNode? Get(string key)
    {
        foreach (KeyValuePair<YamlNode, YamlNode> entry in Entries)
        {
            if (entry.Key.IsScalar && entry.Key.Value == key)
                return entry.Value;
        }
        return null;
    }

    /// <summary>Where the key of a mapping entry is written, or the mapping's span when it has no such key.</summary>
    public SourceSpan KeySpan(string key) =>
        Entries.FirstOrDefault(e => e.Key.IsScalar && e.Key.Value == key).Key?.Span ?? Span;

    /// <summary>"a mapping", "a list" or "a scalar", for messages about a value of the wrong shape.</summary>
    public string Describe() => Kind switch
    {
        YamlNodeKind.Mapping => "a mapping",
        YamlNodeKind.Sequence => "a list",
        _ => "a scalar",
    };

    public static SourceSpan ToSpan(Mark start, Mark end) =>
        new((int)start.Index, (int)System.Math.Max(0, end.Index - start.Index), (int)start.Line - 1, (int)start.Column - 1, (int)end.Line - 1, (int)end.Column - 1);

    // YAML 1.2 core schema for plain scalars.
    private static ScalarType Resolve(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return ScalarType.Null;
            case "true" or "True" or "TRUE" or "false" or "False" or "FALSE":
                return ScalarType.Bool;
        }
        if (IsInt(text))
            return ScalarType.Int;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && IsFloatSyntax(text))
            return ScalarType.Float;
        return ScalarType.String;
    }

    private static bool IsInt(string text)
    {
        int i = text.Length > 0 && (text[0] == '-' || text[0] == '+') ? 1 : 0;
        if (i >= text.Length)
            return false;
        if (text.Length > i + 2 && text[i] == '0' && (text[i + 1] == 'x' || text[i + 1] == 'o'))
            return false; // hex and octal forms stay strings: their text is what events carry
        for (; i < text.Length; i++)
        {
            if (text[i] < '0' || text[i] > '9')
                return false;
        }
        return true;
    }

    private static bool IsFloatSyntax(string text)
    {
        foreach (char c in text)
        {
            if (!(char.IsDigit(c) || c is '.' or 'e' or 'E' or '-' or '+'))
                return false;
        }
        return text.IndexOf('.') >= 0 || text.IndexOf('e') >= 0 || text.IndexOf('E') >= 0;
    }
}
