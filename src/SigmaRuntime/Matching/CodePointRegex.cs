using System.Collections.Generic;
using System.Text;

namespace SigmaCompile.Matching;

/// <summary>
/// Rewrites a .NET regular expression so that it reads each character outside the BMP as one character, as PCRE and
/// Python read code points, when it runs over text written by <see cref="CodePointText"/>, where each surrogate
/// pair is one tag unit naming the set of characters it belongs to (<see cref="SupplementaryPartition"/>). Only
/// what can tell the readings apart changes; the rest is copied:
/// <list type="bullet">
/// <item><c>.</c>, classes and class escapes that hold surrogate units or characters above the BMP (<c>[^a]</c>,
/// <c>\W</c>, <c>\S</c>, <c>\D</c>, <c>\w</c>, <c>\d</c>, <c>\p{L}</c>, <c>[😀😁]</c>) become
/// <c>(?:class|[tags])</c>: the class with the surrogate units taken out, or one of the tags of the sets it holds.
/// A character above the BMP is in a class by its Unicode category, as .NET classifies BMP characters, or by the
/// characters and ranges written in it. .NET merges such an alternation of single characters into one class, so
/// loops over classes keep their speed.</item>
/// <item>a character above the BMP written in the pattern (as itself or as <c>\uD83D\uDE00</c>) is a class of its
/// own, <c>(?:\uDC05)</c>, so a quantifier after it repeats the whole character.</item>
/// </list>
/// A tag stands for every character of its set, so a pattern with a backreference, which compares characters, is
/// run on text where the pair follows its tag (<see cref="SupplementaryPartition.PairsFollowTags"/>) and takes
/// <c>[tags][\uD800-\uDBFF][\uDC00-\uDFFF]</c> (slower; such patterns run on the backtracking engine anyway).
/// Groups it adds never capture, so group numbers stay. Inline options are followed, since <c>(?s)</c> changes what
/// <c>.</c> is. The <c>x</c> option (free spacing) is not (Sigma rules cannot set it), and neither are
/// conditionals, POSIX-style classes or patterns that name surrogate units (<c>\uD800</c>, <c>\p{Cs}</c>): those
/// give null, and the pattern keeps its UTF-16 meaning.
/// </summary>
internal static class CodePointRegex
{
    private const string AnyPair = "[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]";
    private const string NoCharacter = "[^\\u0000-\\uFFFF]";

    /// <summary>The rewritten pattern, or null when it cannot be rewritten safely.</summary>
    public static CodePointRewrite? Rewrite(string pattern, bool singleline)
    {
        var tokenizer = new Tokenizer(pattern, singleline);
        List<Piece>? pieces = tokenizer.Run();
        if (pieces is null)
            return null;
        var classes = new List<RegexCharClass>();
        foreach (Piece piece in pieces)
        {
            if (piece.Class is not null)
                classes.Add(piece.Class);
        }
        if (SupplementaryPartition.Of(classes, pairsFollowTags: tokenizer.HasBackreference) is not SupplementaryPartition partition)
            return null;

        var output = new StringBuilder(pattern.Length + 16);
        bool changed = false;
        bool rangeBeyondBmp = false;
        int classIndex = 0;
        foreach (Piece piece in pieces)
        {
            string? tags = piece.Class is null ? null : partition.TagClass(classIndex++);
            if (piece.Class is not RegexCharClass characterClass || (tags is null && !characterClass.HoldsSurrogates))
            {
                // Not a class, or a class with nothing above the BMP and no surrogate unit: it reads the same.
                output.Append(piece.Text);
                continue;
            }
            string? bmp = characterClass.BmpText(out bool written);
            if (!written)
                return null;
            // (?:class|tags), either part left out when empty; a class with no member at all still has to be an atom.
            string single = bmp ?? (tags is null ? NoCharacter : "");
            string separator = single.Length > 0 && tags is not null ? "|" : "";
            output.Append("(?:").Append(single).Append(separator);
            if (tags is not null)
                output.Append(tags).Append(partition.PairsFollowTags ? AnyPair : "");
            output.Append(')');
            rangeBeyondBmp |= characterClass.HasRangeBeyondBmp;
            changed = true;
        }
        return new CodePointRewrite(changed ? output.ToString() : pattern, changed, rangeBeyondBmp, partition);
    }

    /// <summary>Text copied as written, or a class with its text as written (a character above the BMP is a class).</summary>
    private readonly record struct Piece(string Text, RegexCharClass? Class);

    /// <summary>Splits a pattern into pieces the way .NET's parser reads it, following the <c>s</c> option.</summary>
    private sealed class Tokenizer(string pattern, bool singleline)
    {
        private readonly List<Piece> _pieces = [];
        // The s option in force outside each open group (restored when it closes).
        private readonly Stack<bool> _enclosing = new();
        private bool _singleline = singleline;
        private int _i;

        /// <summary>Whether the pattern compares characters with a backreference (<c>\1</c>, <c>\k&lt;name&gt;</c>).</summary>
        public bool HasBackreference { get; private set; }

