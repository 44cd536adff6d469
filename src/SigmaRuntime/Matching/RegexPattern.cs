using System;
using System.Text.RegularExpressions;

namespace SigmaCompile.Matching;

/// <summary>
/// A Sigma <c>re</c> value: searched anywhere in the text unless the pattern anchors itself, case-sensitive unless
/// flag <c>i</c>. Built with <see cref="RegexOptions.NonBacktracking"/> (linear time) when the pattern allows it;
/// otherwise with a match timeout, and a timed-out match counts as no match.
/// </summary>
internal sealed class RegexPattern : TextPattern
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(250);

    private readonly Regex _regex;

    public RegexPattern(string pattern, string flags)
    {
        RegexOptions options = RegexOptions.CultureInvariant;
        foreach (char flag in flags)
        {
            options |= flag switch
            {
                'i' => RegexOptions.IgnoreCase,
                'm' => RegexOptions.Multiline,
                's' => RegexOptions.Singleline,
                _ => throw new ArgumentException($"unknown regex flag '{flag}'", nameof(flags)),
            };
        }
        try
        {
            _regex = new Regex(pattern, options | RegexOptions.NonBacktracking);
            IsLinear = true;
        }
        catch (NotSupportedException)
        {
            // Backreferences, lookarounds and the like need the backtracking engine.
            _regex = new Regex(pattern, options, Timeout);
        }
    }

    /// <summary>Whether the pattern runs on the linear-time engine.</summary>
    public bool IsLinear { get; }

    public override bool IsMatch(ReadOnlySpan<char> text)
    {
        try
        {
            return _regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
