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
/// scan (see <see cref="FieldScanTable"/>), and keyword searches from the prefilter's keyword pass where it can
/// tell (see <see cref="KeywordAnswers"/>). A field is read where the prefilter's walk
/// over the event found it (see <see cref="CandidateSet.Find"/>), not looked up in the event again, wherever the walk
/// can tell its value. One instance serves one thread (a rule set keeps one per thread).
/// </summary>
internal sealed class PredicateMemo
{
    // A stamp holds the event's epoch shifted left and the result in its low bit; 0 means never evaluated.
    private const int EpochLimit = int.MaxValue >> 1;

    private readonly int[] _stamps;
    private readonly FieldScanner? _scanner;
    // The prefilter's walk of the current event, and per field of the table the trie nodes each of its paths
    // passes there, found when the field is first read.
    private readonly CandidateSet? _walk;
    // Keyword searches the walk's keyword pass answers (null without a walk).
    private readonly KeywordAnswers? _keywords;
    private readonly PathRoute[]?[] _routes;
    private int _epoch;

    /// <param name="table">The set's predicates.</param>
    /// <param name="walk">
    /// The set's per-event prefilter state, whose walk over each event runs before its predicates are asked: fields
    /// it reached are read from it instead of being looked up again. Null: every field is looked up.
    /// </param>
    /// <param name="keywords">
    /// The keyword searches the walk's keyword pass answers, for the walk's index (shared by a set's threads); made
    /// here when null and there is a walk.
    /// </param>
    internal PredicateMemo(PredicateTable table, CandidateSet? walk = null, KeywordAnswers? keywords = null)
    {
        Table = table;
        _stamps = new int[table.PredicateCount];
        _walk = walk;
        _keywords = walk is null ? null : keywords ?? new KeywordAnswers(table, walk.Index);
        _routes = new PathRoute[]?[table.FieldCount];
        if (table.Scans is not null)
            _scanner = new FieldScanner(table.Scans, this);
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
        int field = Table.PredicateFieldNumber(predicate);
        if (field < 0)
        {
            if (_keywords is not null && _keywords.TryAnswer(predicate, _walk!, out bool answer))
                return answer;
            return Keywords.AnyString(evt, (TextPattern)Table.Pattern(predicate));
        }
        if (_scanner is not null && _scanner.TryAnswer(predicate, field, evt, out bool result))
            return result;
        return AnyValue(field, evt, Table.Pattern(predicate));
    }

    /// <summary>Whether some value of field <paramref name="field"/> (a number of the table) satisfies the pattern, as <see cref="FieldPath.AnyValue"/> answers.</summary>
    internal bool AnyValue(int field, JsonElement evt, ValuePattern pattern) => Reaches(field, evt, pattern);

    /// <summary>Whether field <paramref name="field"/> is in the event, as <see cref="FieldPath.Exists"/> answers.</summary>
    internal bool Exists(int field, JsonElement evt) => Reaches(field, evt, null);

    // Whether some path of the field reaches a value that satisfies the pattern (with none: any value), read from the
    // walk where it can tell and looked up where it cannot, as FieldPath's paths are visited.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Reaches(int field, JsonElement evt, ValuePattern? pattern)
    {
        PathRoute[]? routes = Routes(field);
        if (routes is null)
            return pattern is null ? Table.Field(field).Exists(evt) : Table.Field(field).AnyValue(evt, pattern);
        for (int path = 0; path < routes.Length; path++)
        {
            bool holds = _walk!.Find(routes[path], out JsonElement value) switch
            {
                FieldReach.One => pattern is null || FieldPath.AnyLeaf(value, pattern, routes[path].Nodes!.Length),
                FieldReach.Several => Table.Field(field).PathHolds(path, evt, pattern),
                _ => false,
            };
            if (holds)
                return true;
        }
        return false;
    }

    /// <summary>Whether field <paramref name="field"/> is missing or null, as <see cref="FieldPath.IsNullOrMissing"/> answers.</summary>
    internal bool IsNullOrMissing(int field, JsonElement evt) => !Exists(field, evt) || AnyValue(field, evt, NullPattern.Instance);

    // Per path of the field, its trie nodes (see RuleSetIndex.Route); null when there is no walk to read.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private PathRoute[]? Routes(int field)
    {
        if (_walk is null)
            return null;
        return _routes[field] ??= RoutesOf(Table.Field(field));
    }

    private PathRoute[] RoutesOf(FieldPath field)
    {
        var routes = new PathRoute[field.PathCount];
        for (int path = 0; path < routes.Length; path++)
            routes[path] = _walk!.Index.Route(field.PathText(path));
        return routes;
    }
}
