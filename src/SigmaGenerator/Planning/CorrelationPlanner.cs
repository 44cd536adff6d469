using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using SigmaCompile.Generator.Diagnostics;
using SigmaCompile.Generator.Lowering;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Planning;

/// <summary>
/// Correlations across files, planned after Collect: each reference of <c>rules</c> resolved by id or name to a
/// compiled detection rule or another correlation, cycles and over-deep chains refused, and for each valid
/// correlation its emit model (class name, and per reference the fields its group and value are read from, aliases
/// resolved and field mapping applied). The same resolution gives the diagnostics (<see cref="Diagnose"/>), located
/// with the positions the parse results keep, so the plan itself holds none.
/// </summary>
internal static class CorrelationPlanner
{
    /// <summary>
    /// The deepest chain accepted: a correlation over a correlation over ... at most this many correlations deep
    /// (a correlation over detection rules alone is 1 deep). Each level delays decisions by up to a window.
    /// </summary>
    public const int MaxChainDepth = 8;

    private const int MaxCycleSteps = 10;

    public static CorrelationSetModel Plan(ImmutableArray<CorrelationModel> correlations, ImmutableArray<RuleModel> rules, RegistryModel registry, PipelineSet pipelines)
    {
        Resolution resolution = Resolve(correlations.Select(c => (c, (DocumentLocations?)null, "")).ToList(), rules, registry);
        List<Entry> valid = resolution.Entries.Where(e => e.Valid).ToList();
        var names = ClassNames.AssignCorrelations(valid.Select(e => e.Correlation), registry.Rules.Select(r => r.ClassName))
            .ToDictionary(n => n.Id, n => n.ClassName, StringComparer.Ordinal);
        var emit = valid
            .OrderBy(e => e.Correlation.Metadata.Id, StringComparer.Ordinal)
            .Select(e => new CorrelationEmitModel(e.Correlation, names[e.Correlation.Metadata.Id], registry.Namespace, Sources(e, pipelines)))
            .ToEquatableArray();
        return new CorrelationSetModel(registry.Namespace, emit);
    }

    /// <summary>The diagnostics of resolving every correlation, at the file and position of what they are about.</summary>
    public static EquatableArray<DiagnosticInfo> Diagnose(ImmutableArray<ParseResult> results, RegistryModel registry)
    {
        var located = results
            .SelectMany(r => r.Correlations.Select((c, i) => (c, (DocumentLocations?)r.CorrelationLocations[i], r.FullPath)))
            .ToList();
        return Resolve(located, results.SelectMany(r => r.Rules), registry).Diagnostics
            .OrderBy(d => d.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Span.Start)
            .ToEquatableArray();
    }

    private sealed class Entry(CorrelationModel correlation, DocumentLocations? locations, string fullPath)
    {
        public CorrelationModel Correlation { get; } = correlation;
        public DocumentLocations? Locations { get; } = locations;
        public string FullPath { get; } = fullPath;
        public Target?[] Targets { get; } = new Target?[correlation.Rules.Count];
        public bool Valid { get; set; } = true;
        public int Depth { get; set; }
    }

    // What a reference names: a detection rule or a correlation entry.
    private sealed record Target(RuleModel? Rule, Entry? Correlation)
    {
        public string Id => Rule?.Metadata.Id ?? Correlation!.Correlation.Metadata.Id;
    }

    private sealed record Resolution(List<Entry> Entries, List<DiagnosticInfo> Diagnostics);

