using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace SigmaCompile.Matching;

/// <summary>
/// A regex that is only literal pieces joined by <c>.*</c>, such as <c>\+.*\+.*\+</c> ("three plus signs on one
/// line"), searched without a regex engine: it matches exactly when the pieces occur in order, without overlapping, on
/// one line (anywhere in the text with flag <c>s</c>). Each piece is taken at its first occurrence after the one
/// before, which finds them whenever any placement does.
/// </summary>
/// <remarks>
/// Such patterns are the worst case of the backtracking interpreter (each <c>.*</c> multiplies the positions it tries):
/// on a long command line one timed out and moved to the linear-time engine, whose first build costs tens of
/// milliseconds (docs/performance.md). Only pieces of ASCII characters without case are taken (digits, punctuation,
/// space; letters too when the pattern is case-sensitive), so the answer cannot depend on the engine's case
/// equivalences or on how it reads surrogates, and the necessary-literal gates before it read the text alike.
/// </remarks>
internal sealed class OrderedLiterals
{
    private const string MetaCharacters = "\\^$.|?*+()[]{}";

    private readonly string[] _pieces;
    private readonly bool _acrossLines;

    private OrderedLiterals(string[] pieces, bool acrossLines)
    {
        _pieces = pieces;
        _acrossLines = acrossLines;
    }

    /// <summary>The pieces, in order (for tests).</summary>
    internal IReadOnlyList<string> Pieces => _pieces;

    /// <summary>
    /// The search for <paramref name="pattern"/> under <paramref name="options"/>, or null when the pattern is not
    /// two or more such pieces joined by <c>.*</c>.
    /// </summary>
    public static OrderedLiterals? TryCreate(string pattern, RegexOptions options)
    {
        if ((options & ~(RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.Singleline | RegexOptions.CultureInvariant)) != 0)
            return null;
        bool ignoreCase = (options & RegexOptions.IgnoreCase) != 0;
        var pieces = new List<string>();
        var piece = new System.Text.StringBuilder();
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '.' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                // A gap: it ends a piece, and must be followed by one (not by a lazy '?' or the end; a second gap
                // finds the piece empty).
                if (piece.Length == 0 || i + 2 >= pattern.Length || pattern[i + 2] == '?')
                    return null;
                pieces.Add(piece.ToString());
                piece.Clear();
                i++;
                continue;
            }
            char literal;
            if (c == '\\')
            {
                if (i + 1 >= pattern.Length)
                    return null;
                literal = pattern[++i];
                // An escaped punctuation character is itself; an escaped letter or digit is a class or a reference.
                if (char.IsAsciiLetterOrDigit(literal))
                    return null;
            }
            else
            {
                if (MetaCharacters.Contains(c) || c == '#')
                    return null;
                literal = c;
            }
            if (literal > 0x7E || literal < 0x20 || (ignoreCase && char.IsAsciiLetter(literal)))
                return null;
            piece.Append(literal);
        }
        if (piece.Length == 0 || pieces.Count == 0)
            return null;
        pieces.Add(piece.ToString());
        return new OrderedLiterals(pieces.ToArray(), (options & RegexOptions.Singleline) != 0);
    }

    /// <summary>Whether the pieces occur in order on one line of <paramref name="text"/> (in the whole text with flag <c>s</c>).</summary>
    public bool IsMatch(ReadOnlySpan<char> text)
    {
        while (true)
        {
            int end = _acrossLines ? -1 : text.IndexOf('\n');
            if (InOrder(end < 0 ? text : text[..end]))
                return true;
            if (end < 0)
                return false;
            text = text[(end + 1)..];
        }
    }

    private bool InOrder(ReadOnlySpan<char> line)
    {
        foreach (string piece in _pieces)
        {
            int at = line.IndexOf(piece, StringComparison.Ordinal);
            if (at < 0)
                return false;
            line = line[(at + piece.Length)..];
        }
        return true;
    }
}
