namespace SigmaCompile.Generator.Model;

/// <summary>
/// The prefilter tables of the fused rule set (see the runtime's RuleSetIndex): fields, atoms with the rules they
/// admit, and the rules evaluated on every event; and, for readers of the generated file, each rule's atoms. Rule
/// indices are positions in the registry (ordered by id).
/// </summary>
/// <param name="Fields">Each field an atom reads, as its paths (several mean any of them).</param>
/// <param name="AtomRuleOffsets">Per atom, where its rules start in <paramref name="AtomRules"/> (one more entry than atoms).</param>
/// <param name="Predicates">The set's distinct value tests: see <see cref="PredicateTableModel"/>.</param>
/// <param name="Conditions">Each rule's condition over them: see <see cref="ConditionTableModel"/>.</param>
internal sealed record RuleSetModel(
    string Namespace,
    int RuleCount,
    EquatableArray<EquatableArray<string>> Fields,
    EquatableArray<PrefilterAtomModel> Atoms,
    EquatableArray<int> AtomRuleOffsets,
    EquatableArray<int> AtomRules,
    EquatableArray<int> AlwaysRules,
    EquatableArray<RulePrefilterModel> Rules,
    PredicateTableModel Predicates,
    ConditionTableModel Conditions);

/// <summary>
/// The rule set's value tests deduplicated, as data (see the runtime's PredicateTable and ConditionTablePlanner).
/// Strings are numbered in <see cref="Strings"/>; a field is a list of paths, field f's paths being
/// <c>FieldPaths[FieldOffsets[f]..FieldOffsets[f + 1]]</c>.
/// </summary>
/// <param name="ValueTests">How many value tests the rules' conditions make, before deduplication (for readers).</param>
/// <param name="PredicateFields">Per predicate, its field, or -1 for a keyword search over the event's strings.</param>
/// <param name="PatternOffsets">Per predicate, where its pattern's code starts in <paramref name="Patterns"/>.</param>
/// <param name="Scans">The predicates one scan of their field answers.</param>
internal sealed record PredicateTableModel(
    int ValueTests,
    EquatableArray<string> Strings,
    EquatableArray<int> FieldOffsets,
    EquatableArray<int> FieldPaths,
    EquatableArray<int> PredicateFields,
    EquatableArray<int> PatternOffsets,
    EquatableArray<int> Patterns,
    FieldScanModel Scans)
{
    /// <summary>How many distinct value tests the set has.</summary>
    public int PredicateCount => PredicateFields.Count;
}

/// <summary>Each rule's condition as a program over the set's predicates (see ConditionTablePlanner).</summary>
/// <param name="RuleOffsets">Per rule in registry order, where its program starts in <paramref name="Program"/>.</param>
internal sealed record ConditionTableModel(EquatableArray<int> RuleOffsets, EquatableArray<int> Program);

/// <summary>
/// The predicates one scan of their field answers (see the runtime's FieldScanTable and FieldScanPlanner).
/// </summary>
/// <param name="Groups">Each scan group's field paths.</param>
/// <param name="Needles">Every group's needles, group after group.</param>
/// <param name="GroupNeedleOffsets">Per group, where its needles start (one more entry than groups).</param>
/// <param name="PredicateGroups">Per predicate, its group or -1.</param>
/// <param name="TermOffsets">Per predicate, where its terms start (one more entry than predicates).</param>
/// <param name="Terms">Each term as its needle's number times 4 plus where it must occur (a <see cref="FieldScanTerm"/>).</param>
internal sealed record FieldScanModel(
    EquatableArray<EquatableArray<string>> Groups,
    EquatableArray<string> Needles,
    EquatableArray<int> GroupNeedleOffsets,
    EquatableArray<int> PredicateGroups,
    EquatableArray<int> TermOffsets,
    EquatableArray<int> Terms);

/// <summary>One atom: the field it reads (a position in the fields, or -1 for any string of the event), what it checks, and the value.</summary>
internal sealed record PrefilterAtomModel(int Field, PrefilterAtomKind Kind, string Needle);

/// <summary>
/// One rule of the set: its registry position, class name, id, title and level (as the rule wrote it, empty when
/// unknown; the set reports matches with these), and its atoms (positions; none: evaluated on every event).
/// </summary>
internal sealed record RulePrefilterModel(int Index, string ClassName, string Id, string Title, string Level, EquatableArray<int> Atoms);
