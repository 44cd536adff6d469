using System.Collections.Generic;
using System.Linq;
using SigmaCompile.Generator.Model;
using SigmaCompile.Generator.Lowering;

namespace SigmaCompile.Generator.Planning;

/// <summary>
/// Reduces a rule to a necessary condition for the rule-set prefilter: a set of atoms at least one of which holds
/// whenever the rule matches. Under <c>and</c> the cheapest operand's atoms suffice; under <c>or</c> every operand
/// must contribute. A regex contributes a contains atom for each of its necessary literals (see RegexLiterals), or
/// else its field's presence, as CIDR ranges, numeric and time tests do; <c>not</c>,
/// nulls, existence, field references and keyword regexes contribute nothing (a rule left without atoms is
/// evaluated on every event, which is always correct). Atoms may over-approximate (startswith and endswith become
/// contains, a wildcard value its longest literal run) but never under-approximate. Among the operands of <c>and</c>, the
/// one whose atoms are least likely to fire is chosen, by a rough model: a needle fires with the probability
/// <see cref="NeedleOdds"/> gives (0.6^n for n characters, less with punctuation seldom seen); an equal value with
/// 1/d, where d is how many distinct values the whole rule set compares that field with (so the event id, compared with hundreds of values, discriminates better than the channel);
/// presence with 0.5; conditions a pipeline adds at least 0.45, since every event of their kind carries them, and the
/// rule's own atoms read fields that mostly only those events have (so a union of a few short literals, odds of 0.3 or
/// 0.4 by the model, still fires on fewer events than its logsource's conditions); a union fires when one of its parts
/// does, 1 - (1 - p1)(1 - p2)..., its parts taken as independent (a sum counted a long list of rare literals as likelier
/// than its logsource's conditions: docs/performance.md, "Unions of rare literals").
/// </summary>
internal static class RuleSetPlanner
{
    /// <summary>An atom: a field (its paths; none for any string of the event), what it checks, a value.</summary>
    public sealed record Atom(EquatableArray<string> Paths, PrefilterAtomKind Kind, string Needle);

    /// <param name="Cost">The estimated probability that some atom fires on an event.</param>
    private sealed record Requirement(List<Atom> Atoms, double Cost);

    // A field's presence, and the least a pipeline's conditions count: just below presence, so a rule's own literals
    // outrank its logsource's conditions and its field's presence does not.
    private const double PresenceOdds = 0.5;
    private const double PipelineOdds = 0.45;

    /// <summary>The rule's atoms, or null when the rule must be evaluated on every event.</summary>
    /// <param name="distinctValues">Per field, how many distinct values the rule set compares it with for equality.</param>
    public static IReadOnlyList<Atom>? Atoms(RuleModel rule, IReadOnlyDictionary<EquatableArray<string>, int> distinctValues)
    {
        var searches = rule.Searches.ToDictionary(s => s.Name);
        return new Reducer(searches, distinctValues).Of(rule.Condition)?.Atoms.Distinct().ToList();
    }

    private sealed class Reducer(Dictionary<string, SearchModel> searches, IReadOnlyDictionary<EquatableArray<string>, int> distinctValues)
    {
        public Requirement? Of(ConditionNode node)
        {
            switch (node)
            {
                case IdentifierNode id:
                    return searches.TryGetValue(id.Name, out SearchModel? search) ? Of(search) : null;
                case AndNode and:
                    return Cheapest(and.Operands.Select(Of));
                case OrNode or:
                    return Union(or.Operands.Select(Of));
                default:
                    return null; // not: no necessary positive atom
            }
        }

        private Requirement? Of(SearchModel search)
        {
            Requirement? result = Union(search.Alternatives.Select(a => Cheapest(a.Predicates.Select(Of))));
            // Conditions a pipeline adds (channel, event id) are shared by many rules: prefer the rule's own, unless it
            // has only a field's presence (docs/performance.md, "Pipeline conditions as a last resort").
            return result is not null && search.AddedByPipeline
                ? result with { Cost = System.Math.Max(result.Cost, PipelineOdds) }
                : result;
        }

