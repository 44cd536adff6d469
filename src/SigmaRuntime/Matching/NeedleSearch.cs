using System;
using System.Buffers;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using SigmaCompile.RuleSets;

namespace SigmaCompile.Matching;

/// <summary>
/// Finds whether a text contains any of many needles. In text of up to <see cref="ShortText"/> characters, nearly
/// all that a rule set meets, a few ASCII needles are searched one by one, and more in one pass of a
/// <see cref="NeedleIndex"/> (the rule set's own multi-needle search, compiled once for all of them). Longer text is
/// searched the same way until the process has met enough of it (<see cref="LongTextBudget"/>), then with
/// <see cref="SearchValues{T}"/>: its vectorised search is fast for a few dozen ASCII needles and slows down sharply
/// beyond that, or with non-ASCII needles, so ASCII needles are searched in sorted groups of at most
/// <see cref="GroupSize"/>. Needles with a non-ASCII character are searched only in texts that have one.
/// </summary>
/// <remarks>
/// Skipping non-ASCII needles on ASCII text is exact: after <see cref="CaseFolding"/> no non-ASCII character has
/// an ASCII upper case, so under ordinal or ordinal-ignore-case comparison it never equals an ASCII character.
/// Both choices made large keyword and emoji lists of SigmaHQ rules much cheaper to search (measured: see
/// docs/performance.md). A scan meets many short texts and few long ones: each kind of needle set makes
/// <see cref="SearchValues{T}"/> compile its own search code, which then runs unoptimised for most of a scan, while
/// the index's code is compiled optimised once (docs/performance.md, "Contains lists in short text").
/// The index compares ASCII letters without case by upper-casing them in a copy of the text and leaving every
/// other character as it is: ordinal-ignore-case comparison never equates a non-ASCII character with an ASCII one
/// (not even dotless i with I), so an ASCII needle matches there exactly where it matches the upper-cased copy.
/// </remarks>
internal sealed class NeedleSearch
{
    internal const int GroupSize = 24;

    // At most this many ASCII needles are searched one by one in short text; more with the index.
    internal const int FewNeedles = 4;

    // Text up to this long is searched one needle at a time (a few needles) or with the index (more); longer text
    // with SearchValues once the long-text budget is spent.
    internal const int ShortText = 4096;

    // Text up to this long is upper-cased for the index on the stack, longer in a buffer of the thread's.
    private const int StackText = DecodedText.StackLength;

    private readonly string[] _ascii;
    private readonly StringComparison _comparison;
    // More than a few ASCII needles, for short text: upper-cased when compared without case (then so is the text).
    private readonly NeedleIndex? _shortIndex;
    // The ASCII needles in groups for the vectorised search of long text: built when long text is met after the
    // budget is spent.
    private SearchValues<string>[]? _asciiGroups;
    // Long text searched before the groups are built, shared by every search of the process.
    private readonly LongTextBudget _budget;
    private readonly SearchValues<string>? _wide;
    private readonly bool _hasEmpty;

    public NeedleSearch(string[] needles, StringComparison comparison, LongTextBudget? budget = null)
    {
        _budget = budget ?? LongTextBudget.Shared;
        _hasEmpty = needles.Any(n => n.Length == 0);
        StringComparer order = comparison == StringComparison.Ordinal ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;
        // Sorting puts needles sharing a prefix in one group, which the vectorised search handles best.
        _ascii = needles.Where(n => n.Length > 0 && Ascii.IsValid(n)).Distinct().OrderBy(n => n, order).ThenBy(n => n, StringComparer.Ordinal).ToArray();
        string[] wide = needles.Where(n => !Ascii.IsValid(n)).Distinct().ToArray();
        _comparison = comparison;
        // In short text a few needles are searched one by one, more with the index; in long text one vectorised
        // pass beats a pass per needle, and is worth its building (docs/performance.md, "The scan's first pass").
        if (_ascii.Length > FewNeedles)
            _shortIndex = new NeedleIndex(Array.ConvertAll(_ascii, n => (comparison == StringComparison.Ordinal ? n : n.ToUpperInvariant(), 0)));
        _wide = wide.Length > 0 ? SearchValues.Create(wide, comparison) : null;
    }

    /// <summary>Whether <paramref name="text"/> contains one of the needles.</summary>
    public bool IsFoundIn(ReadOnlySpan<char> text)
    {
        if (_hasEmpty)
            return true;
        if (text.Length > ShortText && LongTextGroups(text.Length) is { } groups)
        {
            foreach (SearchValues<string> group in groups)
            {
                if (text.IndexOfAny(group) >= 0)
                    return true;
            }
        }
        else if (_shortIndex is not null)
        {
            if (IsInIndex(text))
                return true;
        }
        else
        {
            foreach (string needle in _ascii)
            {
                if (text.Contains(needle, _comparison))
                    return true;
            }
        }
        return _wide is not null && !Ascii.IsValid(text) && text.IndexOfAny(_wide) >= 0;
    }

    // Whether the index finds a needle in the text (long text too, until the budget is spent).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool IsInIndex(ReadOnlySpan<char> text)
    {
        var sink = new AnyNeedle();
        if (_comparison == StringComparison.Ordinal)
        {
            _shortIndex!.Scan(text, ref sink);
            return sink.Seen;
        }
        char[]? rented = text.Length > StackText ? CharBuffers.Rent(text.Length) : null;
        Span<char> upper = rented is null ? stackalloc char[StackText] : rented;
        upper = upper[..text.Length];
        // Upper-cases ASCII letters, stopping at the first non-ASCII character; the rest one by one.
        Ascii.ToUpper(text, upper, out int done);
        for (int i = done; i < text.Length; i++)
        {
            char c = text[i];
            upper[i] = (uint)(c - 'a') <= 'z' - 'a' ? (char)(c - 0x20) : c;
        }
        _shortIndex!.Scan(upper, ref sink);
        if (rented is not null)
            CharBuffers.Return();
        return sink.Seen;
    }

    private struct AnyNeedle : INeedleSink
    {
        public bool Seen;

        public void Found(int id, int start, int end) => Seen = true;
    }

    /// <summary>Whether long text is searched in the vectorised groups (the budget was spent when long text came).</summary>
    internal bool SearchesLongTextVectorised => Volatile.Read(ref _asciiGroups) is not null;

    // The vectorised groups for long text, built once the budget is spent; null until then.
    private SearchValues<string>[]? LongTextGroups(int length)
    {
        SearchValues<string>[]? groups = Volatile.Read(ref _asciiGroups);
        return groups is null && _budget.Spend(length) ? BuildGroups() : groups;
    }

    // Two threads may both build the groups; either result serves.
    private SearchValues<string>[] BuildGroups()
    {
        SearchValues<string>[] groups = Groups(_ascii, _comparison);
        return Interlocked.CompareExchange(ref _asciiGroups, groups, null) ?? groups;
    }

    private static SearchValues<string>[] Groups(string[] ascii, StringComparison comparison)
    {
        var groups = new SearchValues<string>[(ascii.Length + GroupSize - 1) / GroupSize];
        for (int g = 0; g < groups.Length; g++)
        {
            int start = g * GroupSize;
            groups[g] = SearchValues.Create(ascii.AsSpan(start, Math.Min(GroupSize, ascii.Length - start)), comparison);
        }
        return groups;
    }
}
