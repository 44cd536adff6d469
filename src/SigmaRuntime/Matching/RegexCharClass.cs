using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SigmaCompile.Matching;

/// <summary>
/// A character class of a .NET regular expression (<c>[...]</c>, a class escape such as <c>\w</c> or <c>\p{L}</c>,
/// or <c>.</c>), read over code points: whether it holds a code point above the BMP (by its Unicode category, or by
/// the characters and ranges written in it), and the class written for single UTF-16 units with the surrogate units
/// taken out (see <see cref="CodePointRegex"/>).
/// </summary>
internal sealed class RegexCharClass
{
    private const int FirstSurrogate = 0xD800;

    private readonly bool _negated;
    private readonly Item[] _items;
    // The class after "-[", whose members are taken out.
    private readonly RegexCharClass? _subtracted;
    private readonly bool _rangeBeyondBmp;

    private RegexCharClass(bool negated, Item[] items, RegexCharClass? subtracted, bool rangeBeyondBmp = false)
    {
        _negated = negated;
        _items = items;
        _subtracted = subtracted;
        _rangeBeyondBmp = rangeBeyondBmp;
    }

    /// <summary>Whether an item decides by Unicode category (<c>\w</c>, <c>\d</c>, <c>\p{..}</c> and their negations).</summary>
    public bool ReadsCategories => Array.Exists(_items, i => i.IsCategory) || _subtracted?.ReadsCategories == true;

    /// <summary>
    /// Whether a range ends outside the BMP (<c>[a-😀]</c>, <c>[😀-😂]</c>): .NET reads its end as two UTF-16 units,
    /// which gives another range (or a reversed one, an error), so the UTF-16 pattern differs even on BMP text.
    /// </summary>
    public bool HasRangeBeyondBmp => _rangeBeyondBmp || _subtracted?.HasRangeBeyondBmp == true;

    /// <summary>Where the class's ranges (and single characters) start and end, as first and one-past-last code points.</summary>
    public IEnumerable<int> RangeBounds()
    {
        foreach (Item item in _items)
        {
            if (!item.IsCategory)
            {
                yield return item.First;
                yield return item.Last + 1;
            }
        }
        if (_subtracted is not null)
        {
            foreach (int bound in _subtracted.RangeBounds())
                yield return bound;
        }
    }

    /// <summary><c>.</c>: any character but <c>\n</c>, or any character at all under the <c>s</c> option.</summary>
    public static RegexCharClass Dot(bool singleline) =>
        new(negated: true, singleline ? [] : [Item.Char('\n')], null);

    /// <summary>A character above the BMP written outside brackets: a class of its own.</summary>
    public static RegexCharClass ForCodePoint(int codePoint) => new(false, [Item.Char(codePoint)], null);

    /// <summary>A class escape outside brackets (<c>w</c>, <c>W</c>, <c>d</c>, <c>D</c>, <c>s</c>, <c>S</c>), or null for any other letter.</summary>
    public static RegexCharClass? ForEscape(char letter) =>
        ClassEscape(letter) is Item item ? new RegexCharClass(false, [item], null) : null;

    /// <summary><c>\p{name}</c> or <c>\P{name}</c> outside brackets; null when the name is unknown or names surrogates.</summary>
    public static RegexCharClass? ForProperty(string name, bool negated) =>
        Property(name, negated) is Item item ? new RegexCharClass(false, [item], null) : null;

    /// <summary>Whether the class holds <paramref name="codePoint"/>, whose Unicode category is <paramref name="category"/>.</summary>
    public bool Contains(int codePoint, UnicodeCategory category)
    {
        bool listed = false;
        foreach (Item item in _items)
        {
            if (item.Contains(codePoint, category))
            {
                listed = true;
                break;
            }
        }
        return listed != _negated && _subtracted?.Contains(codePoint, category) != true;
    }

    /// <summary>
    /// Whether the UTF-16 class holds the surrogate code units (a class escape such as <c>\W</c>, a negation, or a range
    /// across U+D800..U+DFFF). It holds all of them or none: a class that names a surrogate is never parsed.
    /// </summary>
    public bool HoldsSurrogates => Contains(FirstSurrogate, UnicodeCategory.Surrogate);

