using System;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using SigmaCompile.Matching;

namespace SigmaCompile.RuleSets;

/// <summary>
/// One thread's scans of the current event (see <see cref="FieldScanTable"/>): per scan group, whether it was
/// scanned for this event and whether the scan can answer, and per predicate whether the scan found one of its
/// needles where its term looks for it. A group is scanned when one of its predicates is first needed: each value of
/// the field is decoded and folded once and searched for all of the group's needles at once.
/// </summary>
/// <remarks>
/// The scan answers only when every value it met is ASCII text. There, folding to upper case is exactly the
/// matchers' case-insensitive comparison (no non-ASCII letter has an ASCII case partner once rule values are
/// normalised, see CaseFolding), so a term holds exactly when its needle was found where the term says. A value
/// with other characters leaves the group to the predicates' own patterns for this event.
/// A long value does too. The scan walks all of the field's needles (thousands, for a command line) over the
/// text one position at a time, while an event's candidates test a few dozen of its predicates, each a vectorised
/// search, and read the decoded text from DecodedTextCache: on values of 32,000 characters that was faster than the
/// scan, and on the short values of real events the scan is faster (measured: docs/performance.md, Field scans).
/// </remarks>
internal sealed class FieldScanner
{
    private const byte FoundAnywhere = 1 << (int)FieldScanTerm.Contains;
    private const byte FoundAtStart = 1 << (int)FieldScanTerm.StartsWith;
    private const byte FoundAtEnd = 1 << (int)FieldScanTerm.EndsWith;
    private const byte FoundWhole = 1 << (int)FieldScanTerm.Equal;

    // Longer values (in UTF-8 bytes) are left to the predicates' own patterns (see the remarks).
    private const int LongValue = DecodedText.StackLength;

    private readonly FieldScanTable _table;
    // Reads the group's field (from the prefilter's walk where it can).
    private readonly PredicateMemo _memo;
    // Per group: the epoch it was last scanned in, and whether that scan answers (only ASCII text met).
    private readonly int[] _groupEpochs;
    private readonly bool[] _groupAnswers;
    // Per predicate: the epoch in which a scan last found one of its needles where its term looks for it.
    private readonly int[] _predicateEpochs;
    private readonly ValueVisitor _visitor;
    private int _epoch;

    public FieldScanner(FieldScanTable table, PredicateMemo memo)
    {
        _table = table;
        _memo = memo;
        _groupEpochs = new int[table.GroupCount];
        _groupAnswers = new bool[table.GroupCount];
        _predicateEpochs = new int[table.PredicateGroups.Length];
        _visitor = new ValueVisitor(this);
    }

    /// <summary>Starts event <paramref name="epoch"/> (the memo's); stamps from earlier epochs mean nothing.</summary>
    public void NextEvent(int epoch) => _epoch = epoch;

    /// <summary>The memo's epochs start again at 1: forget every stamp.</summary>
    public void Reset()
    {
        Array.Clear(_groupEpochs);
        Array.Clear(_predicateEpochs);
    }

    /// <summary>
    /// Answers predicate <paramref name="predicate"/> (a number of the set's predicate table) from its group's scan,
    /// scanning the group first if this event has not; false when the scan cannot answer it, and the caller
    /// evaluates the predicate's own pattern. <paramref name="field"/> is the predicate's field number; every
    /// predicate of a group reads the same field.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryAnswer(int predicate, int field, JsonElement evt, out bool result)
    {
        result = false;
        int group = _table.PredicateGroups[predicate];
        if (group < 0)
            return false;
        if (_groupEpochs[group] != _epoch)
        {
            _groupEpochs[group] = _epoch;
            _groupAnswers[group] = Scan(group, field, evt);
        }
        if (!_groupAnswers[group])
            return false;
        result = _predicateEpochs[predicate] == _epoch;
        return true;
    }

    // Whether the scan answers: every value met was short ASCII text (any other value stops the walk).
    private bool Scan(int group, int field, JsonElement evt)
    {
        _visitor.Start(_table.Index(group), _table.AnchoredOnly[group]);
        return !_memo.AnyValue(field, evt, _visitor);
    }

    // Marks each predicate with a term that holds where the needle was found. Marks left by a scan that cannot
    // answer are never read: its group's predicates are answered by their patterns for the rest of the event.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Found(int needle, byte where)
    {
        int[] uses = _table.NeedleUses;
        int[] offsets = _table.NeedleUseOffsets;
        for (int u = offsets[needle]; u < offsets[needle + 1]; u++)
        {
            if ((where & (1 << (uses[u] & 3))) != 0)
                _predicateEpochs[uses[u] >> 2] = _epoch;
        }
    }

    /// <summary>
    /// Visits each value of a field as <see cref="FieldPath.AnyValue"/> reaches it: values with text are searched
    /// (as TextPattern reads them: strings unescaped, numbers and booleans as their JSON text). "Matching" stops the
    /// walk: it means a value was long or not ASCII, and the scan cannot answer.
    /// </summary>
    private sealed class ValueVisitor(FieldScanner scanner) : ValuePattern
    {
        private NeedleIndex? _index;
        private bool _anchoredOnly;

        public void Start(NeedleIndex index, bool anchoredOnly)
        {
            _index = index;
            _anchoredOnly = anchoredOnly;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        [SkipLocalsInit]
        public override bool IsMatch(JsonElement value)
        {
            JsonValueKind kind = value.ValueKind;
            if (kind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
                return false;
            ReadOnlySpan<byte> raw = JsonScalarText.RawUtf8(value);
            if (raw.Length > LongValue)
                return true;
            Span<char> stack = stackalloc char[DecodedText.StackLength];
            using var decoded = new DecodedText(raw, kind == JsonValueKind.String, stack);
            Span<char> text = decoded.Text;
            if (!Ascii.IsValid(text))
                return true;
            Ascii.ToUpperInPlace(text, out _);
            var sink = new Recorder(scanner, text.Length);
            if (_anchoredOnly)
                _index!.ScanStart(text, ref sink);
            else
                _index!.Scan(text, ref sink);
            return false;
        }
    }

    /// <summary>Records where each needle was found in a text of the given length.</summary>
    private readonly struct Recorder(FieldScanner scanner, int length) : INeedleSink
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Found(int id, int start, int end)
        {
            byte where = FoundAnywhere;
            if (start == 0)
                where |= FoundAtStart;
            if (end == length)
                where |= FoundAtEnd;
            if (start == 0 && end == length)
                where |= FoundWhole;
            scanner.Found(id, where);
        }
    }
}
