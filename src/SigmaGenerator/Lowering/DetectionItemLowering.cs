using System.Collections.Generic;
using System.Linq;
using SigmaCompile.Generator.Diagnostics;
using SigmaCompile.Generator.Model;
using SigmaCompile.Generator.Reading;

namespace SigmaCompile.Generator.Lowering;

/// <summary>
/// Lowers one detection item (<c>field|modifier|...: value or values</c>, or a keyword list) into
/// <see cref="PredicateModel"/>s: modifiers checked (<see cref="ModifierChain"/>), the values' shape checked, and
/// each value lowered (<see cref="ValueLowering"/>) into the simplest tests that mean the same.
/// </summary>
internal static class DetectionItemLowering
{
    /// <summary>
    /// Lowers one item. Usually one predicate; with <c>all</c>, when a value stands for several variants (windash,
    /// expand, base64offset), one predicate per value, since each value's variants are alternatives (OR) while the
    /// values must all hold (AND, as the map's predicates are).
    /// </summary>
    public static IReadOnlyList<PredicateModel>? Lower(DetectionItem item, LoweringContext context)
    {
        (string key, SourceSpan keySpan, string field, YamlNode valueNode, bool isKeyword) = (item.Key, item.KeySpan, item.Field, item.Value, item.IsKeyword);
        var modifiers = new List<string>();
        foreach (string modifier in item.Modifiers)
        {
            if (!Modifiers.IsKnown(modifier))
            {
                context.Report(SigmaDiagnostics.UnknownModifierId, keySpan, modifier, Modifiers.Suggest(modifier));
                return null;
            }
            modifiers.Add(modifier);
        }

        List<YamlNode>? values = CollectValues(valueNode, key, context);
        if (values is null)
            return null;

        var chain = ModifierChain.Analyse(key, modifiers, keySpan, context);
        if (chain is null)
            return null;

        if (chain.All && !valueNode.IsSequence)
        {
            context.Report(SigmaDiagnostics.InvalidModifierChainId, keySpan, key, "'all' needs a list of values; for a single value drop 'all'");
            return null;
        }

        var tests = new List<TestModel>();
        var testsPerValue = new List<int>();
        foreach (YamlNode value in values)
        {
            int before = tests.Count;
            if (!ValueLowering.Lower(value, chain, isKeyword, tests, context))
                return null;
            testsPerValue.Add(tests.Count - before);
        }
        if (!context.Spend(tests.Count, keySpan))
            return null;

        // Until a pipeline maps it, a field is looked up by its own name; keywords have no field.
        EquatableArray<string> paths = isKeyword ? EquatableArray<string>.Empty : new[] { field }.ToEquatableArray();
        if (chain.All && testsPerValue.Any(n => n > 1))
        {
            if (chain.Negate)
            {
                context.Report(SigmaDiagnostics.InvalidModifierChainId, keySpan, key, "'neq' with 'all' cannot take values that expand to several variants (windash, expand, base64offset); split the item");
                return null;
            }
            var predicates = new List<PredicateModel>();
            int offset = 0;
            for (int i = 0; i < values.Count; i++)
            {
                predicates.Add(new PredicateModel(
                    isKeyword ? null : field,
                    key,
                    new[] { Display(values[i]) }.ToEquatableArray(),
                    tests.Skip(offset).Take(testsPerValue[i]).ToEquatableArray(),
                    false,
                    false,
                    paths));
                offset += testsPerValue[i];
            }
            return predicates;
        }

        return new[]
        {
            new PredicateModel(
                isKeyword ? null : field,
                key,
                values.Select(Display).ToEquatableArray(),
                tests.ToEquatableArray(),
                chain.All,
                chain.Negate,
                paths),
        };
    }

    private static List<YamlNode>? CollectValues(YamlNode node, string key, LoweringContext context)
    {
        var values = new List<YamlNode>();
        if (node.IsScalar)
        {
            values.Add(node);
            return values;
        }
        if (node.IsSequence)
        {
            foreach (YamlNode item in node.Items)
            {
                if (!item.IsScalar)
                {
                    context.Report(SigmaDiagnostics.InvalidDetectionId, item.Span, $"The values of '{key}' must be plain values (strings, numbers, booleans or null), not {item.Describe()}");
                    return null;
                }
                values.Add(item);
            }
            if (values.Count == 0)
            {
                context.Report(SigmaDiagnostics.InvalidDetectionId, node.Span, $"'{key}' has an empty list of values; give at least one value");
                return null;
            }
            return values;
        }
        context.Report(SigmaDiagnostics.InvalidDetectionId, node.Span, $"The value of '{key}' must be a plain value or a list of values, not {node.Describe()}");
        return null;
    }

    // A value as YAML would show it: strings quoted, numbers, booleans and null bare.
    private static string Display(YamlNode value) => value.Type switch
    {
        ScalarType.Null => "null",
        ScalarType.String => "'" + value.Value.Replace("'", "''") + "'",
        _ => value.Value,
    };
}