    /// <summary>
    /// The class written for one UTF-16 unit that is neither a surrogate nor outside the BMP, or null when no such
    /// unit is a member. <paramref name="written"/> is false when the surrogates cannot be taken out of this shape
    /// (a subtraction whose own class holds none, or is nested again).
    /// </summary>
    public string? BmpText(out bool written)
    {
        written = true;
        RegexCharClass bmp = ClippedToBmp();
        if (!bmp._negated && bmp._items.Length == 0)
            return null;
        if (!HoldsSurrogates)
            return bmp.Write(extra: null, subtractedExtra: null);
        if (bmp._subtracted is null)
            return bmp._negated ? bmp.Write(extra: SurrogateRange, subtractedExtra: null) : bmp.Write(extra: null, subtractedExtra: SurrogateRange);
        // (base - sub) - surrogates = base - (sub + surrogates): sub must be a plain list to add them to.
        if (bmp._subtracted._negated || bmp._subtracted._subtracted is not null)
        {
            written = false;
            return null;
        }
        return bmp.Write(extra: null, subtractedExtra: SurrogateRange);
    }

    private const string SurrogateRange = "\\uD800-\\uDFFF";

    // Only BMP members matter to a single UTF-16 unit; "all but nothing" becomes the explicit BMP range, since
    // .NET has no empty negated class.
    private RegexCharClass ClippedToBmp()
    {
        var items = new List<Item>();
        foreach (Item item in _items)
        {
            if (item.IsCategory)
                items.Add(item);
            else if (item.First <= 0xFFFF)
                items.Add(Item.Range(item.First, Math.Min(item.Last, 0xFFFF)));
        }
        RegexCharClass? subtracted = _subtracted?.ClippedToBmp();
        if (subtracted is { _negated: false, _items.Length: 0 })
            subtracted = null;
        if (_negated && items.Count == 0)
            return new RegexCharClass(false, [Item.Range(0, 0xFFFF)], subtracted);
        return new RegexCharClass(_negated, items.ToArray(), subtracted);
    }

    // Writes the class with 'extra' added to its items and 'subtractedExtra' to the items of its subtraction.
    private string Write(string? extra, string? subtractedExtra)
    {
        var text = new StringBuilder("[");
        if (_negated)
            text.Append('^');
        foreach (Item item in _items)
            item.WriteTo(text);
        text.Append(extra);
        if (_subtracted is not null)
            text.Append('-').Append(_subtracted.Write(extra: subtractedExtra, subtractedExtra: null));
        else if (subtractedExtra is not null)
            text.Append("-[").Append(subtractedExtra).Append(']');
        return text.Append(']').ToString();
    }

