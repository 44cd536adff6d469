using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Lowering;

/// <summary>
/// Applies pipelines to a lowered rule (IR → IR), in priority order and, within a pipeline, in the order written,
/// as pySigma does: a later item sees what earlier items made (an added condition's fields are mapped by the
/// items after it). Field renames end up as the paths the runtime resolves; several paths mean any of them.
/// </summary>
internal static class PipelineApplier
{
    public static RuleModel Apply(RuleModel rule, PipelineSet pipelines)
    {
        var state = new Dictionary<string, string>(StringComparer.Ordinal);
        int added = 0;
        foreach (PipelineModel pipeline in pipelines.Pipelines)
        {
            foreach (TransformationModel item in pipeline.Transformations)
            {
                if (!RuleConditionsHold(item, rule, state))
                    continue;
                switch (item.Kind)
                {
                    case TransformationKind.FieldNameMapping:
                        rule = MapFields(rule, item, path => item.Mapping.FirstOrDefault(m => m.From == path)?.To);
                        break;
                    case TransformationKind.FieldNamePrefix:
                        rule = MapFields(rule, item, path => item.Prefixes.Select(p => p + path).ToEquatableArray());
                        break;
                    case TransformationKind.FieldNamePrefixMapping:
                        rule = MapFields(rule, item, path =>
                        {
                            FieldMapping? mapping = item.Mapping.FirstOrDefault(m => path.StartsWith(m.From, StringComparison.Ordinal));
                            return mapping?.To.Select(t => t + path.Substring(mapping.From.Length)).ToEquatableArray();
                        });
                        break;
                    case TransformationKind.AddCondition:
                        rule = AddCondition(rule, item, "_pipeline_" + (++added).ToString(System.Globalization.CultureInfo.InvariantCulture));
                        break;
                    case TransformationKind.ChangeLogsource:
                        rule = rule with
                        {
                            Metadata = rule.Metadata with
                            {
                                Product = item.Product ?? rule.Metadata.Product,
                                Category = item.Category ?? rule.Metadata.Category,
                                Service = item.Service ?? rule.Metadata.Service,
                            },
                        };
                        break;
                    case TransformationKind.DropDetectionItem:
                        rule = Rewrite(rule, predicate => predicate.Field is not null && FieldConditionsHold(item, predicate.Paths) ? null : predicate);
                        break;
                    case TransformationKind.ReplaceString:
                        var regex = new Regex(item.Regex, RegexOptions.CultureInvariant);
                        rule = Rewrite(rule, predicate => predicate.Field is not null && !FieldConditionsHold(item, predicate.Paths)
                            ? predicate
                            : predicate with { Tests = predicate.Tests.Select(t => Replace(t, regex, item.Replacement)).ToEquatableArray() });
                        break;
                    case TransformationKind.SetState:
                        state[item.StateKey] = item.StateValue;
                        break;
                }
            }
        }
        return rule;
    }

    private static bool RuleConditionsHold(TransformationModel item, RuleModel rule, Dictionary<string, string> state)
    {
        if (item.RuleConditions.IsEmpty)
            return true;
        bool Holds(RuleCondition c)
        {
            bool result = c.Type == "logsource"
                ? Same(c.Product, rule.Metadata.Product) && Same(c.Category, rule.Metadata.Category) && Same(c.Service, rule.Metadata.Service)
                : state.TryGetValue(c.Key, out string? value) && value == c.Value;
            return result != c.Negate;
        }
        return item.RuleConditionAll ? item.RuleConditions.All(Holds) : item.RuleConditions.Any(Holds);
    }

    // A logsource condition part that is given must equal the rule's (case-insensitive); an absent part matches.
    private static bool Same(string? wanted, string? actual) =>
        wanted is null || string.Equals(wanted, actual, StringComparison.OrdinalIgnoreCase);

    private static bool FieldConditionsHold(TransformationModel item, IEnumerable<string> paths)
    {
        if (item.FieldConditions.IsEmpty)
            return true;
        return paths.Any(path =>
        {
            bool Holds(FieldCondition c) => c.Fields.Any(f => c.IsRegex ? Regex.IsMatch(path, "^(?:" + f + ")$", RegexOptions.CultureInvariant) : f == path) == c.Include;
            return item.FieldConditionAll ? item.FieldConditions.All(Holds) : item.FieldConditions.Any(Holds);
        });
    }

    private static RuleModel MapFields(RuleModel rule, TransformationModel item, Func<string, EquatableArray<string>?> map)
    {
        EquatableArray<string> MapPaths(EquatableArray<string> paths)
        {
            var result = new List<string>();
            foreach (string path in paths)
            {
                EquatableArray<string>? mapped = FieldConditionsHold(item, new[] { path }) ? map(path) : null;
                foreach (string target in mapped ?? new[] { path }.ToEquatableArray())
                {
                    if (!result.Contains(target))
                        result.Add(target);
                }
            }
            return result.ToEquatableArray();
        }

        return Rewrite(rule, predicate =>
        {
            if (predicate.Field is null)
                return predicate;
            var tests = predicate.Tests.Select(t => t.Kind == TestKind.FieldRef
                ? t with { ReferencePaths = MapPaths(t.ReferencePaths) }
                : t).ToEquatableArray();
            return predicate with { Paths = MapPaths(predicate.Paths), Tests = tests };
        });
    }

    private static RuleModel AddCondition(RuleModel rule, TransformationModel item, string name)
    {
        var alternatives = new List<AlternativeModel>();
        foreach (ConditionAlternative alternative in item.Conditions)
        {
            var predicates = alternative.Fields.Select(field => new PredicateModel(
                field.Field,
                field.Field,
                field.IsNull ? new[] { "null" }.ToEquatableArray() : field.Values.Select(v => "'" + v.Replace("'", "''") + "'").ToEquatableArray(),
                field.IsNull
                    ? new[] { new TestModel(TestKind.Null, "", false) }.ToEquatableArray()
                    : field.Values.Select(v => ValueLowering.Classify(SigmaString.Parse(v), false)).ToEquatableArray(),
                false,
                false,
                new[] { field.Field }.ToEquatableArray()));
            alternatives.Add(new AlternativeModel(predicates.ToEquatableArray()));
        }
        var search = new SearchModel(name, alternatives.ToEquatableArray(), AddedByPipeline: true);
        return rule with
        {
            Searches = rule.Searches.Concat(new[] { search }).ToEquatableArray(),
            Condition = new AndNode(new ConditionNode[] { new IdentifierNode(name), rule.Condition }.ToEquatableArray()),
        };
    }

    private static TestModel Replace(TestModel test, Regex regex, string replacement)
    {
        switch (test.Kind)
        {
            case TestKind.Equal or TestKind.StartsWith or TestKind.EndsWith or TestKind.Contains:
                return test with { Value = regex.Replace(test.Value, replacement) };
            case TestKind.Glob:
                return test with { Value = GlobLiterals.Replace(test.Value, regex, replacement) };
            default:
                return test;
        }
    }

    /// <summary>Rewrites every predicate (null drops it); an alternative left with no predicate always holds.</summary>
    private static RuleModel Rewrite(RuleModel rule, Func<PredicateModel, PredicateModel?> rewrite) =>
        rule with
        {
            Searches = rule.Searches.Select(search => search with
            {
                Alternatives = search.Alternatives.Select(alternative => alternative with
                {
                    Predicates = alternative.Predicates.Select(rewrite).Where(p => p is not null).Select(p => p!).ToEquatableArray(),
                }).ToEquatableArray(),
            }).ToEquatableArray(),
        };
}
