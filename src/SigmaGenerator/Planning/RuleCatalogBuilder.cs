using System;
using System.Collections.Generic;
using System.Linq;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Planning;

/// <summary>
/// Builds one rule's catalog entry from its lowered model: stages as the rule wrote them (condition, then each
/// search with its predicates), indicators as the rule matches them (one row per search, field, operator and
/// value list), tag coverage, event coverage, the filters applied, and the keys the cross-rule index uses. Reads
/// nothing but the rule.
/// </summary>
internal static class RuleCatalogBuilder
{
    public static RuleCatalogModel Build(RuleEmitModel model)
    {
        RuleModel rule = model.Rule;
        var positive = new HashSet<string>(StringComparer.Ordinal);
        var negative = new HashSet<string>(StringComparer.Ordinal);
        Polarity(rule.Condition, negated: false, positive, negative);

        var kinds = new Dictionary<string, StageKind>(StringComparer.Ordinal);
        foreach (SearchModel search in rule.Searches)
        {
            kinds[search.Name] = search.AddedByPipeline ? StageKind.AddedByPipeline
                : positive.Contains(search.Name) ? StageKind.Selection
                : negative.Contains(search.Name) ? StageKind.Filter
                : StageKind.Unreferenced;
        }

        EquatableArray<StageModel> stages = Stages(rule, kinds);
        EquatableArray<IndicatorModel> indicators = Indicators(rule, kinds);
        EquatableArray<EventCoverageModel> events = EventCoverageBuilder.Build(rule);
        var keys = new CatalogKeys(
            rule.Metadata.Id,
            rule.SourcePath,
            model.ClassName,
            IndicatorKeys(indicators),
            Operations.Of(rule, kinds),
            events);
        return new RuleCatalogModel(model.Namespace, model.ClassName, rule.Metadata.Id, rule.SourcePath, stages, indicators, model.Coverage, events, rule.Filters, keys);
    }

    private static void Polarity(ConditionNode node, bool negated, HashSet<string> positive, HashSet<string> negative)
    {
        switch (node)
        {
            case IdentifierNode id:
                (negated ? negative : positive).Add(id.Name);
                break;
            case NotNode not:
                Polarity(not.Operand, !negated, positive, negative);
                break;
            case AndNode and:
                foreach (ConditionNode operand in and.Operands)
                    Polarity(operand, negated, positive, negative);
                break;
            case OrNode or:
                foreach (ConditionNode operand in or.Operands)
                    Polarity(operand, negated, positive, negative);
                break;
        }
    }

    private static EquatableArray<StageModel> Stages(RuleModel rule, Dictionary<string, StageKind> kinds)
    {
        var stages = new List<StageModel>
        {
            new(0, StageKind.Condition, "condition", rule.ConditionText, Print(rule.Condition, 0), EquatableArray<StagePredicateModel>.Empty),
        };
        foreach (SearchModel search in rule.Searches)
        {
            var predicates = new List<StagePredicateModel>();
            for (int a = 0; a < search.Alternatives.Count; a++)
            {
                int group = search.Alternatives.Count > 1 ? a : 0;
                foreach (PredicateModel predicate in search.Alternatives[a].Predicates)
                {
                    EquatableArray<string> mapped = predicate.Paths.IsEmpty || (predicate.Paths.Count == 1 && predicate.Paths[0] == predicate.Field)
                        ? EquatableArray<string>.Empty
                        : predicate.Paths;
                    // An item with |all whose values expand to variants was lowered into one predicate per value: show it once.
                    if (predicates.Count > 0 && predicates[predicates.Count - 1] is { } last
                        && last.Group == group && last.Written == predicate.Written && last.Field == predicate.Field && last.MappedTo == mapped
                        && predicate.Written.IndexOf("|all", StringComparison.Ordinal) >= 0)
                    {
                        predicates[predicates.Count - 1] = last with { Values = last.Values.Concat(predicate.WrittenValues.Select(YamlText.Plain)).ToEquatableArray() };
                        continue;
                    }
                    predicates.Add(new StagePredicateModel(group, predicate.Field, predicate.Written, predicate.WrittenValues.Select(YamlText.Plain).ToEquatableArray(), mapped));
                }
            }
            stages.Add(new StageModel(stages.Count, kinds[search.Name], search.Name, "", "", predicates.ToEquatableArray()));
        }
        return stages.ToEquatableArray();
    }

