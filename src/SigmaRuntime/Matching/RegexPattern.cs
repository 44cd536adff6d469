using System;
using System.Text.RegularExpressions;
using System.Threading;

namespace SigmaCompile.Matching;

/// <summary>
/// A Sigma <c>re</c> value: searched anywhere in the text unless the pattern anchors itself, case-sensitive unless
/// flag <c>i</c>. Built with <see cref="RegexOptions.NonBacktracking"/> (linear time) when the pattern allows it;
/// otherwise with a match timeout, and a timed-out match counts as no match.
/// </summary>
internal sealed class RegexPattern : TextPattern
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(250);

    private readonly string _pattern;
    private readonly RegexOptions _options;
    // Built on first use: constructing a large pattern's automaton is costly (measured: see docs/performance.md),
    // and many rules decide before they reach their regex (the generator has already checked its syntax).
    private Regex? _regex;

    public RegexPattern(string pattern, RegexOptions options)
    {
        _pattern = pattern;
        _options = RegexOptions.CultureInvariant | options;
    }

    /// <summary>The .NET options for Sigma's flags.</summary>
    public static RegexOptions Options(RegexFlags flags)
    {
        if ((flags & ~(RegexFlags.IgnoreCase | RegexFlags.Multiline | RegexFlags.DotAll)) != 0)
            throw new ArgumentOutOfRangeException(nameof(flags), flags, "unknown regex flag");
        return ((flags & RegexFlags.IgnoreCase) != 0 ? RegexOptions.IgnoreCase : RegexOptions.None)
            | ((flags & RegexFlags.Multiline) != 0 ? RegexOptions.Multiline : RegexOptions.None)
            | ((flags & RegexFlags.DotAll) != 0 ? RegexOptions.Singleline : RegexOptions.None);
    }

    public override bool IsMatch(ReadOnlySpan<char> text)
    {
        Regex regex = Volatile.Read(ref _regex) ?? Build();
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    // Two threads may both build it; either result is the same pattern.
    private Regex Build()
    {
        Regex regex;
        try
        {
            regex = new Regex(_pattern, _options | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            // Backreferences, lookarounds and the like need the backtracking engine.
            regex = new Regex(_pattern, _options, Timeout);
        }
        return Interlocked.CompareExchange(ref _regex, regex, null) ?? regex;
    }
}