        private Requirement? Of(PredicateModel predicate)
        {
            if (predicate.Negate || predicate.Tests.IsEmpty)
                return null;
            EquatableArray<string> field = predicate.Paths;
            List<Requirement?> tests = predicate.Tests.Select(t => RuleSetPlanner.Of(field, t, distinctValues)).ToList();
            // With 'all' every test is necessary, so one suffices; otherwise every test must give an atom.
            return predicate.MatchAll ? Cheapest(tests) : Union(tests);
        }
    }

    // A field with no paths is a keyword: any string of the event.
    private static Requirement? Of(EquatableArray<string> field, TestModel test, IReadOnlyDictionary<EquatableArray<string>, int> distinctValues)
    {
        string needle;
        PrefilterAtomKind kind = PrefilterAtomKind.Contains;
        bool keyword = field.IsEmpty;
        switch (test.Kind)
        {
            case TestKind.Equal:
                needle = test.Value;
                kind = keyword ? PrefilterAtomKind.Contains : PrefilterAtomKind.Equal;
                break;
            case TestKind.StartsWith or TestKind.EndsWith or TestKind.Contains:
                needle = test.Value;
                break;
            case TestKind.Glob:
                needle = GlobLiterals.Longest(test.Value);
                break;
            case TestKind.Regex when !keyword && !test.RegexLiterals.IsEmpty:
                // Every match contains one of the regex's necessary literals: a contains atom each.
                return Union(test.RegexLiterals.Select(l => ContainsAtom(field, l)));
            case TestKind.AnyText or TestKind.Regex or TestKind.Cidr or TestKind.Compare or TestKind.TimePart when !keyword:
                // These hold only for a value with text (a string, number or boolean), so the field must have one.
                return Presence(field);
            default:
                return null;
        }
        if (needle.Length == 0)
            return keyword ? null : Presence(field);
        if (kind == PrefilterAtomKind.Contains)
            return ContainsAtom(field, needle);
        double cost = 1.0 / System.Math.Max(2, distinctValues.TryGetValue(field, out int distinct) ? distinct : 2);
        return new Requirement(new List<Atom> { new(field, kind, needle) }, cost);
    }

    private static Requirement Presence(EquatableArray<string> field) =>
        new(new List<Atom> { new(field, PrefilterAtomKind.Present, "") }, PresenceOdds);

    // A contains atom costs less the longer its needle: a long needle occurs seldom.
    private static Requirement ContainsAtom(EquatableArray<string> field, string needle) =>
        new(new List<Atom> { new(field, PrefilterAtomKind.Contains, needle) }, NeedleOdds.Of(needle));

    private static Requirement? Cheapest(IEnumerable<Requirement?> options) =>
        options.Where(o => o is not null).OrderBy(o => o!.Cost).FirstOrDefault();

    private static Requirement? Union(IEnumerable<Requirement?> parts)
    {
        var atoms = new List<Atom>();
        double none = 1;
        foreach (Requirement? part in parts)
        {
            if (part is null)
                return null;
            atoms.AddRange(part.Atoms);
            none *= 1 - part.Cost;
        }
        return atoms.Count == 0 ? null : new Requirement(atoms, 1 - none);
    }

    private static IReadOnlyDictionary<EquatableArray<string>, int> DistinctEqualValues(IReadOnlyList<RuleModel> rules)
    {
        var values = new Dictionary<EquatableArray<string>, HashSet<string>>();
        foreach (PredicateModel predicate in rules.SelectMany(r => r.Searches).SelectMany(s => s.Alternatives).SelectMany(a => a.Predicates))
        {
            EquatableArray<string> field = predicate.Paths;
            if (field.IsEmpty)
                continue;
            foreach (TestModel test in predicate.Tests.Where(t => t.Kind == TestKind.Equal))
            {
                if (!values.TryGetValue(field, out HashSet<string>? set))
                    values[field] = set = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
                set.Add(test.Value);
            }
        }
        return values.ToDictionary(v => v.Key, v => v.Value.Count);
    }