    /// <summary>
    /// The condition as compiled. Parentheses go where precedence needs them (or binds loosest, then and, then
    /// not), and around an and inside an or, where a reader would want them.
    /// </summary>
    internal static string Print(ConditionNode node, int outer)
    {
        switch (node)
        {
            case IdentifierNode id:
                return id.Name;
            case NotNode not:
                return "not " + Print(not.Operand, 3);
            case AndNode and:
                string all = string.Join(" and ", and.Operands.Select(o => Print(o, 2)));
                return outer > 0 ? "(" + all + ")" : all;
            case OrNode or:
                string any = string.Join(" or ", or.Operands.Select(o => Print(o, 1)));
                return outer > 0 ? "(" + any + ")" : any;
            default:
                return "";
        }
    }

    private static EquatableArray<IndicatorModel> Indicators(RuleModel rule, Dictionary<string, StageKind> kinds)
    {
        var rows = new List<IndicatorModel>();
        foreach (SearchModel search in rule.Searches)
        {
            StageKind kind = kinds[search.Name];
            if (kind is not (StageKind.Selection or StageKind.Filter))
                continue;
            foreach (AlternativeModel alternative in search.Alternatives)
            {
                foreach (PredicateModel predicate in alternative.Predicates)
                {
                    foreach (IndicatorModel row in Rows(search.Name, predicate, kind == StageKind.Filter))
                    {
                        if (!rows.Contains(row))
                            rows.Add(row);
                    }
                }
            }
        }
        // Ordered by field (keywords last), then operator; rows that tie keep the order written.
        return rows
            .Select((row, position) => (row, position))
            .OrderBy(r => r.row.Field is null ? 1 : 0)
            .ThenBy(r => r.row.Field ?? "", StringComparer.OrdinalIgnoreCase)
            .ThenBy(r => r.row.Field ?? "", StringComparer.Ordinal)
            .ThenBy(r => (int)r.row.Operator)
            .ThenBy(r => r.position)
            .Select(r => r.row)
            .ToEquatableArray();
    }

    private static IEnumerable<IndicatorModel> Rows(string search, PredicateModel predicate, bool filter)
    {
        // Tests that share an operator, a case mode and a field (time parts name theirs) make one row.
        var order = new List<(string? Field, IndicatorKind Operator, bool Cased)>();
        var values = new Dictionary<(string? Field, IndicatorKind Operator, bool Cased), List<string>>();
        foreach (TestModel test in predicate.Tests)
        {
            (string? field, IndicatorKind op, string? value, bool cased) = Classify(predicate.Field, test);
            var key = (field, op, cased);
            if (!values.TryGetValue(key, out List<string>? list))
            {
                values[key] = list = new List<string>();
                order.Add(key);
            }
            if (value is not null && !list.Contains(value))
                list.Add(value);
        }
        foreach (var key in order)
            yield return new IndicatorModel(search, key.Field, key.Operator, values[key].ToEquatableArray(), predicate.Written, key.Cased, predicate.MatchAll, predicate.Negate, filter);
    }

