using System;
using System.Buffers;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace SigmaCompile.Matching;

/// <summary>
/// Factories for the text patterns generated rules use. Matching is case-insensitive (Unicode simple case
/// mapping, as <see cref="StringComparison.OrdinalIgnoreCase"/>) unless <c>cased</c> is true.
/// </summary>
public static class TextPatterns
{
    /// <summary>The whole text equals <paramref name="value"/>.</summary>
    public static TextPattern Equal(string value, bool cased = false) => new EqualPattern(Fold(value, cased), cased);

    /// <summary>The text starts with <paramref name="value"/>.</summary>
    public static TextPattern StartsWith(string value, bool cased = false) => new StartsWithPattern(Fold(value, cased), cased);

    /// <summary>The text ends with <paramref name="value"/>.</summary>
    public static TextPattern EndsWith(string value, bool cased = false) => new EndsWithPattern(Fold(value, cased), cased);

    /// <summary>The text contains <paramref name="value"/>.</summary>
    public static TextPattern Contains(string value, bool cased = false) => new ContainsPattern(Fold(value, cased), cased);

    /// <summary>Any text at all, the empty text included (the Sigma value <c>*</c>).</summary>
    public static TextPattern AnyText() => AnyTextPattern.Instance;

    /// <summary>
    /// A wildcard pattern in the strict form the generator writes: <c>*</c> is any run of characters, <c>?</c> one
    /// character, and a backslash makes the character after it literal.
    /// </summary>
    public static TextPattern Glob(string pattern, bool cased = false) => new GlobPattern(Fold(pattern, cased), cased);

    /// <summary>The whole text equals one of <paramref name="values"/> (one hash lookup).</summary>
    public static TextPattern EqualAny(bool cased, params string[] values) => new EqualAnyPattern(CaseFolding.Normalize(values, cased), cased);

    /// <summary>The text contains one of <paramref name="values"/> (one multi-string search).</summary>
    public static TextPattern ContainsAny(bool cased, params string[] values) => new ContainsAnyPattern(CaseFolding.Normalize(values, cased), cased);

    /// <summary>The text starts with one of <paramref name="values"/>.</summary>
    public static TextPattern StartsWithAny(bool cased, params string[] values) => new StartsWithAnyPattern(CaseFolding.Normalize(values, cased), cased);

    /// <summary>The text ends with one of <paramref name="values"/>.</summary>
    public static TextPattern EndsWithAny(bool cased, params string[] values) => new EndsWithAnyPattern(CaseFolding.Normalize(values, cased), cased);

    /// <summary>The text satisfies one of <paramref name="patterns"/>.</summary>
    public static TextPattern AnyOf(params TextPattern[] patterns) => new AnyOfPattern(patterns);

    /// <summary>A .NET regular expression searched anywhere in the text; <paramref name="flags"/> holds i, m and s.</summary>
    public static TextPattern Regex(string pattern, string flags = "") => new RegexPattern(pattern, flags);

    /// <summary>The text is an IPv4 or IPv6 address inside <paramref name="network"/> (CIDR notation).</summary>
    public static TextPattern Cidr(string network) => new CidrPattern(network);

    /// <summary>The text is a number and compares with <paramref name="bound"/> by lt, lte, gt or gte.</summary>
    public static TextPattern Compare(string operation, double bound) => new ComparePattern(operation, bound);

    /// <summary>
    /// The text is an ISO-8601 timestamp whose part (minute, hour, day, week, month, year; in UTC) equals
    /// <paramref name="value"/>, or compares with it when <paramref name="option"/> is "part:op".
    /// </summary>
    public static TextPattern TimePart(string option, int value) => new TimePartPattern(option, value);

    private static StringComparison Comparison(bool cased) => cased ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    private static string Fold(string value, bool cased) => cased ? value : CaseFolding.Normalize(value);

