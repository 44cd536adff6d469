using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SigmaCompile.Generator.Lowering;

/// <summary>
/// A Sigma string value as literal text and wildcards. Parsing applies Sigma's escaping: <c>\*</c> and <c>\?</c>
/// are literal, <c>\\</c> is one backslash, and a backslash before anything else (or at the end) is itself
/// literal, so <c>C:\Windows\</c> means exactly that.
/// </summary>
internal sealed class SigmaString
{
    /// <summary>A wildcard token: '*' (any run) or '?' (one character). Literal text is held in strings.</summary>
    internal enum Wildcard { Star, One }

    // Each part is a string (literal text) or a Wildcard.
    private readonly List<object> _parts;

    private SigmaString(List<object> parts) => _parts = Normalize(parts);

    public static SigmaString Parse(string text)
    {
        var parts = new List<object>();
        var literal = new StringBuilder();
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\\' && i + 1 < text.Length && text[i + 1] is '*' or '?' or '\\')
            {
                literal.Append(text[++i]);
            }
            else if (c is '*' or '?')
            {
                Flush();
                parts.Add(c == '*' ? Wildcard.Star : Wildcard.One);
            }
            else
            {
                literal.Append(c);
            }
        }
        Flush();
        return new SigmaString(parts);

        void Flush()
        {
            if (literal.Length > 0)
                parts.Add(literal.ToString());
            literal.Clear();
        }
    }

    public static SigmaString Literal(string text) => new(new List<object> { text });

    public bool HasWildcards => _parts.Any(p => p is Wildcard);

    /// <summary>The literal text; meaningful only without wildcards.</summary>
    public string PlainText => string.Concat(_parts.OfType<string>());

    public IReadOnlyList<object> Parts => _parts;

    public SigmaString WithStars(bool leading, bool trailing)
    {
        var parts = new List<object>(_parts);
        if (leading)
            parts.Insert(0, Wildcard.Star);
        if (trailing)
            parts.Add(Wildcard.Star);
        return new SigmaString(parts);
    }

    /// <summary>Replaces every literal occurrence of <paramref name="token"/> by each of the alternatives in turn.</summary>
    public IEnumerable<SigmaString> Substitute(string token, IReadOnlyList<SigmaString> alternatives)
    {
        var results = new List<List<object>> { new() };
        foreach (object part in _parts)
        {
            if (part is not string text || text.IndexOf(token, System.StringComparison.Ordinal) < 0)
            {
                results.ForEach(r => r.Add(part));
                continue;
            }
            string[] pieces = text.Split(new[] { token }, System.StringSplitOptions.None);
            for (int p = 0; p < pieces.Length; p++)
            {
                if (pieces[p].Length > 0)
                    results.ForEach(r => r.Add(pieces[p]));
                if (p == pieces.Length - 1)
                    break;
                results = results.SelectMany(r => alternatives.Select(a => r.Concat(a._parts).ToList())).ToList();
            }
        }
        return results.Select(r => new SigmaString(r));
    }

    /// <summary>
    /// The windash variants: each <c>-</c> or <c>/</c> that starts a switch (not after a word character, and
    /// followed by one) stands for any of - / – — ―. Returns null when there would be more than <paramref name="limit"/>.
    /// </summary>
    public IReadOnlyList<SigmaString>? WindashVariants(int limit)
    {
        const string Dashes = "-/\u2013\u2014\u2015";
        var results = new List<List<object>> { new() };
        for (int p = 0; p < _parts.Count; p++)
        {
            if (_parts[p] is not string text)
            {
                results.ForEach(r => r.Add(_parts[p]));
                continue;
            }
            var run = new StringBuilder();
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                bool previousIsWord = i > 0 ? IsWord(text[i - 1]) : p > 0 && _parts[p - 1] is string before && before.Length > 0 && IsWord(before[before.Length - 1]);
                bool nextIsWord = i + 1 < text.Length && IsWord(text[i + 1]);
                if ((c == '-' || c == '/') && !previousIsWord && nextIsWord)
                {
                    string prefix = run.ToString();
                    run.Clear();
                    if ((long)results.Count * Dashes.Length > limit)
                        return null;
                    results = results.SelectMany(r => Dashes.Select(d => new List<object>(r) { prefix + d })).ToList();
                }
                else
                {
                    run.Append(c);
                }
            }
            string rest = run.ToString();
            results.ForEach(r => r.Add(rest));
        }
        return results.Select(r => new SigmaString(r)).ToList();
    }

    private static bool IsWord(char c) => char.IsLetterOrDigit(c) || c == '_';

    /// <summary>The value in the strict glob form the runtime reads: backslash escapes '*', '?' and '\'.</summary>
    public string ToGlob()
    {
        var builder = new StringBuilder();
        foreach (object part in _parts)
        {
            if (part is Wildcard w)
            {
                builder.Append(w == Wildcard.Star ? '*' : '?');
                continue;
            }
            foreach (char c in (string)part)
            {
                if (c is '*' or '?' or '\\')
                    builder.Append('\\');
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    // Merges adjacent literals and collapses runs of stars.
    private static List<object> Normalize(List<object> parts)
    {
        var result = new List<object>();
        foreach (object part in parts)
        {
            if (part is string s)
            {
                if (s.Length == 0)
                    continue;
                if (result.Count > 0 && result[result.Count - 1] is string previous)
                {
                    result[result.Count - 1] = previous + s;
                    continue;
                }
            }
            else if (part is Wildcard.Star && result.Count > 0 && result[result.Count - 1] is Wildcard.Star)
            {
                continue;
            }
            result.Add(part);
        }
        return result;
    }
}
