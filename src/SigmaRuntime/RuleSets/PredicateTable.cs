using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Threading;
using SigmaCompile.Matching;

namespace SigmaCompile.RuleSets;

/// <summary>
/// The rule set's deduplicated value tests (predicates), computed by the generator and written as data: each
/// predicate is a field (or a keyword search over the event's strings) and a pattern, the very pattern the rule's
/// own class builds. Two value tests are one predicate only when they read the same field paths with the same tests
/// (values, modifiers, case), so one result per event serves every rule that makes it (see
/// <see cref="PredicateMemo"/>); each rule's condition over them is its <see cref="ConditionTable"/> program.
/// Fields and patterns are built when a candidate first needs them, by this runtime's code rather than by code
/// generated per rule, so a large set costs the JIT nothing per predicate.
/// For generated code; the tables are an implementation detail and may change between versions.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PredicateTable
{
    private readonly TableStrings _strings;
    private readonly int[] _fieldOffsets;
    private readonly int[] _fieldPaths;
    private readonly int[] _predicateFields;
    private readonly int[] _patternOffsets;
    private readonly int[] _patterns;
    private readonly FieldPath?[] _fields;
    private readonly ValuePattern?[] _built;
    // A pattern is built by one thread while others that need it meanwhile wait: threads that start a scan together
    // meet the same predicates, and a large contains list or regex built again by each cost tens of milliseconds
    // (docs/performance.md, "Patterns built once"). Predicates share a few locks by number rather than one each.
    private readonly object[] _patternGates = BuiltOnce.Gates(PatternGates);
    private const int PatternGates = 64;
    private int _patternsBuilt;

    /// <summary>Builds the table from the generator's arrays.</summary>
    /// <param name="strings">Every string the table names, one after the other, as UTF-8 table text (see <see cref="Utf8TableText"/>).</param>
    /// <param name="stringLengths">Per string, its length in bytes in <paramref name="strings"/>.</param>
    /// <param name="fieldOffsets">Per field, where its paths start in <paramref name="fieldPaths"/> (one more entry than fields).</param>
    /// <param name="fieldPaths">Every field's paths (any of which may hold its value), as string numbers.</param>
    /// <param name="predicateFields">Per predicate, its field, or -1 for a keyword search.</param>
    /// <param name="patternOffsets">Per predicate, where its pattern's code starts in <paramref name="patterns"/>.</param>
    /// <param name="patterns">The patterns as prefix code (see <see cref="PatternCode"/>).</param>
    /// <param name="scans">The predicates one scan of their field answers (see <see cref="FieldScanTable"/>), or null.</param>
    public PredicateTable(Utf8TableText strings, int[] stringLengths, int[] fieldOffsets, int[] fieldPaths, int[] predicateFields, int[] patternOffsets, int[] patterns, FieldScanTable? scans)
    {
        ArgumentNullException.ThrowIfNull(stringLengths);
        ArgumentNullException.ThrowIfNull(fieldOffsets);
        ArgumentNullException.ThrowIfNull(fieldPaths);
        ArgumentNullException.ThrowIfNull(predicateFields);
        ArgumentNullException.ThrowIfNull(patternOffsets);
        ArgumentNullException.ThrowIfNull(patterns);
        _strings = TableStrings.Read(strings, stringLengths, whole: false, nameof(strings), nameof(stringLengths));
        TableError.CheckFieldOffsets(fieldOffsets, fieldPaths.Length);
        foreach (int path in fieldPaths)
        {
            if ((uint)path >= (uint)stringLengths.Length)
                throw TableError.Of("path {0} is not a string of the table", path, nameof(fieldPaths));
        }
        if (patternOffsets.Length != predicateFields.Length)
            throw new ArgumentException("every predicate needs a field and a pattern", nameof(patternOffsets));
        for (int p = 0; p < predicateFields.Length; p++)
        {
            if (predicateFields[p] < -1 || predicateFields[p] >= fieldOffsets.Length - 1)
                throw TableError.Of("predicate {0} names field {1}, which the table does not have", p, predicateFields[p], nameof(predicateFields));
            if ((uint)patternOffsets[p] >= (uint)patterns.Length)
                throw TableError.Of("predicate {0}'s pattern starts outside the pattern code", p, nameof(patternOffsets));
        }
        if (scans is not null && scans.PredicateGroups.Length != predicateFields.Length)
            throw TableError.Of("the scan table covers {0} predicates, not {1}", scans.PredicateGroups.Length, predicateFields.Length, nameof(scans));
        _fieldOffsets = fieldOffsets;
        _fieldPaths = fieldPaths;
        _predicateFields = predicateFields;
        _patternOffsets = patternOffsets;
        _patterns = patterns;
        _fields = new FieldPath?[fieldOffsets.Length - 1];
        _built = new ValuePattern?[predicateFields.Length];
        Scans = scans;
    }

    /// <summary>How many distinct predicates the set has.</summary>
    public int PredicateCount => _predicateFields.Length;

    /// <summary>How many fields the predicates and conditions read.</summary>
    internal int FieldCount => _fields.Length;

    /// <summary>The predicates one scan of their field answers, if the generator planned any.</summary>
    internal FieldScanTable? Scans { get; }

    /// <summary>Every path of every field the predicates and conditions read.</summary>
    internal IEnumerable<string> Paths()
    {
        foreach (int path in _fieldPaths)
            yield return String(path);
    }

    /// <summary>Predicate <paramref name="predicate"/>'s field number, or -1 for a keyword search.</summary>
    internal int PredicateFieldNumber(int predicate) => _predicateFields[predicate];

    /// <summary>Field <paramref name="field"/>, built on first use.</summary>
    internal FieldPath Field(int field) => Volatile.Read(ref _fields[field]) ?? BuildField(field);

    /// <summary>Predicate <paramref name="predicate"/>'s pattern, built on first use, once.</summary>
    internal ValuePattern Pattern(int predicate) => Volatile.Read(ref _built[predicate]) ?? BuildPattern(predicate);

    /// <summary>Sets predicate <paramref name="predicate"/>'s pattern instead of building it (for tests that count its calls).</summary>
    internal void Preset(int predicate, ValuePattern pattern) => _built[predicate] = pattern;

    private FieldPath BuildField(int field)
    {
        int start = _fieldOffsets[field];
        var paths = new string[_fieldOffsets[field + 1] - start];
        for (int i = 0; i < paths.Length; i++)
            paths[i] = String(_fieldPaths[start + i]);
        var built = new FieldPath(paths);
        Volatile.Write(ref _fields[field], built);
        return built;
    }

    private ValuePattern BuildPattern(int predicate) =>
        BuiltOnce.Get(ref _built[predicate], _patternGates[predicate & (PatternGates - 1)], (Table: this, Predicate: predicate), static s => s.Table.Decode(s.Predicate));

    /// <summary>How many patterns have been built (for tests: each once).</summary>
    internal int PatternsBuilt => Volatile.Read(ref _patternsBuilt);

    private TextPattern Decode(int predicate)
    {
        Interlocked.Increment(ref _patternsBuilt);
        int position = _patternOffsets[predicate];
        return Decode(ref position);
    }

    private string String(int number)
    {
        if ((uint)number >= (uint)_strings.Count)
            throw new InvalidOperationException($"the pattern code names string {number}, which the table does not have");
        return _strings.String(number);
    }

    // One pattern of the prefix code at position, moving position past it: the same factory call, with the same
    // arguments, that the rule's class makes.
    private TextPattern Decode(ref int position)
    {
        var code = (PatternCode)Next(ref position);
        switch (code)
        {
            case PatternCode.Equal:
                return TextPatterns.Equal(cased: Next(ref position) != 0, value: NextString(ref position));
            case PatternCode.StartsWith:
                return TextPatterns.StartsWith(cased: Next(ref position) != 0, value: NextString(ref position));
            case PatternCode.EndsWith:
                return TextPatterns.EndsWith(cased: Next(ref position) != 0, value: NextString(ref position));
            case PatternCode.Contains:
                return TextPatterns.Contains(cased: Next(ref position) != 0, value: NextString(ref position));
            case PatternCode.Glob:
                return TextPatterns.Glob(cased: Next(ref position) != 0, pattern: NextString(ref position));
            case PatternCode.EqualAny:
                return TextPatterns.EqualAny(Next(ref position) != 0, NextStrings(ref position));
            case PatternCode.StartsWithAny:
                return TextPatterns.StartsWithAny(Next(ref position) != 0, NextStrings(ref position));
            case PatternCode.EndsWithAny:
                return TextPatterns.EndsWithAny(Next(ref position) != 0, NextStrings(ref position));
            case PatternCode.ContainsAny:
                return TextPatterns.ContainsAny(Next(ref position) != 0, NextStrings(ref position));
            case PatternCode.AnyText:
                return TextPatterns.AnyText();
            case PatternCode.Regex:
            {
                var flags = (RegexFlags)Next(ref position);
                string pattern = NextString(ref position);
                int runCharacters = Next(ref position);
                int runLength = Next(ref position);
                return runCharacters < 0
                    ? TextPatterns.Regex(pattern, flags, NextStrings(ref position))
                    : TextPatterns.RegexWithRun(pattern, flags, String(runCharacters), runLength, NextStrings(ref position));
            }
            case PatternCode.Cidr:
                return TextPatterns.Cidr(NextString(ref position));
            case PatternCode.Compare:
            {
                var comparison = (NumericComparison)Next(ref position);
                return TextPatterns.Compare(comparison, double.Parse(NextString(ref position), NumberStyles.Float, CultureInfo.InvariantCulture));
            }
            case PatternCode.TimePart:
            {
                var part = (TimestampPart)Next(ref position);
                var comparison = (NumericComparison)Next(ref position);
                return TextPatterns.TimePart(part, comparison, Next(ref position));
            }
            case PatternCode.AnyOf:
            {
                var parts = new TextPattern[Next(ref position)];
                for (int i = 0; i < parts.Length; i++)
                    parts[i] = Decode(ref position);
                return TextPatterns.AnyOf(parts);
            }
            default:
                throw new InvalidOperationException($"unknown pattern code {(int)code}");
        }
    }

    /// <summary>
    /// The values of predicate <paramref name="predicate"/> when its pattern is only case-insensitive contains
    /// values (one, a list, or several such joined by any-of), read from the pattern code without building the
    /// pattern; null for any other pattern (see <see cref="KeywordAnswers"/>).
    /// </summary>
    internal List<string>? ContainedValues(int predicate)
    {
        var values = new List<string>();
        int position = _patternOffsets[predicate];
        return AddContainedValues(ref position, values) ? values : null;
    }

    /// <summary>The values of every keyword search that <see cref="ContainedValues"/> can read.</summary>
    internal IEnumerable<string> KeywordSearchValues()
    {
        for (int p = 0; p < _predicateFields.Length; p++)
        {
            if (_predicateFields[p] < 0 && ContainedValues(p) is { } values)
            {
                foreach (string value in values)
                    yield return value;
            }
        }
    }

    private bool AddContainedValues(ref int position, List<string> values)
    {
        switch ((PatternCode)Next(ref position))
        {
            case PatternCode.Contains:
                if (Next(ref position) != 0)
                    return false;
                values.Add(NextString(ref position));
                return true;
            case PatternCode.ContainsAny:
                if (Next(ref position) != 0)
                    return false;
                values.AddRange(NextStrings(ref position));
                return true;
            case PatternCode.AnyOf:
                for (int parts = Next(ref position); parts > 0; parts--)
                {
                    if (!AddContainedValues(ref position, values))
                        return false;
                }
                return true;
            default:
                return false;
        }
    }

    private int Next(ref int position)
    {
        if ((uint)position >= (uint)_patterns.Length)
            throw new InvalidOperationException("the pattern code ends in the middle of a pattern");
        return _patterns[position++];
    }

    private string NextString(ref int position) => String(Next(ref position));

    private string[] NextStrings(ref int position)
    {
        var strings = new string[Next(ref position)];
        for (int i = 0; i < strings.Length; i++)
            strings[i] = NextString(ref position);
        return strings;
    }
}