        public List<Piece>? Run()
        {
            while (_i < pattern.Length)
            {
                bool read = pattern[_i] switch
                {
                    '\\' => Escape(),
                    '[' => Class(),
                    '(' => OpenGroup(),
                    ')' => CloseGroup(),
                    '.' => Dot(),
                    _ => Literal(),
                };
                if (!read)
                    return null;
            }
            return _enclosing.Count == 0 ? _pieces : null;
        }

        private bool Dot()
        {
            _i++;
            return AddClass(RegexCharClass.Dot(_singleline), _i - 1);
        }

        private bool Literal()
        {
            int start = _i;
            char c = pattern[_i++];
            if (!char.IsSurrogate(c))
                return Copy(start);
            return RegexCharClass.TryReadCodePoint(pattern, c, ref _i, out int codePoint) && AddCodePoint(codePoint, start);
        }

        private bool Class()
        {
            int start = _i;
            RegexCharClass? parsed = RegexCharClass.Parse(pattern, ref _i);
            return parsed is not null && AddClass(parsed, start);
        }

        private bool Escape()
        {
            int start = _i;
            if (_i + 1 >= pattern.Length)
                return false;
            char letter = pattern[_i + 1];
            switch (letter)
            {
                case 'w' or 'W' or 'd' or 'D' or 's' or 'S':
                    _i += 2;
                    return AddClass(RegexCharClass.ForEscape(letter)!, start);
                case 'p' or 'P':
                    _i++;
                    return RegexCharClass.TryReadPropertyName(pattern, ref _i, out string name)
                        && RegexCharClass.ForProperty(name, letter == 'P') is RegexCharClass property
                        && AddClass(property, start);
                case 'u':
                    _i += 2;
                    if (!RegexCharClass.TryReadUnicodeEscape(pattern, ref _i, out int codePoint))
                        return false;
                    return codePoint > 0xFFFF ? AddCodePoint(codePoint, start) : Copy(start);
                case 'c':
                    // \cX: X is part of the escape even when it is a metacharacter ("\c[" is ESC).
                    _i = System.Math.Min(_i + 3, pattern.Length);
                    return Copy(start);
                default:
                    _i += 2;
                    if (char.IsSurrogate(letter))
                        return RegexCharClass.TryReadCodePoint(pattern, letter, ref _i, out int escaped) && AddCodePoint(escaped, start);
                    // \1 to \9 start a backreference (or an octal escape, which is read right either way).
                    HasBackreference |= letter is 'k' or (>= '1' and <= '9');
                    // Anything else (\., \\, \b, \x41, \k<name>, ...) is a BMP character, an anchor or a
                    // backreference: copied. Only the character after the backslash can be a metacharacter.
                    return Copy(start);
            }
        }

        private bool OpenGroup()
        {
            int start = _i;
            if (_i + 1 >= pattern.Length || pattern[_i + 1] != '?')
            {
                _i++;
                return Open(start, _singleline);
            }
            int at = _i + 2;
            if (at >= pattern.Length)
                return false;
            switch (pattern[at])
            {
                case ':' or '=' or '!' or '>':
                    _i = at + 1;
                    return Open(start, _singleline);
                case '<' when at + 1 < pattern.Length && pattern[at + 1] is '=' or '!':
                    _i = at + 2;
                    return Open(start, _singleline);
                case '<' or '\'':
                    // A named (or balancing) group: (?<name>...), (?'name'...).
                    int close = pattern.IndexOf(pattern[at] == '<' ? '>' : '\'', at + 1);
                    if (close < 0)
                        return false;
                    _i = close + 1;
                    return Open(start, _singleline);
                case '#':
                    int end = pattern.IndexOf(')', at);
                    if (end < 0)
                        return false;
                    _i = end + 1;
                    return Copy(start);
                case '(':
                    return false; // a conditional
                default:
                    return Options(start, at);
            }
        }

        // (?imnsx-imnsx) for the rest of the enclosing group, or (?imnsx-imnsx:...) for its own.
        private bool Options(int start, int at)
        {
            bool on = true;
            bool singleline = _singleline;
            for (; at < pattern.Length; at++)
            {
                switch (pattern[at])
                {
                    case '-':
                        on = false;
                        break;
                    case 's':
                        singleline = on;
                        break;
                    case 'x' when on:
                        return false;
                    case 'i' or 'm' or 'n' or 'x':
                        break;
                    case ')':
                        _i = at + 1;
                        _singleline = singleline;
                        return Copy(start);
                    case ':':
                        _i = at + 1;
                        bool opened = Open(start, _singleline);
                        _singleline = singleline;
                        return opened;
                    default:
                        return false;
                }
            }
            return false;
        }

        private bool Open(int start, bool singleline)
        {
            _enclosing.Push(singleline);
            return Copy(start);
        }

        private bool CloseGroup()
        {
            if (_enclosing.Count == 0)
                return false;
            _singleline = _enclosing.Pop();
            _i++;
            return Copy(_i - 1);
        }

        private bool Copy(int start)
        {
            _pieces.Add(new Piece(pattern[start.._i], null));
            return true;
        }

        private bool AddClass(RegexCharClass characterClass, int start)
        {
            _pieces.Add(new Piece(pattern[start.._i], characterClass));
            return true;
        }

        private bool AddCodePoint(int codePoint, int start) => AddClass(RegexCharClass.ForCodePoint(codePoint), start);
    }
}