    /// <summary>
    /// Parses the class that starts at <paramref name="position"/> (a <c>[</c>) the way .NET does, leaving
    /// <paramref name="position"/> after its <c>]</c>; null for what it cannot read over code points: a surrogate
    /// not paired, a POSIX-style <c>[:name:]</c>, or an invalid class.
    /// </summary>
    public static RegexCharClass? Parse(string pattern, ref int position)
    {
        int i = position + 1;
        bool negated = i < pattern.Length && pattern[i] == '^';
        if (negated)
            i++;
        var items = new List<Item>();
        RegexCharClass? subtracted = null;
        int? rangeStart = null;
        bool rangeBeyondBmp = false;
        for (bool first = true; ; first = false)
        {
            if (i >= pattern.Length)
                return null;
            char c = pattern[i++];
            if (c == ']' && !first)
            {
                if (rangeStart is not null)
                    return null;
                break;
            }
            int codePoint;
            bool translated = false;
            if (c == '\\')
            {
                if (i >= pattern.Length)
                    return null;
                char escape = pattern[i];
                if (ClassEscape(escape) is Item classEscape)
                {
                    if (rangeStart is not null)
                        return null;
                    items.Add(classEscape);
                    i++;
                    continue;
                }
                if (escape is 'p' or 'P')
                {
                    if (rangeStart is not null || !TryReadPropertyName(pattern, ref i, out string name) || Property(name, escape == 'P') is not Item property)
                        return null;
                    items.Add(property);
                    continue;
                }
                if (!TryReadCharEscape(pattern, ref i, out codePoint))
                    return null;
                translated = true;
            }
            else if (c == '[' && i < pattern.Length && pattern[i] == ':')
            {
                return null;
            }
            else if (!TryReadCodePoint(pattern, c, ref i, out codePoint))
            {
                return null;
            }

            if (rangeStart is int start)
            {
                rangeStart = null;
                if (c == '[' && !translated)
                {
                    // "x-[...]": the character x, then a subtraction.
                    items.Add(Item.Char(start));
                    if (!TryParseSubtraction(pattern, i - 1, out subtracted, out i))
                        return null;
                    break;
                }
                if (start > codePoint)
                    return null;
                items.Add(Item.Range(start, codePoint));
                rangeBeyondBmp |= codePoint > 0xFFFF;
            }
            else if (i + 1 < pattern.Length && pattern[i] == '-' && pattern[i + 1] != ']')
            {
                rangeStart = codePoint;
                i++;
            }
            else if (c == '-' && !translated && !first && i < pattern.Length && pattern[i] == '[')
            {
                if (!TryParseSubtraction(pattern, i, out subtracted, out i))
                    return null;
                break;
            }
            else
            {
                items.Add(Item.Char(codePoint));
            }
        }
        position = i;
        return new RegexCharClass(negated, items.ToArray(), subtracted, rangeBeyondBmp);
    }

    // The subtracted class at 'bracket' must be the class's last element: its ']' follows. 'end' is after that.
    private static bool TryParseSubtraction(string pattern, int bracket, out RegexCharClass? subtracted, out int end)
    {
        end = bracket;
        subtracted = Parse(pattern, ref end);
        if (subtracted is null || end >= pattern.Length || pattern[end] != ']')
            return false;
        end++;
        return true;
    }

    /// <summary>Reads one literal character at <paramref name="i"/> - 1 (<paramref name="c"/>), joining a surrogate pair.</summary>
    public static bool TryReadCodePoint(string pattern, char c, ref int i, out int codePoint)
    {
        codePoint = c;
        if (!char.IsSurrogate(c))
            return true;
        if (char.IsHighSurrogate(c) && i < pattern.Length && char.IsLowSurrogate(pattern[i]))
        {
            codePoint = char.ConvertToUtf32(c, pattern[i++]);
            return true;
        }
        return false;
    }

    /// <summary>
    /// Reads a character escape inside brackets, <paramref name="i"/> at the letter after the backslash, as .NET's
    /// parser does. <c>\uD83D\uDE00</c> written as two escapes is one code point; a lone surrogate fails.
    /// </summary>
    private static bool TryReadCharEscape(string pattern, ref int i, out int codePoint)
    {
        char escape = pattern[i++];
        codePoint = escape switch
        {
            'a' => '\a',
            'b' => '\b',
            'e' => '\u001B',
            'f' => '\f',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\v',
            _ => -1,
        };
        if (codePoint >= 0)
            return true;
        switch (escape)
        {
            case 'x':
                return TryReadHex(pattern, ref i, 2, out codePoint);
            case 'u':
                return TryReadUnicodeEscape(pattern, ref i, out codePoint);
            case 'c':
                return TryReadControl(pattern, ref i, out codePoint);
            case >= '0' and <= '7':
                // Up to three octal digits, truncated to a byte as .NET does.
                codePoint = escape - '0';
                for (int digits = 1; digits < 3 && i < pattern.Length && pattern[i] is >= '0' and <= '7'; digits++)
                    codePoint = codePoint * 8 + (pattern[i++] - '0');
                codePoint &= 0xFF;
                return true;
            default:
                // Any other escaped letter or digit is an error in .NET; anything else is itself.
                if (char.IsLetterOrDigit(escape) || escape == '_')
                    return false;
                return TryReadCodePoint(pattern, escape, ref i, out codePoint);
        }
    }

