using System;
using System.ComponentModel;

namespace SigmaCompile.RuleSets;

/// <summary>
/// Every rule's id, level and title as the generator wrote them, for <see cref="RuleSummary"/>: two UTF-8 literals,
/// a string literal and an array of lengths are constant data, where reading the same from the rules would create
/// their classes. For generated code; the layout may change between versions.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class RuleSummaryTable
{
    private const int IdLength = 36; // a UUID as Guid's "D" format writes it
    // The ids as parsed when the table was checked.
    private readonly Guid[] _ids;
    private readonly string _levels;
    private readonly string _titles;
    private readonly int[] _titleOffsets;

    /// <summary>Builds the table from the generator's strings.</summary>
    /// <param name="ids">Every rule's id in Guid's "D" format (36 characters), one after another, as UTF-8 table text (see <see cref="TableText"/>).</param>
    /// <param name="levels">Every rule's level as one digit, the value of its <see cref="RuleLevel"/>.</param>
    /// <param name="titles">Every rule's title, one after another, as UTF-8 table text.</param>
    /// <param name="titleLengths">Each title's length.</param>
    /// <exception cref="ArgumentException">The strings do not describe the same number of rules.</exception>
    public RuleSummaryTable(ReadOnlySpan<byte> ids, string levels, ReadOnlySpan<byte> titles, int[] titleLengths)
        : this(TableText.Decode(ids, nameof(ids)), levels, TableText.Decode(titles, nameof(titles)), titleLengths)
    {
    }

    private RuleSummaryTable(string ids, string levels, string titles, int[] titleLengths)
    {
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(titleLengths);
        int count = titleLengths.Length;
        if (ids.Length != count * IdLength)
            throw new ArgumentException($"{count} rules need {count * IdLength} characters of ids, not {ids.Length}", nameof(ids));
        if (levels.Length != count)
            throw new ArgumentException($"{count} rules need {count} levels, not {levels.Length}", nameof(levels));
        _ids = new Guid[count];
        _titleOffsets = new int[count + 1];
        for (int r = 0; r < count; r++)
        {
            if (titleLengths[r] < 0)
                throw new ArgumentException($"rule {r}'s title length is negative", nameof(titleLengths));
            if (levels[r] < '0' || levels[r] > '0' + (int)RuleLevel.Critical)
                throw new ArgumentException($"rule {r}'s level '{levels[r]}' is not a RuleLevel", nameof(levels));
            if (!Guid.TryParseExact(ids.AsSpan(r * IdLength, IdLength), "D", out _ids[r]))
                throw new ArgumentException($"rule {r}'s id '{ids.Substring(r * IdLength, IdLength)}' is not a UUID", nameof(ids));
            _titleOffsets[r + 1] = checked(_titleOffsets[r] + titleLengths[r]);
        }
        if (_titleOffsets[count] != titles.Length)
            throw new ArgumentException($"the title lengths add up to {_titleOffsets[count]}, not the {titles.Length} characters of the titles", nameof(titleLengths));
        _levels = levels;
        _titles = titles;
    }

    /// <summary>How many rules the table covers.</summary>
    public int RuleCount => _levels.Length;

    /// <summary>Rule <paramref name="rule"/>'s summary, made from the table (checked when it was built).</summary>
    internal RuleSummary Create(int rule) => new(
        rule,
        _ids[rule],
        _titles.Substring(_titleOffsets[rule], _titleOffsets[rule + 1] - _titleOffsets[rule]),
        (RuleLevel)(_levels[rule] - '0'));
}
