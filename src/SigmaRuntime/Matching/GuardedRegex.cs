using System;
using System.Text.RegularExpressions;
using System.Threading;

namespace SigmaCompile.Matching;

/// <summary>
/// A regex that first runs on .NET's backtracking interpreter, cheap to build, under a short timeout; at its first
/// timeout, or once it is hot (<see cref="HotRuns"/> runs), it moves for good to the linear-time engine
/// (<see cref="RegexOptions.NonBacktracking"/>), which answers a timed-out text again. Whether a pattern matches a
/// text does not depend on the engine, so the answer is the same either way: the timeout only bounds the time a
/// pathological pattern can cost (once) before it moves to the engine that cannot backtrack. A pattern the
/// linear-time engine does not support (backreferences, lookarounds) stays on the interpreter with a longer timeout,
/// and a match that runs out of it counts as no match.
/// </summary>
/// <remarks>
/// Why not the linear-time engine from the start: it builds its automaton symbolically, which on the SigmaHQ corpus
/// made building the regexes a scan reaches, and their first matches, about a fifth of SigmaScan's CPU time, most of
/// it for patterns that run a few times (docs/performance.md, Regexes built when hot).
/// </remarks>
internal sealed class GuardedRegex
{
    // Ordinary text takes microseconds; a timeout this short moves only pathological cases to the linear engine.
    private static readonly TimeSpan FirstTry = TimeSpan.FromMilliseconds(10);
    // For patterns only the interpreter runs: as long as a match may take before it counts as none.
    internal static readonly TimeSpan Limit = TimeSpan.FromMilliseconds(250);

    private readonly string _pattern;
    private readonly RegexOptions _options;
    private Regex _regex;
    // Set once _regex is final: the linear-time engine, or the interpreter with the long timeout.
    private volatile bool _final;
    // Runs on the interpreter so far (threads may race on it: it only decides when to move).
    private int _runs;
    // Set by the thread that moves a hot pattern (1), so that only one builds its automaton.
    private int _moving;
    private int _builds;
    // After this many runs a pattern is hot: building its automaton now pays for itself in faster matches. At 1,000,
    // a corpus scan of 23,672 events moved several patterns and paid the linear engine's first compilation in its
    // middle; 3,000 to 30,000 measured alike, and better (docs/performance.md, "The scan's first pass").
    internal const int HotRuns = 10_000;

    public GuardedRegex(string pattern, RegexOptions options)
    {
        _pattern = pattern;
        _options = options;
        _regex = new Regex(pattern, options, FirstTry);
    }

    /// <summary>How many times the final engine was built (for tests).</summary>
    internal int Builds => _builds;

    /// <summary>Whether the final engine is the linear-time one (for tests).</summary>
    internal bool IsLinear => _final && (Volatile.Read(ref _regex).Options & RegexOptions.NonBacktracking) != 0;

    public bool IsMatch(ReadOnlySpan<char> text)
    {
        // One thread moves a hot pattern; the others go on with the interpreter meanwhile rather than build it too.
        if (!_final && ++_runs > HotRuns && Interlocked.Exchange(ref _moving, 1) == 0)
            Settle();
        Regex regex = Volatile.Read(ref _regex);
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            if (regex.MatchTimeout != FirstTry)
                return false; // the final interpreter's long timeout: no match, as documented
        }
        // Moved at the first timeout, even one a busy machine caused (a thread waiting to run): once moved, such waits
        // can no longer cost a timeout each, nor throw (docs/performance.md, "Regexes under load"). Another thread may
        // have moved the pattern while this one tried: then its engine answers.
        Regex settled = _final ? Volatile.Read(ref _regex) : Settle();
        try
        {
            return settled.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    // The engine from the first timeout on. Two threads that time out at once may both build it; either result is the
    // same pattern.
    private Regex Settle()
    {
        Interlocked.Increment(ref _builds);
        Regex settled;
        try
        {
            settled = new Regex(_pattern, _options | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            settled = new Regex(_pattern, _options, Limit);
        }
        Volatile.Write(ref _regex, settled);
        _final = true;
        return settled;
    }
}
