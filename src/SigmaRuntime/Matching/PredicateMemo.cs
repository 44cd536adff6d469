using System;
using System.Runtime.CompilerServices;
using System.Text.Json;
using SigmaCompile.RuleSets;

namespace SigmaCompile.Matching;

/// <summary>
/// The results of a rule set's predicates on the current event, so that a predicate many candidate rules share
/// (the same field tested by the same values, as <c>Image|endswith: '\powershell.exe'</c> is in hundreds of
/// SigmaHQ rules) is evaluated once per event. A result is kept with the event it belongs to (an epoch stamp), so
/// starting the next event costs nothing. Text tests that one scan of their field answers are answered from that
/// scan (see <see cref="FieldScanTable"/>; keyword searches are not). One instance serves one thread (a rule set
/// keeps one per thread).
/// </summary>
internal sealed class PredicateMemo
{
    // A stamp holds the event's epoch shifted left and the result in its low bit; 0 means never evaluated.
    private const int EpochLimit = int.MaxValue >> 1;

    private readonly int[] _stamps;
    private readonly FieldScanner? _scanner;
    private int _epoch;

    internal PredicateMemo(PredicateTable table)
    {
        Table = table;
        _stamps = new int[table.PredicateCount];
        if (table.Scans is not null)
            _scanner = new FieldScanner(table.Scans);
    }

    /// <summary>The predicates whose results this memo keeps.</summary>
    internal PredicateTable Table { get; }

    /// <summary>Starts a new event: every remembered result is forgotten.</summary>
    internal void NextEvent()
    {
        if (++_epoch > EpochLimit)
        {
            Array.Clear(_stamps);
            _scanner?.Reset();
            _epoch = 1;
        }
        _scanner?.NextEvent(_epoch);
    }

    /// <summary>Whether predicate <paramref name="predicate"/> holds on <paramref name="evt"/>, remembered for the event.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal bool Holds(int predicate, JsonElement evt)
    {
        ref int stamp = ref _stamps[predicate];
        if (stamp >> 1 == _epoch)
            return (stamp & 1) != 0;
        bool result = Evaluate(predicate, evt);
        stamp = (_epoch << 1) | (result ? 1 : 0);
        return result;
    }

    private bool Evaluate(int predicate, JsonElement evt)
    {
        FieldPath? field = Table.PredicateField(predicate);
        if (field is null)
            return Keywords.AnyString(evt, (TextPattern)Table.Pattern(predicate));
        if (_scanner is not null && _scanner.TryAnswer(predicate, field, evt, out bool result))
            return result;
        return field.AnyValue(evt, Table.Pattern(predicate));
    }
}
