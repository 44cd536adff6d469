using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;

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

    // At most this many ASCII needles are searched one by one (see the constructor).
    internal const int FewNeedles = 4;

    private readonly SearchValues<string>[] _asciiGroups;
    private readonly string[] _few;
    private readonly StringComparison _comparison;
    private readonly SearchValues<string>? _wide;
    private readonly bool _hasEmpty;

    public NeedleSearch(string[] needles, StringComparison comparison)
    {
        _hasEmpty = needles.Any(n => n.Length == 0);
        StringComparer order = comparison == StringComparison.Ordinal ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;
        // Sorting puts needles sharing a prefix in one group, which the vectorised search handles best.
        string[] ascii = needles.Where(n => n.Length > 0 && Ascii.IsValid(n)).Distinct().OrderBy(n => n, order).ThenBy(n => n, StringComparer.Ordinal).ToArray();
        string[] wide = needles.Where(n => !Ascii.IsValid(n)).Distinct().ToArray();
        _comparison = comparison;
        // A few needles are searched one by one: building a vectorised multi-needle search costs more than a scan's
        // first events gain from it, and its code runs unoptimised for most of a scan (docs/performance.md).
        _few = ascii.Length <= FewNeedles ? ascii : [];
        var groups = new List<SearchValues<string>>();
        for (int start = 0; _few.Length == 0 && start < ascii.Length; start += GroupSize)
            groups.Add(SearchValues.Create(ascii.AsSpan(start, Math.Min(GroupSize, ascii.Length - start)), comparison));
        _asciiGroups = groups.ToArray();
        _wide = wide.Length > 0 ? SearchValues.Create(wide, comparison) : null;
    }

    /// <summary>Whether <paramref name="text"/> contains one of the needles.</summary>
    public bool IsFoundIn(ReadOnlySpan<char> text)
    {
        if (_hasEmpty)
            return true;
        foreach (string needle in _few)
        {
            if (text.Contains(needle, _comparison))
                return true;
        }
        foreach (SearchValues<string> group in _asciiGroups)
        {
            if (text.IndexOfAny(group) >= 0)
                return true;
        }
        return _wide is not null && !Ascii.IsValid(text) && text.IndexOfAny(_wide) >= 0;
    }
}