    /// <summary>
    /// After <c>\u</c>: four hex digits; a high surrogate must be followed by <c>\u</c> and a low one, which make one
    /// code point. A lone surrogate fails: a pattern that names surrogate units means UTF-16.
    /// </summary>
    public static bool TryReadUnicodeEscape(string pattern, ref int i, out int codePoint)
    {
        if (!TryReadHex(pattern, ref i, 4, out codePoint))
            return false;
        if (!char.IsSurrogate((char)codePoint))
            return true;
        int low = 0;
        int next = i + 2;
        if (char.IsHighSurrogate((char)codePoint) && i + 1 < pattern.Length && pattern[i] == '\\' && pattern[i + 1] == 'u'
            && TryReadHex(pattern, ref next, 4, out low) && char.IsLowSurrogate((char)low))
        {
            codePoint = char.ConvertToUtf32((char)codePoint, (char)low);
            i = next;
            return true;
        }
        return false;
    }

    private static bool TryReadHex(string pattern, ref int i, int digits, out int value)
    {
        value = 0;
        if (i + digits > pattern.Length
            || !int.TryParse(pattern.AsSpan(i, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value))
            return false;
        i += digits;
        return true;
    }

    // \cX: X from @ to _ (or a lower-case letter) gives the control character X - '@'.
    private static bool TryReadControl(string pattern, ref int i, out int codePoint)
    {
        codePoint = 0;
        if (i >= pattern.Length)
            return false;
        char c = pattern[i++];
        if (c is >= 'a' and <= 'z')
            c = (char)(c - 0x20);
        codePoint = c - '@';
        return codePoint is >= 0 and < 0x20;
    }

    /// <summary>Reads <c>{name}</c> after <c>\p</c> or <c>\P</c>; <paramref name="i"/> is at the <c>p</c>.</summary>
    public static bool TryReadPropertyName(string pattern, ref int i, out string name)
    {
        name = "";
        if (i + 1 >= pattern.Length || pattern[i + 1] != '{')
            return false;
        int close = pattern.IndexOf('}', i + 2);
        if (close < 0)
            return false;
        name = pattern.Substring(i + 2, close - i - 2);
        i = close + 1;
        return true;
    }

    // .NET's \w is letters, non-spacing marks, decimal digits and connector punctuation (a test pins this against
    // .NET's own answers over the BMP); \s has no member outside the BMP or among the surrogates.
    private static readonly uint WordCategories = Mask(
        UnicodeCategory.UppercaseLetter, UnicodeCategory.LowercaseLetter, UnicodeCategory.TitlecaseLetter,
        UnicodeCategory.ModifierLetter, UnicodeCategory.OtherLetter, UnicodeCategory.NonSpacingMark,
        UnicodeCategory.DecimalDigitNumber, UnicodeCategory.ConnectorPunctuation);

    private static readonly uint DigitCategories = Mask(UnicodeCategory.DecimalDigitNumber);

    private static readonly uint SpaceCategories = Mask(
        UnicodeCategory.SpaceSeparator, UnicodeCategory.LineSeparator, UnicodeCategory.ParagraphSeparator);

    private static Item? ClassEscape(char letter) => letter switch
    {
        'w' => Item.Category(WordCategories, false, "\\w"),
        'W' => Item.Category(WordCategories, true, "\\W"),
        'd' => Item.Category(DigitCategories, false, "\\d"),
        'D' => Item.Category(DigitCategories, true, "\\D"),
        's' => Item.Category(SpaceCategories, false, "\\s"),
        'S' => Item.Category(SpaceCategories, true, "\\S"),
        _ => null,
    };

    // A general category (L, Lu, ...) or a named block (IsGreek; .NET's blocks all lie in the BMP). Null for an
    // unknown name and for names of surrogates (Cs, the surrogate blocks): such a pattern means UTF-16 units.
    private static Item? Property(string name, bool negated)
    {
        string text = (negated ? "\\P{" : "\\p{") + name + "}";
        if (name.StartsWith("Is", StringComparison.Ordinal))
            return name.Contains("Surrogate", StringComparison.Ordinal) ? null : Item.Category(0, negated, text);
        if (name == "Cs")
            return null;
        uint mask = 0;
        foreach (UnicodeCategory category in Enum.GetValues<UnicodeCategory>())
        {
            string abbreviation = Abbreviation(category);
            if (abbreviation == name || (name.Length == 1 && abbreviation[0] == name[0]))
                mask |= 1u << (int)category;
        }
        // "C" also takes in Cs, which no code point read from well-formed text has; its surrogate units go the way
        // of every class's (see BmpText).
        return mask == 0 ? null : Item.Category(mask, negated, text);
    }

    private static string Abbreviation(UnicodeCategory category) => category switch
    {
        UnicodeCategory.UppercaseLetter => "Lu",
        UnicodeCategory.LowercaseLetter => "Ll",
        UnicodeCategory.TitlecaseLetter => "Lt",
        UnicodeCategory.ModifierLetter => "Lm",
        UnicodeCategory.OtherLetter => "Lo",
        UnicodeCategory.NonSpacingMark => "Mn",
        UnicodeCategory.SpacingCombiningMark => "Mc",
        UnicodeCategory.EnclosingMark => "Me",
        UnicodeCategory.DecimalDigitNumber => "Nd",
        UnicodeCategory.LetterNumber => "Nl",
        UnicodeCategory.OtherNumber => "No",
        UnicodeCategory.SpaceSeparator => "Zs",
        UnicodeCategory.LineSeparator => "Zl",
        UnicodeCategory.ParagraphSeparator => "Zp",
        UnicodeCategory.Control => "Cc",
        UnicodeCategory.Format => "Cf",
        UnicodeCategory.Surrogate => "Cs",
        UnicodeCategory.PrivateUse => "Co",
        UnicodeCategory.ConnectorPunctuation => "Pc",
        UnicodeCategory.DashPunctuation => "Pd",
        UnicodeCategory.OpenPunctuation => "Ps",
        UnicodeCategory.ClosePunctuation => "Pe",
        UnicodeCategory.InitialQuotePunctuation => "Pi",
        UnicodeCategory.FinalQuotePunctuation => "Pf",
        UnicodeCategory.OtherPunctuation => "Po",
        UnicodeCategory.MathSymbol => "Sm",
        UnicodeCategory.CurrencySymbol => "Sc",
        UnicodeCategory.ModifierSymbol => "Sk",
        UnicodeCategory.OtherSymbol => "So",
        _ => "Cn",
    };

    private static uint Mask(params UnicodeCategory[] categories)
    {
        uint mask = 0;
        foreach (UnicodeCategory category in categories)
            mask |= 1u << (int)category;
        return mask;
    }

    /// <summary>A range of code points (one character when First == Last), or a set of Unicode categories.</summary>
    private readonly record struct Item(bool IsCategory, int First, int Last, uint Categories, bool NegatedCategories, string? Text)
    {
        public static Item Char(int codePoint) => new(false, codePoint, codePoint, 0, false, null);

        public static Item Range(int first, int last) => new(false, first, last, 0, false, null);

        public static Item Category(uint categories, bool negated, string text) => new(true, 0, 0, categories, negated, text);

        public bool Contains(int codePoint, UnicodeCategory category) => IsCategory
            ? ((Categories >> (int)category) & 1) != 0 != NegatedCategories
            : codePoint >= First && codePoint <= Last;

        // Characters are written as \uXXXX (letters and digits as themselves), so no item can run into the next.
        public void WriteTo(StringBuilder text)
        {
            if (IsCategory)
            {
                text.Append(Text);
                return;
            }
            WriteChar(text, First);
            if (Last != First)
                WriteChar(text.Append('-'), Last);
        }
    }

    /// <summary>Writes a BMP character so that it means itself anywhere in a pattern.</summary>
    public static void WriteChar(StringBuilder text, int c)
    {
        if (c < 0x80 && char.IsAsciiLetterOrDigit((char)c))
            text.Append((char)c);
        else
            text.Append("\\u").Append(c.ToString("X4", CultureInfo.InvariantCulture));
    }
}