    private static (string? Field, IndicatorKind Operator, string? Value, bool Cased) Classify(string? field, TestModel test)
    {
        bool keyword = field is null;
        switch (test.Kind)
        {
            case TestKind.Equal:
                return (field, keyword ? IndicatorKind.Keyword : IndicatorKind.Equal, test.Value, test.Cased);
            case TestKind.Contains:
                return (field, keyword ? IndicatorKind.Keyword : IndicatorKind.Contains, test.Value, test.Cased);
            case TestKind.StartsWith:
                return (field, IndicatorKind.StartsWith, test.Value, test.Cased);
            case TestKind.EndsWith:
                return (field, IndicatorKind.EndsWith, test.Value, test.Cased);
            case TestKind.AnyText:
                return (field, keyword ? IndicatorKind.Keyword : IndicatorKind.Match, "*", test.Cased);
            case TestKind.Glob:
                string glob = SigmaWildcards(test.Value);
                // A keyword is searched anywhere; show it without the stars that say so.
                if (keyword && glob.Length > 2 && glob.StartsWith("*", StringComparison.Ordinal) && glob.EndsWith("*", StringComparison.Ordinal) && !glob.EndsWith("\\*", StringComparison.Ordinal))
                    return (field, IndicatorKind.Keyword, glob.Substring(1, glob.Length - 2), test.Cased);
                return (field, IndicatorKind.Match, glob, test.Cased);
            case TestKind.Regex:
                return (field, IndicatorKind.Match, "/" + test.Value + "/" + FlagLetters(test.RegexFlags), (test.RegexFlags & RegexFlags.IgnoreCase) == 0);
            case TestKind.Null:
                return (field, IndicatorKind.Null, null, false);
            case TestKind.Exists:
                return (field, IndicatorKind.Exists, test.Value, false);
            case TestKind.Compare:
                return (field, Comparison(test.Comparison), test.Value, false);
            case TestKind.Cidr:
                return (field, IndicatorKind.Cidr, test.Value, false);
            case TestKind.TimePart:
                // The part is shown with the field as its modifier (field|hour), the comparison as the operator.
                return ((field ?? "") + "|" + test.TimePart.ToString().ToLowerInvariant(), Comparison(test.Comparison), test.Value, false);
            case TestKind.FieldRef:
                string reference = test.Position == TextPosition.Equal ? test.Value : test.Value + " (" + test.Position.ToString().ToLowerInvariant() + ")";
                return (field, IndicatorKind.FieldReference, reference, test.Cased);
            default:
                return (field, IndicatorKind.Match, test.Value, test.Cased);
        }
    }

    private static IndicatorKind Comparison(NumericComparison comparison) => comparison switch
    {
        NumericComparison.GreaterThan => IndicatorKind.GreaterThan,
        NumericComparison.GreaterThanOrEqual => IndicatorKind.GreaterThanOrEqual,
        NumericComparison.LessThan => IndicatorKind.LessThan,
        NumericComparison.LessThanOrEqual => IndicatorKind.LessThanOrEqual,
        _ => IndicatorKind.Equal,
    };

    // Sigma's letters for a regex's flags, as a /pattern/flags value shows them.
    private static string FlagLetters(RegexFlags flags) =>
        ((flags & RegexFlags.IgnoreCase) != 0 ? "i" : "") + ((flags & RegexFlags.Multiline) != 0 ? "m" : "") + ((flags & RegexFlags.DotAll) != 0 ? "s" : "");

    /// <summary>
    /// A strict glob (backslash escapes '*', '?' and '\') written back in Sigma notation: <c>\*</c> and <c>\?</c> are
    /// literal, and a literal backslash is doubled only where Sigma would otherwise read it as an escape.
    /// </summary>
    internal static string SigmaWildcards(string glob)
    {
        var tokens = new List<(char Char, bool Literal)>();
        for (int i = 0; i < glob.Length; i++)
        {
            char c = glob[i];
            if (c == '\\' && i + 1 < glob.Length)
                tokens.Add((glob[++i], true));
            else
                tokens.Add((c, c is not ('*' or '?')));
        }
        var rendered = new string[tokens.Count];
        for (int i = tokens.Count - 1; i >= 0; i--)
        {
            (char c, bool literal) = tokens[i];
            if (!literal)
                rendered[i] = c.ToString();
            else if (c is '*' or '?')
                rendered[i] = "\\" + c;
            else if (c == '\\')
                rendered[i] = i + 1 < tokens.Count && rendered[i + 1][0] is '\\' or '*' or '?' ? "\\\\" : "\\";
            else
                rendered[i] = c.ToString();
        }
        return string.Concat(rendered);
    }

    private static EquatableArray<IndicatorKey> IndicatorKeys(EquatableArray<IndicatorModel> indicators)
    {
        var keys = new List<IndicatorKey>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (IndicatorModel row in indicators)
        {
            IEnumerable<string> values = row.Values.IsEmpty ? new[] { "" } : row.Values;
            foreach (string value in values)
            {
                if (seen.Add(CatalogIndexBuilder.Key(row.Field, row.Operator, value)))
                    keys.Add(new IndicatorKey(row.Field, row.Operator, value));
            }
        }
        return keys.ToEquatableArray();
    }
}