    /// <summary>The prefilter tables for all rules, indexed in registry order, with each rule's atoms for readers.</summary>
    public static RuleSetModel Plan(IReadOnlyList<RuleModel> rules, RegistryModel registry)
    {
        var position = new Dictionary<(string, string), int>();
        for (int i = 0; i < registry.Rules.Count; i++)
            position[(registry.Rules[i].Id, registry.Rules[i].SourcePath)] = i;

        var atomIndex = new Dictionary<Atom, int>();
        var atomList = new List<Atom>();
        var atomRules = new List<List<int>>();
        var ruleAtoms = new List<int>?[registry.Rules.Count];
        IReadOnlyDictionary<EquatableArray<string>, int> distinctValues = DistinctEqualValues(rules);
        foreach (RuleModel rule in rules)
        {
            if (!position.TryGetValue((rule.Metadata.Id, rule.SourcePath), out int index))
                continue; // a duplicate id, not compiled
            IReadOnlyList<Atom>? necessary = Atoms(rule, distinctValues);
            if (necessary is null)
                continue; // evaluated on every event
            ruleAtoms[index] = new List<int>();
            foreach (Atom atom in necessary)
            {
                if (!atomIndex.TryGetValue(atom, out int a))
                {
                    atomIndex[atom] = a = atomList.Count;
                    atomList.Add(atom);
                    atomRules.Add(new List<int>());
                }
                atomRules[a].Add(index);
                ruleAtoms[index]!.Add(a);
            }
        }

        // Order atoms deterministically (by field, kind, needle) whatever the order rules arrived in.
        var order = Enumerable.Range(0, atomList.Count)
            .OrderBy(a => string.Join("\n", atomList[a].Paths), System.StringComparer.Ordinal)
            .ThenBy(a => atomList[a].Kind)
            .ThenBy(a => atomList[a].Needle, System.StringComparer.Ordinal)
            .ToList();
        var orderedPosition = new int[atomList.Count];
        var fields = new List<EquatableArray<string>>();
        var fieldIndex = new Dictionary<EquatableArray<string>, int>();
        var atoms = new List<PrefilterAtomModel>();
        var offsets = new List<int> { 0 };
        var flatRules = new List<int>();
        foreach (int a in order)
        {
            Atom atom = atomList[a];
            int f = -1;
            if (!atom.Paths.IsEmpty && !fieldIndex.TryGetValue(atom.Paths, out f))
            {
                fieldIndex[atom.Paths] = f = fields.Count;
                fields.Add(atom.Paths);
            }
            orderedPosition[a] = atoms.Count;
            atoms.Add(new PrefilterAtomModel(f, atom.Kind, atom.Needle));
            flatRules.AddRange(atomRules[a].Distinct().OrderBy(r => r));
            offsets.Add(flatRules.Count);
        }

        var byIndex = new RuleModel?[registry.Rules.Count];
        foreach (RuleModel rule in rules)
        {
            if (position.TryGetValue((rule.Metadata.Id, rule.SourcePath), out int index))
                byIndex[index] = rule;
        }
        (PredicateTableModel Predicates, ConditionTableModel Conditions) tables = ConditionTablePlanner.Plan(byIndex);

        var perRule = new List<RulePrefilterModel>(registry.Rules.Count);
        var always = new List<int>();
        for (int r = 0; r < registry.Rules.Count; r++)
        {
            RegistryEntry entry = registry.Rules[r];
            if (ruleAtoms[r] is null)
                always.Add(r);
            EquatableArray<int> own = (ruleAtoms[r] ?? new List<int>()).Select(a => orderedPosition[a]).Distinct().OrderBy(a => a).ToEquatableArray();
            RuleMetadata? metadata = byIndex[r]?.Metadata;
            perRule.Add(new RulePrefilterModel(r, entry.ClassName, entry.Id, metadata?.Title ?? "", metadata?.Level ?? "", own));
        }
        return new RuleSetModel(
            registry.Namespace,
            registry.Rules.Count,
            fields.ToEquatableArray(),
            atoms.ToEquatableArray(),
            offsets.ToEquatableArray(),
            flatRules.ToEquatableArray(),
            always.ToEquatableArray(),
            perRule.ToEquatableArray(),
            tables.Predicates,
            tables.Conditions);
    }
}
