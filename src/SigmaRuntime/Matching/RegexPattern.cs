using System;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Threading;

namespace SigmaCompile.Matching;

/// <summary>
/// A Sigma <c>re</c> value: searched anywhere in the text unless the pattern anchors itself, case-sensitive unless
/// flag <c>i</c>. Run by a <see cref="GuardedRegex"/>: the backtracking interpreter under a short timeout, then
/// <see cref="RegexOptions.NonBacktracking"/> (linear time) once a match has taken too long; a pattern that is only
/// literal pieces joined by <c>.*</c> is searched as such (<see cref="OrderedLiterals"/>). Text that contains none of the
/// pattern's necessary literals, or lacks its necessary run of characters (both computed by the generator, see
/// docs/rule-set.md), is rejected before the regex runs.
/// </summary>
/// <remarks>
/// A character is a code point, as in PCRE and Python: text with surrogates is matched by the pattern as rewritten
/// by <see cref="CodePointRegex"/>, on a copy where each surrogate pair is a tag and each lone surrogate is U+FFFD
/// (<see cref="CodePointText"/>). Text without surrogates reads the same either way and keeps the pattern as
/// written.
/// </remarks>
internal sealed class RegexPattern : TextPattern
{
    // Holds the tagged copy of any text decoded on the stack (DecodedText), which gains at most one tag per pair.
    private const int StackLength = DecodedText.StackLength * 3 / 2;

    private readonly string _pattern;
    private readonly RegexOptions _options;
    // Both built on first use: constructing a large pattern's automaton is costly (measured: see docs/performance.md), many rules
    // decide before they reach their regex (the generator has already checked its syntax), and few values have
    // surrogates. For text without surrogates:
    private GuardedRegex? _utf16;
    // For text with surrogates:
    private SurrogateTextRegex? _surrogateText;

    // The generator's necessary literals (every match contains one, ignoring case), or null when none are known.
    private readonly NeedleSearch? _literals;

    // The generator's necessary run of characters, or null when none is known.
    private readonly CharacterRun? _run;

    // The pattern searched without a regex engine, when it is literal pieces joined by .* (see OrderedLiterals).
    private readonly OrderedLiterals? _ordered;

    public RegexPattern(string pattern, RegexOptions options, string[]? requiredLiterals = null, CharacterRun? run = null)
    {
        _pattern = pattern;
        _options = RegexOptions.CultureInvariant | options;
        if (requiredLiterals is { Length: > 0 })
            _literals = new NeedleSearch(requiredLiterals, StringComparison.OrdinalIgnoreCase);
        _run = run;
        _ordered = OrderedLiterals.TryCreate(pattern, options);
    }

    /// <summary>Whether the pattern is searched as ordered literal pieces, with no regex engine (for tests).</summary>
    internal bool IsOrderedLiterals => _ordered is not null;

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
        // One vectorised search rules out most text the regex cannot match, without running or building it. The
        // gate reads the text as given: a kept literal has no surrogate, so it reads the same in the rewritten copy.
        if (_literals is not null && !_literals.IsFoundIn(text))
            return false;
        // Likewise a run (ASCII, so it too reads the same in the rewritten copy), looked for a run's length at a time.
        if (_run is not null && !_run.IsFoundIn(text))
            return false;
        // Its pieces are ASCII, which read the same in text with surrogates: no code-point reading is needed.
        if (_ordered is not null)
            return _ordered.IsMatch(text);
        // One vectorised scan; ASCII and other BMP text never pays for the code-point reading.
        if (text.IndexOfAny(CodePointText.Surrogates) < 0)
            return (Volatile.Read(ref _utf16) ?? BuildUtf16()).IsMatch(text);
        return IsMatchWithSurrogates(text);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool IsMatchWithSurrogates(ReadOnlySpan<char> text)
    {
        SurrogateTextRegex surrogateText = Volatile.Read(ref _surrogateText) ?? BuildSurrogateText();
        if (surrogateText.Partition is not SupplementaryPartition partition)
            return surrogateText.Regex.IsMatch(text);
        // The rewrite reads the text with its pairs as tags: written into a stack buffer, or one kept per thread.
        int capacity = CodePointText.MaxLength(text.Length);
        if (capacity <= StackLength)
        {
            Span<char> stack = stackalloc char[StackLength];
            return surrogateText.Regex.IsMatch(stack[..CodePointText.Write(text, partition, stack)]);
        }
        char[] rented = CharBuffers.Rent(capacity);
        try
        {
            return surrogateText.Regex.IsMatch(rented.AsSpan(0, CodePointText.Write(text, partition, rented)));
        }
        finally
        {
            CharBuffers.Return();
        }
    }

    // Two threads may both build a regex; either result is the same pattern.
    private GuardedRegex BuildUtf16()
    {
        // A class range that ends above the BMP ([a-😀]) means something else in UTF-16 even on BMP text (or is
        // invalid there), so such a pattern always runs rewritten. Only a pattern with a surrogate or \uD.. can have one.
        bool mayRangeBeyondBmp = _pattern.AsSpan().IndexOfAny(CodePointText.Surrogates) >= 0
            || _pattern.Contains("\\uD", StringComparison.OrdinalIgnoreCase);
        if (mayRangeBeyondBmp && (Volatile.Read(ref _surrogateText) ?? BuildSurrogateText()) is { AppliesToBmpText: true } rewritten)
            return PublishUtf16(rewritten.Regex);
        return PublishUtf16(Compile(_pattern, _options));
    }

    private GuardedRegex PublishUtf16(GuardedRegex regex) => Interlocked.CompareExchange(ref _utf16, regex, null) ?? regex;

    private SurrogateTextRegex BuildSurrogateText()
    {
        CodePointRewrite? rewrite = CodePointRegex.Rewrite(_pattern, (_options & RegexOptions.Singleline) != 0);
        GuardedRegex? rewritten = null;
        if (rewrite is { Changed: true })
        {
            try
            {
                rewritten = Compile(rewrite.Pattern, _options);
            }
            catch (ArgumentException)
            {
                // Never expected (tests build the rewrite of every corpus pattern), but never fatal: the pattern
                // then keeps its UTF-16 meaning.
                rewrite = null;
            }
        }
        // Unchanged, or not rewritable: the pattern as written (not BuildUtf16, which may ask for this one).
        rewritten ??= Volatile.Read(ref _utf16) ?? PublishUtf16(Compile(_pattern, _options));
        var built = new SurrogateTextRegex(rewritten, rewrite?.Partition, rewrite?.AppliesToBmpText == true);
        return Interlocked.CompareExchange(ref _surrogateText, built, null) ?? built;
    }

    /// <summary>
    /// The pattern on a <see cref="GuardedRegex"/>. A rewrite adds only non-capturing groups, alternations and
    /// classes, so it runs on the same engines as its original.
    /// </summary>
    internal static GuardedRegex Compile(string pattern, RegexOptions options) => new(pattern, options);

    /// <summary>
    /// The regex for text with surrogates, which reads the text as <see cref="CodePointText"/> writes it with
    /// <see cref="Partition"/>; a pattern that could not be rewritten has no partition and reads the text as it is.
    /// </summary>
    private sealed record SurrogateTextRegex(GuardedRegex Regex, SupplementaryPartition? Partition, bool AppliesToBmpText);
}
