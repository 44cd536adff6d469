namespace SigmaCompile.Generator.Model;

/// <summary>
/// The prefilter tables of the fused rule set (see the runtime's RuleSetIndex): fields, atoms with the rules they
/// admit, and the rules evaluated on every event. Rule indices are positions in the registry (ordered by id).
/// </summary>
internal sealed record RuleSetModel(
    string Namespace,
    int RuleCount,
    EquatableArray<string> Fields,
    EquatableArray<int> AtomFields,
    EquatableArray<byte> AtomKinds,
    EquatableArray<string> AtomNeedles,
    EquatableArray<int> AtomRuleOffsets,
    EquatableArray<int> AtomRules,
    EquatableArray<int> AlwaysRules);
