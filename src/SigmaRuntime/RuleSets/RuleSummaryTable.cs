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
    private readonly int[] _titleStarts;
    private readonly int[] _titleLengths;

    /// <summary>Builds the table from the generator's strings.</summary>
    /// <param name="ids">Every rule's id in Guid's "D" format (36 characters), one after another, as UTF-8 table text (see <see cref="TableText"/>).</param>
    /// <param name="levels">Every rule's level as one digit, the value of its <see cref="RuleLevel"/>.</param>
    /// <param name="titles">Every rule's title, one after another, as UTF-8 table text.</param>
    /// <param name="titleLengths">Each title's length.</param>
    /// <exception cref="ArgumentException">The strings do not describe the same number of rules.</exception>
    public RuleSummaryTable(ReadOnlySpan<byte> ids, string levels, ReadOnlySpan<byte> titles, int[] titleLengths)
    {
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(titleLengths);
        int count = titleLengths.Length;
        if (levels.Length != count)
            throw new ArgumentException($"{count} rules need {count} levels, not {levels.Length}", nameof(levels));
        string idText = TableText.Read(ids, nameof(ids));
        int[] idLengths = new int[count];
        Array.Fill(idLengths, IdLength);
        int[] idStarts = TableText.Starts(idText, idLengths, nameof(ids));
        if (!TableText.EndsAt(idText, idStarts[^1]))
            throw new ArgumentException($"{count} rules need {count * IdLength} characters of ids, and the text has more", nameof(ids));
        _titles = TableText.Read(titles, nameof(titles));
        _titleStarts = TableText.Starts(_titles, titleLengths, nameof(titleLengths));
        if (!TableText.EndsAt(_titles, _titleStarts[^1]))
            throw new ArgumentException("the title lengths add up to less than the titles' text", nameof(titleLengths));
        _titleLengths = titleLengths;
        _ids = new Guid[count];
        for (int r = 0; r < count; r++)
        {
            if (levels[r] < '0' || levels[r] > '0' + (int)RuleLevel.Critical)
                throw new ArgumentException($"rule {r}'s level '{levels[r]}' is not a RuleLevel", nameof(levels));
            if (!Guid.TryParseExact(idText.AsSpan(idStarts[r], IdLength), "D", out _ids[r]))
                throw new ArgumentException($"rule {r}'s id '{idText.Substring(idStarts[r], IdLength)}' is not a UUID", nameof(ids));
        }
        _levels = levels;
    }

    /// <summary>How many rules the table covers.</summary>
    public int RuleCount => _levels.Length;

    /// <summary>Rule <paramref name="rule"/>'s summary, made from the table (checked when it was built).</summary>
    internal RuleSummary Create(int rule) => new(
        rule,
        _ids[rule],
        TableText.String(_titles, _titleStarts[rule], _titleLengths[rule]),
        (RuleLevel)(_levels[rule] - '0'));
}
