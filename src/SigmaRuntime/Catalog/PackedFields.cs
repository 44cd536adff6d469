using System;
using System.Globalization;

namespace SigmaCompile.Catalog;

/// <summary>
/// Reads the packed text of the catalog field by field (<see cref="RuleCatalogEntry"/> describes the form):
/// every field ends with ␟ (U+241F), ␛ (U+241B) and four hex digits stand for one character (see
/// <see cref="EscapedText"/>), and a field that is ␘ (U+2418) alone is null. Line breaks before a field are
/// skipped. A list is its length, then its items.
/// </summary>
internal sealed class PackedFields
{
    // The generator's Emit/PackedRows.cs writes these same three characters.
    public const char FieldEnd = '\u241F';
    public const char Null = '\u2418';

    private readonly string _text;
    private int _position;

    public static PackedFields FromUtf8(ReadOnlySpan<byte> utf8) =>
        EscapedText.TryDecode(utf8, out string? text)
            ? new PackedFields(text)
            : throw new FormatException("Packed catalog text is not valid UTF-8.");

    private PackedFields(string text)
    {
        _text = text;
        _position = 0;
    }

    public bool AtEnd()
    {
        SkipLineBreaks();
        return _position == _text.Length;
    }

    public string? NullableString()
    {
        SkipLineBreaks();
        if (_position + 1 < _text.Length && _text[_position] == Null && _text[_position + 1] == FieldEnd)
        {
            _position += 2;
            return null;
        }
        return String();
    }

    public string String()
    {
        SkipLineBreaks();
        int end = _text.IndexOf(FieldEnd, _position);
        if (end < 0)
            throw new FormatException("Packed catalog text ends inside a field.");
        ReadOnlySpan<char> field = _text.AsSpan(_position, end - _position);
        if (EscapedText.FindBadEscape(field) >= 0)
            throw new FormatException("An escape in packed catalog text is not followed by four hex digits.");
        if (field.Contains(Null))
            throw new FormatException("U+2418 stands inside a packed catalog field (alone, it marks a null field).");
        _position = end + 1;
        return EscapedText.Unescape(field);
    }

    // The generator writes one row per line of a raw literal; the line breaks between rows are not text.
    private void SkipLineBreaks()
    {
        while (_position < _text.Length && _text[_position] is '\n' or '\r')
            _position++;
    }

    public int Int()
    {
        string field = String();
        return int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new FormatException($"'{field}' in packed catalog text is not a count or an index.");
    }

    public T Enum<T>() where T : struct, System.Enum
    {
        // A member's name exactly: Enum.TryParse also takes numbers and comma-separated names.
        string field = String();
        return Array.IndexOf(System.Enum.GetNames<T>(), field) >= 0
            ? System.Enum.Parse<T>(field)
            : throw new FormatException($"'{field}' in packed catalog text is not a {typeof(T).Name}.");
    }

    public string[] Strings() => List(static fields => fields.String());

    public int[] Ints() => List(static fields => fields.Int());

    public T[] List<T>(Func<PackedFields, T> read)
    {
        int count = Int();
        if (count == 0)
            return Array.Empty<T>();
        var items = new T[count];
        for (int i = 0; i < count; i++)
            items[i] = read(this);
        return items;
    }
}
