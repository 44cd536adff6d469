using System;
using System.Buffers;
using System.ComponentModel;
using System.Text;

namespace SigmaCompile.RuleSets;

/// <summary>
/// Every rule's id, level and title as the generator wrote them, for <see cref="RuleSummary"/>: two UTF-8 texts,
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
    private readonly TableStrings _titles;

    /// <summary>Builds the table from the generator's strings.</summary>
    /// <param name="ids">Every rule's id in Guid's "D" format (36 characters), one after another, as UTF-8 table text (see <see cref="Utf8TableText"/>).</param>
    /// <param name="levels">Every rule's level as one digit, the value of its <see cref="RuleLevel"/>.</param>
    /// <param name="titles">Every rule's title, one after another, as UTF-8 table text.</param>
    /// <param name="titleLengths">Each title's length in bytes.</param>
    /// <exception cref="ArgumentException">The strings do not describe the same number of rules.</exception>
    public RuleSummaryTable(Utf8TableText ids, string levels, Utf8TableText titles, int[] titleLengths)
    {
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(titleLengths);
        int count = titleLengths.Length;
        if (levels.Length != count)
            throw TableError.Of("{0} rules need {1} levels, not {2}", count, count, levels.Length, nameof(levels));
        int[] idLengths = new int[count];
        for (int r = 0; r < count; r++)
            idLengths[r] = IdLength; // a loop, not Array.Fill: one generic method less for the JIT when the set is built
        TableStrings idText = TableStrings.Read(ids, idLengths, whole: true, nameof(ids), nameof(ids));
        _titles = TableStrings.Read(titles, titleLengths, whole: true, nameof(titles), nameof(titleLengths));
        _ids = new Guid[count];
        Span<char> id = stackalloc char[IdLength];
        for (int r = 0; r < count; r++)
        {
            if (levels[r] < '0' || levels[r] > '0' + (int)RuleLevel.Critical)
                throw TableError.Of("rule {0}'s level '{1}' is not a RuleLevel", r, levels[r], nameof(levels));
            if (Ascii.ToUtf16(idText.Utf8(r), id, out _) != OperationStatus.Done || !Guid.TryParseExact(id, "D", out _ids[r]))
                throw TableError.Of("rule {0}'s id '{1}' is not a UUID", r, idText.String(r), nameof(ids));
        }
        _levels = levels;
    }

    /// <summary>How many rules the table covers.</summary>
    public int RuleCount => _levels.Length;

    /// <summary>Rule <paramref name="rule"/>'s summary, made from the table (checked when it was built).</summary>
    internal RuleSummary Create(int rule) => new(
        rule,
        _ids[rule],
        _titles.String(rule),
        (RuleLevel)(_levels[rule] - '0'));
}