    private static Resolution Resolve(List<(CorrelationModel Correlation, DocumentLocations? Locations, string FullPath)> input, IEnumerable<RuleModel> allRules, RegistryModel registry)
    {
        var diagnostics = new List<DiagnosticInfo>();
        void Report(Entry entry, int reference, string id, params string[] arguments)
        {
            entry.Valid = false;
            if (entry.Locations is not { } at)
                return;
            SourceSpan span = reference >= 0 && reference < at.References.Count ? at.References[reference] : reference == -2 ? at.Id : at.RulesKey;
            diagnostics.Add(DiagnosticInfo.Create(id, entry.FullPath, span, arguments));
        }

        // The detection rules the registry compiles (one per id).
        var compiled = new HashSet<(string, string)>(registry.Rules.Select(r => (r.Id, r.SourcePath)));
        List<RuleModel> rules = allRules.Where(r => compiled.Contains((r.Metadata.Id, r.SourcePath))).ToList();
        var rulesById = rules.ToDictionary(r => r.Metadata.Id, StringComparer.Ordinal);

        // One correlation per id, the first by path; an id a detection rule has is the detection rule's.
        var entries = new List<Entry>();
        var byId = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var item in input.OrderBy(i => i.Correlation.SourcePath, StringComparer.Ordinal).ThenBy(i => i.Correlation.Metadata.Id, StringComparer.Ordinal))
        {
            var entry = new Entry(item.Correlation, item.Locations, item.FullPath);
            string id = item.Correlation.Metadata.Id;
            if (rulesById.TryGetValue(id, out RuleModel? rule))
                Report(entry, -2, SigmaDiagnostics.DuplicateIdId, id, rule.SourcePath);
            else if (byId.TryGetValue(id, out Entry? first))
                Report(entry, -2, SigmaDiagnostics.DuplicateIdId, id, first.Correlation.SourcePath);
            else
            {
                byId.Add(id, entry);
                entries.Add(entry);
            }
        }

        // Names of detection rules and correlations alike; a name two rules share is ambiguous.
        var byName = new Dictionary<string, List<Target>>(StringComparer.Ordinal);
        void AddName(string? name, Target target)
        {
            if (name is null)
                return;
            if (!byName.TryGetValue(name, out List<Target>? list))
                byName[name] = list = new List<Target>();
            list.Add(target);
        }
        foreach (RuleModel rule in rules.OrderBy(r => r.Metadata.Id, StringComparer.Ordinal))
            AddName(rule.Metadata.Name, new Target(rule, null));
        foreach (Entry entry in entries)
            AddName(entry.Correlation.Metadata.Name, new Target(null, entry));

        foreach (Entry entry in entries)
        {
            for (int i = 0; i < entry.Correlation.Rules.Count; i++)
            {
                string reference = entry.Correlation.Rules[i];
                if (rulesById.TryGetValue(reference, out RuleModel? rule))
                    entry.Targets[i] = new Target(rule, null);
                else if (byId.TryGetValue(reference, out Entry? inner))
                    entry.Targets[i] = new Target(null, inner);
                else if (byName.TryGetValue(reference, out List<Target>? named) && named.Count == 1)
                    entry.Targets[i] = named[0];
                else if (named is not null && named.Count > 1)
                    Report(entry, i, SigmaDiagnostics.AmbiguousRuleNameId, reference, string.Join(", ", named.Select(Describe)));
                else
                    Report(entry, i, SigmaDiagnostics.UnknownRuleReferenceId, $"'{reference}' is neither the id nor the name of a compiled rule in the rules folder; check the spelling, or fix the errors that leave that rule out of the build");
            }
        }

