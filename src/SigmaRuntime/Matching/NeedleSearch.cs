using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;

namespace SigmaCompile.Matching;

/// <summary>
/// Finds whether a text contains any of many needles, shaped around how <see cref="SearchValues{T}"/> performs:
/// its vectorised search is fast for a few dozen ASCII needles and slows down sharply beyond that, or with
/// non-ASCII needles. So ASCII needles are searched in sorted groups of at most <see cref="GroupSize"/>, and
/// needles with a non-ASCII character only in texts that have one.
/// </summary>
/// <remarks>
/// Skipping non-ASCII needles on ASCII text is exact: after <see cref="CaseFolding"/> no non-ASCII character has
/// an ASCII upper case, so under ordinal or ordinal-ignore-case comparison it never equals an ASCII character.
/// Both choices made large keyword and emoji lists of SigmaHQ rules much cheaper to search (measured: see
/// docs/performance.md).
/// </remarks>
internal sealed class NeedleSearch
{
    internal const int GroupSize = 24;

    // At most this many ASCII needles are searched one by one in short text (see the constructor).
    internal const int FewNeedles = 4;

    // Text up to this long is short: a few needles are searched in it one by one.
    internal const int ShortText = DecodedText.StackLength;

    private readonly string[] _ascii;
    private readonly StringComparison _comparison;
    // The ASCII needles in groups for the vectorised search: built at once for many needles, on first long text for a few.
    private SearchValues<string>[]? _asciiGroups;
    private readonly SearchValues<string>? _wide;
    private readonly bool _hasEmpty;

    public NeedleSearch(string[] needles, StringComparison comparison)
    {
        _hasEmpty = needles.Any(n => n.Length == 0);
        StringComparer order = comparison == StringComparison.Ordinal ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;
        // Sorting puts needles sharing a prefix in one group, which the vectorised search handles best.
        _ascii = needles.Where(n => n.Length > 0 && Ascii.IsValid(n)).Distinct().OrderBy(n => n, order).ThenBy(n => n, StringComparer.Ordinal).ToArray();
        string[] wide = needles.Where(n => !Ascii.IsValid(n)).Distinct().ToArray();
        _comparison = comparison;
        // A few needles are searched one by one in short text: building a vectorised multi-needle search costs more
        // than a scan's first events gain from it, and its code runs unoptimised for most of a scan. In long text one
        // vectorised pass beats a pass per needle (docs/performance.md, "The scan's first pass").
        if (_ascii.Length > FewNeedles)
            _asciiGroups = Groups(_ascii, comparison);
        _wide = wide.Length > 0 ? SearchValues.Create(wide, comparison) : null;
    }

    /// <summary>Whether <paramref name="text"/> contains one of the needles.</summary>
    public bool IsFoundIn(ReadOnlySpan<char> text)
    {
        if (_hasEmpty)
            return true;
        SearchValues<string>[]? groups = Volatile.Read(ref _asciiGroups);
        if (groups is null && text.Length <= ShortText)
        {
            foreach (string needle in _ascii)
            {
                if (text.Contains(needle, _comparison))
                    return true;
            }
        }
        else
        {
            foreach (SearchValues<string> group in groups ?? BuildGroups())
            {
                if (text.IndexOfAny(group) >= 0)
                    return true;
            }
        }
        return _wide is not null && !Ascii.IsValid(text) && text.IndexOfAny(_wide) >= 0;
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