    /// <summary>A pattern compared ordinally, or case-insensitively on case-folded text.</summary>
    private abstract class CasedPattern : TextPattern
    {
        protected CasedPattern(bool cased)
        {
            FoldsCase = !cased;
            Comparison = TextPatterns.Comparison(cased);
        }

        protected StringComparison Comparison { get; }
    }

    private sealed class EqualPattern(string value, bool cased) : CasedPattern(cased)
    {
        public override bool IsMatch(ReadOnlySpan<char> text) => text.Equals(value, Comparison);
    }

    private sealed class StartsWithPattern(string value, bool cased) : CasedPattern(cased)
    {
        public override bool IsMatch(ReadOnlySpan<char> text) => text.StartsWith(value, Comparison);
    }

    private sealed class EndsWithPattern(string value, bool cased) : CasedPattern(cased)
    {
        public override bool IsMatch(ReadOnlySpan<char> text) => text.EndsWith(value, Comparison);
    }

    private sealed class ContainsPattern(string value, bool cased) : CasedPattern(cased)
    {
        public override bool IsMatch(ReadOnlySpan<char> text) => text.Contains(value, Comparison);
    }

    private sealed class AnyTextPattern : TextPattern
    {
        public static AnyTextPattern Instance { get; } = new();

        public override bool IsMatch(ReadOnlySpan<char> text) => true;
    }

    private sealed class EqualAnyPattern : CasedPattern
    {
        private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
        // A case-insensitive FrozenSet may hash a slice of each string; a slice that cuts a surrogate pair
        // (a supplementary-plane letter such as U+10428) hashes the two cases differently and misses. Such
        // sets use a HashSet, which hashes whole strings.
        private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _wholeLookup;
        private readonly bool _whole;

        public EqualAnyPattern(string[] values, bool cased)
            : base(cased)
        {
            StringComparer comparer = cased ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;
            _whole = !cased && values.Any(v => v.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0);
            if (_whole)
                _wholeLookup = new HashSet<string>(values, comparer).GetAlternateLookup<ReadOnlySpan<char>>();
            else
                _lookup = values.ToFrozenSet(comparer).GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public override bool IsMatch(ReadOnlySpan<char> text) => _whole ? _wholeLookup.Contains(text) : _lookup.Contains(text);
    }

    private sealed class ContainsAnyPattern(string[] values, bool cased) : CasedPattern(cased)
    {
        private readonly SearchValues<string> _needles = SearchValues.Create(values, TextPatterns.Comparison(cased));
        private readonly bool _hasEmpty = values.Any(v => v.Length == 0);

        public override bool IsMatch(ReadOnlySpan<char> text) => _hasEmpty || text.IndexOfAny(_needles) >= 0;
    }

    private sealed class StartsWithAnyPattern(string[] values, bool cased) : CasedPattern(cased)
    {
        public override bool IsMatch(ReadOnlySpan<char> text)
        {
            foreach (string value in values)
            {
                if (text.StartsWith(value, Comparison))
                    return true;
            }
            return false;
        }
    }

    private sealed class EndsWithAnyPattern(string[] values, bool cased) : CasedPattern(cased)
    {
        public override bool IsMatch(ReadOnlySpan<char> text)
        {
            foreach (string value in values)
            {
                if (text.EndsWith(value, Comparison))
                    return true;
            }
            return false;
        }
    }

    private sealed class AnyOfPattern : TextPattern
    {
        private readonly TextPattern[] patterns;

        // The generator only combines patterns of one predicate, which share their case sensitivity.
        public AnyOfPattern(TextPattern[] patterns)
        {
            this.patterns = patterns;
            FoldsCase = Array.Exists(patterns, p => p.FoldsCase);
        }

        public override bool IsMatch(ReadOnlySpan<char> text)
        {
            foreach (TextPattern pattern in patterns)
            {
                if (pattern.IsMatch(text))
                    return true;
            }
            return false;
        }
    }
}
