using System;
using System.Collections.Generic;
using System.Text;

namespace SigmaCompile.Matching;

/// <summary>
/// A wildcard pattern: literal pieces separated by <c>*</c> (any run, empty included), where a piece may hold
/// <c>?</c> (exactly one character; a surrogate pair counts as one). Pieces are found leftmost-first, which is
/// exact for this grammar, so matching is linear in the text for each piece and never backtracks.
/// </summary>
internal sealed class GlobPattern : TextPattern
{
    // A piece is a run of literal text and single-character wildcards between two stars.
    private readonly Piece[] _pieces;
    private readonly bool _anchoredStart;
    private readonly bool _anchoredEnd;
    private readonly StringComparison _comparison;
    private readonly bool _cased;

    public GlobPattern(string pattern, bool cased)
    {
        _cased = cased;
        FoldsCase = !cased;
        _comparison = cased ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        var pieces = new List<Piece>();
        var items = new List<string?>(); // null stands for '?'
        var literal = new StringBuilder();
        _anchoredStart = !pattern.StartsWith('*');
        bool endsWithStar = false;
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            endsWithStar = false;
            if (c == '\\' && i + 1 < pattern.Length)
            {
                literal.Append(pattern[++i]);
            }
            else if (c == '?')
            {
                FlushLiteral();
                items.Add(null);
            }
            else if (c == '*')
            {
                FlushPiece();
                endsWithStar = true;
            }
            else
            {
                literal.Append(c);
            }
        }
        FlushPiece();
        _anchoredEnd = !endsWithStar;
        _pieces = pieces.ToArray();

        void FlushLiteral()
        {
            if (literal.Length > 0)
                items.Add(literal.ToString());
            literal.Clear();
        }

        void FlushPiece()
        {
            FlushLiteral();
            if (items.Count > 0)
                pieces.Add(new Piece(items.ToArray()));
            items.Clear();
        }
    }

    public override bool IsMatch(ReadOnlySpan<char> text)
    {
        int position = 0;
        int first = 0;
        int last = _pieces.Length - 1;
        if (_pieces.Length == 0)
            return !_anchoredStart || text.Length == 0;
        if (_anchoredStart)
        {
            int length = MatchAt(_pieces[0], text, 0);
            if (length < 0)
                return false;
            if (_pieces.Length == 1 && _anchoredEnd)
                return length == text.Length;
            position = length;
            first = 1;
        }
        int middleEnd = _anchoredEnd ? last - 1 : last;
        for (int p = first; p <= middleEnd; p++)
        {
            int found = -1, length = -1;
            for (int start = position; start <= text.Length; start++)
            {
                start = NextCandidate(_pieces[p], text, start);
                if (start < 0)
                    break;
                length = MatchAt(_pieces[p], text, start);
                if (length >= 0)
                {
                    found = start;
                    break;
                }
            }
            if (found < 0)
                return false;
            position = found + length;
        }
        if (!_anchoredEnd || last < first)
            return true;
        // The last piece must end exactly at the end of the text, at or after the current position.
        for (int start = text.Length; start >= position; start--)
        {
            if (MatchAt(_pieces[last], text, start) == text.Length - start)
                return true;
        }
        return false;
    }

    // Skips ahead to where the piece's leading literal occurs, when it has one.
    private int NextCandidate(Piece piece, ReadOnlySpan<char> text, int start)
    {
        if (piece.Items[0] is not string lead)
            return start;
        int index = text[start..].IndexOf(lead, _comparison);
        return index < 0 ? -1 : start + index;
    }

    // Returns how many characters the piece consumes at 'start', or -1 when it does not match there.
    private int MatchAt(Piece piece, ReadOnlySpan<char> text, int start)
    {
        int position = start;
        foreach (string? item in piece.Items)
        {
            if (item is null)
            {
                if (position >= text.Length)
                    return -1;
                position += char.IsHighSurrogate(text[position]) && position + 1 < text.Length && char.IsLowSurrogate(text[position + 1]) ? 2 : 1;
            }
            else
            {
                if (!text[position..].StartsWith(item, _comparison))
                    return -1;
                position += item.Length;
            }
        }
        return position - start;
    }

    private sealed class Piece(string?[] items)
    {
        public string?[] Items { get; } = items;
    }

    public override string ToString() => (_cased ? "cased " : "") + "glob";
}