        CheckChains(entries, Report);
        CheckChainedGroups(entries, Report);
        PropagateInvalid(entries, Report);
        return new Resolution(entries, diagnostics);
    }

    private static string Describe(Target target) => target.Rule is { } rule
        ? $"the rule '{rule.Metadata.Title}' in {rule.SourcePath}"
        : $"the correlation '{target.Correlation!.Correlation.Metadata.Title}' in {target.Correlation.Correlation.SourcePath}";

    // Chains, without recursion (a rules folder may chain any number of correlations): correlations are settled
    // inner first, each one as deep as its deepest inner correlation plus one, and the first past the limit is
    // reported. What never settles refers to a cycle; each correlation on one is reported at the reference that
    // continues it.
    private static void CheckChains(List<Entry> entries, Action<Entry, int, string, string[]> report)
    {
        var pending = new Dictionary<Entry, int>();
        var referrers = entries.ToDictionary(e => e, _ => new List<Entry>());
        foreach (Entry entry in entries)
        {
            pending[entry] = 0;
            foreach (Target? target in entry.Targets)
            {
                if (target?.Correlation is { } inner)
                {
                    pending[entry]++;
                    referrers[inner].Add(entry);
                }
            }
        }
        var ready = new Queue<Entry>(entries.Where(e => pending[e] == 0));
        while (ready.Count > 0)
        {
            Entry entry = ready.Dequeue();
            int depth = 1, deepest = -1;
            for (int i = 0; i < entry.Targets.Length; i++)
            {
                if (entry.Targets[i]?.Correlation is { } inner && inner.Depth + 1 > depth)
                    (depth, deepest) = (inner.Depth + 1, i);
            }
            entry.Depth = depth;
            if (depth == MaxChainDepth + 1)
                report(entry, deepest, SigmaDiagnostics.CorrelationChainTooDeepId, new[] { entry.Correlation.Rules[deepest], depth.ToString(CultureInfo.InvariantCulture), MaxChainDepth.ToString(CultureInfo.InvariantCulture) });
            foreach (Entry outer in referrers[entry])
            {
                if (--pending[outer] == 0)
                    ready.Enqueue(outer);
            }
        }

        var unsettled = new HashSet<Entry>(entries.Where(e => pending[e] > 0));
        var onCycle = new HashSet<Entry>();
        foreach (Entry start in entries.Where(unsettled.Contains))
        {
            if (onCycle.Contains(start))
                continue;
            // Breadth first from the correlation's references, back to itself if it is on a cycle.
            var came = new Dictionary<Entry, (Entry From, int Reference)>();
            var queue = new Queue<Entry>();
            queue.Enqueue(start);
            bool found = false;
            while (queue.Count > 0 && !found)
            {
                Entry at = queue.Dequeue();
                for (int i = 0; i < at.Targets.Length && !found; i++)
                {
                    if (at.Targets[i]?.Correlation is not { } next || !unsettled.Contains(next) || came.ContainsKey(next))
                        continue;
                    came[next] = (at, i);
                    found = next == start;
                    queue.Enqueue(next);
                }
            }
            if (!found)
                continue;   // it only refers to a cycle: left out with the correlations it refers to
            var steps = new List<(Entry Entry, int Reference)>();
            Entry step = start;
            do
            {
                (Entry from, int reference) = came[step];
                steps.Add((from, reference));
                step = from;
            }
            while (step != start);
            steps.Reverse();
            // Every correlation of the cycle found is reported, each with the cycle from its own reference on (a long
            // cycle named by its first few steps).
            for (int k = 0; k < steps.Count; k++)
            {
                if (!onCycle.Add(steps[k].Entry))
                    continue;
                string chain = string.Join(" -> ", Enumerable.Range(k, Math.Min(steps.Count, MaxCycleSteps)).Select(n => steps[n % steps.Count]).Select(c => "'" + c.Entry.Correlation.Rules[c.Reference] + "'"))
                    + (steps.Count > MaxCycleSteps ? $" -> ... ({steps.Count} correlations)" : "");
                report(steps[k].Entry, steps[k].Reference, SigmaDiagnostics.CorrelationCycleId, new[] { chain });
            }
        }
    }

    // An outer correlation takes each group-by value from the inner alert's group of that name (or its alias).
    private static void CheckChainedGroups(List<Entry> entries, Action<Entry, int, string, string[]> report)
    {
        foreach (Entry entry in entries)
        {
            for (int i = 0; i < entry.Targets.Length; i++)
            {
                if (entry.Targets[i]?.Correlation is not { } inner)
                    continue;
                foreach (string group in entry.Correlation.GroupBy)
                {
                    (string name, _) = FieldFor(entry.Correlation, group, entry.Correlation.Rules[i]);
                    if (!inner.Correlation.GroupBy.Contains(name))
                    {
                        report(entry, i, SigmaDiagnostics.InvalidCorrelationId, new[] { $"the correlation '{entry.Correlation.Rules[i]}' does not group by '{name}', so its alerts carry no value for this correlation's group-by '{group}'; add '{name}' to its group-by, or map '{group}' to one of its group-by names with 'aliases'" });
                        break;
                    }
                }
            }
        }
    }

    // A correlation over one that is left out is left out too, and says why (outwards from each left-out one).
    private static void PropagateInvalid(List<Entry> entries, Action<Entry, int, string, string[]> report)
    {
        var referrers = entries.ToDictionary(e => e, _ => new List<(Entry Outer, int Reference)>());
        foreach (Entry entry in entries)
        {
            for (int i = 0; i < entry.Targets.Length; i++)
            {
                if (entry.Targets[i]?.Correlation is { } inner)
                    referrers[inner].Add((entry, i));
            }
        }
        var leftOut = new Queue<Entry>(entries.Where(e => !e.Valid));
        while (leftOut.Count > 0)
        {
            foreach ((Entry outer, int reference) in referrers[leftOut.Dequeue()])
            {
                if (!outer.Valid)
                    continue;
                report(outer, reference, SigmaDiagnostics.UnknownRuleReferenceId, new[] { $"'{outer.Correlation.Rules[reference]}' is a correlation that is left out of the build because of its own errors; fix them first" });
                leftOut.Enqueue(outer);
            }
        }
    }

    // The field (or inner group name) a name of the correlation reads in the events of the rule referred to as
    // 'reference': its alias for that rule, or the name itself.
    private static (string Field, bool FromAlias) FieldFor(CorrelationModel correlation, string name, string reference)
    {
        foreach (CorrelationAliasModel alias in correlation.Aliases)
        {
            if (alias.Alias == name && alias.RuleName == reference)
                return (alias.Field, true);
        }
        return (name, false);
    }

    private static EquatableArray<CorrelationSourceModel> Sources(Entry entry, PipelineSet pipelines)
    {
        CorrelationModel correlation = entry.Correlation;
        var sources = new List<CorrelationSourceModel>();
        for (int i = 0; i < entry.Targets.Length; i++)
        {
            Target target = entry.Targets[i]!;
            string reference = correlation.Rules[i];
            if (target.Correlation is { } inner)
            {
                var groups = correlation.GroupBy.Select(g =>
                {
                    (string field, bool alias) = FieldFor(correlation, g, reference);
                    return new CorrelationFieldModel(g, field, alias, EquatableArray<string>.Empty);
                }).ToEquatableArray();
                sources.Add(new CorrelationSourceModel(reference, target.Id, inner.Correlation.Metadata.Title, inner.Correlation.SourcePath, true, groups, null));
                continue;
            }
            RuleModel rule = target.Rule!;
            var names = correlation.GroupBy.Select(g => (Name: g, Read: FieldFor(correlation, g, reference))).ToList();
            if (correlation.Condition.Field is { } valueName)
                names.Add((valueName, FieldFor(correlation, valueName, reference)));
            Dictionary<string, EquatableArray<string>> paths = MappedPaths(rule, names.Select(n => n.Read.Field).Distinct(), pipelines);
            var fields = names.Select(n => new CorrelationFieldModel(n.Name, n.Read.Field, n.Read.FromAlias, paths[n.Read.Field])).ToList();
            CorrelationFieldModel? value = correlation.Condition.Field is null ? null : fields[fields.Count - 1];
            sources.Add(new CorrelationSourceModel(reference, target.Id, rule.Metadata.Title, rule.SourcePath, false,
                fields.Take(correlation.GroupBy.Count).ToEquatableArray(), value));
        }
        return sources.ToEquatableArray();
    }

    // The event paths of fields in a rule's events: the pipelines that apply to that rule map them as they map its
    // detection's fields.
    private static Dictionary<string, EquatableArray<string>> MappedPaths(RuleModel rule, IEnumerable<string> fields, PipelineSet pipelines)
    {
        List<string> list = fields.ToList();
        var result = list.ToDictionary(f => f, f => new[] { f }.ToEquatableArray(), StringComparer.Ordinal);
        if (pipelines.Pipelines.IsEmpty || list.Count == 0)
            return result;
        var probe = new SearchModel("_correlation_fields", new[]
        {
            new AlternativeModel(list.Select(f => new PredicateModel(f, f, EquatableArray<string>.Empty, EquatableArray<TestModel>.Empty, false, false, new[] { f }.ToEquatableArray())).ToEquatableArray()),
        }.ToEquatableArray());
        RuleModel mapped = PipelineApplier.Apply(rule with { Searches = new[] { probe }.ToEquatableArray() }, pipelines);
        foreach (PredicateModel predicate in mapped.Searches.Where(s => s.Name == probe.Name).SelectMany(s => s.Alternatives).SelectMany(a => a.Predicates))
        {
            if (predicate.Paths.Count > 0)
                result[predicate.Written] = predicate.Paths;
        }
        return result;
    }
}
