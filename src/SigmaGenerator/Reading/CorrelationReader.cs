using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SigmaCompile.Generator.Diagnostics;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Reading;

/// <summary>
/// Reads a correlation rule's document (Sigma v2.1 <c>correlation:</c>): metadata, type, rules, group-by, timespan,
/// condition, aliases and generate, checked as far as the document alone allows. Whether the references name rules
/// that exist, and chains, are checked across files in planning. Never throws for any input; every problem is
/// reported where it is written, and a correlation with an error yields nothing.
/// </summary>
internal static class CorrelationReader
{
    private static readonly Dictionary<string, CorrelationType> Types = new(StringComparer.Ordinal)
    {
        ["event_count"] = CorrelationType.EventCount,
        ["value_count"] = CorrelationType.ValueCount,
        ["temporal"] = CorrelationType.Temporal,
        ["temporal_ordered"] = CorrelationType.TemporalOrdered,
        ["value_sum"] = CorrelationType.ValueSum,
        ["value_avg"] = CorrelationType.ValueAvg,
        ["value_percentile"] = CorrelationType.ValuePercentile,
        ["value_median"] = CorrelationType.ValueMedian,
    };

    private static readonly Dictionary<string, CorrelationOperator> Operators = new(StringComparer.Ordinal)
    {
        ["gt"] = CorrelationOperator.GreaterThan,
        ["gte"] = CorrelationOperator.GreaterThanOrEqual,
        ["lt"] = CorrelationOperator.LessThan,
        ["lte"] = CorrelationOperator.LessThanOrEqual,
        ["eq"] = CorrelationOperator.Equal,
        ["neq"] = CorrelationOperator.NotEqual,
    };

    /// <summary>The correlation as read, or null when it has an error (reported to <paramref name="sink"/>).</summary>
    public static CorrelationDocument? Read(YamlNode root, string sourcePath, DiagnosticSink sink)
    {
        string? title = RuleReader.RequiredString(root, "title", sink);
        YamlNode section = root.Get("correlation")!;
        if (!section.IsMapping)
        {
            sink.Report(SigmaDiagnostics.InvalidCorrelationId, section.Span, "'correlation' must be a mapping with 'type', 'rules', 'timespan' and (for most types) 'condition'");
            return null;
        }
        if (title is null)
            return null;
        RuleMetadata metadata = RuleReader.ReadMetadata(root, title, sink, logsource: null);

        CorrelationType? type = ReadType(section, root, sink);
        (List<string> rules, List<SourceSpan> spans) = ReadRules(section, sink);
        EquatableArray<string> groupBy = ReadGroupBy(section, sink);
        (long seconds, string timespanText) = ReadTimespan(section, sink);
        bool generate = ReadGenerate(root, section, sink);
        EquatableArray<CorrelationAliasModel> aliases = ReadAliases(section, rules, sink);
        CorrelationConditionModel? condition = type is { } t ? ReadCondition(section, t, rules.Count, sink) : null;
        if (sink.Failed || type is null || condition is null)
            return null;

        var model = new CorrelationModel(sourcePath, metadata, type.Value, rules.ToEquatableArray(), groupBy, seconds, timespanText, condition, aliases, generate);
        return new CorrelationDocument(root.Span, root.KeySpan("id"), model, section.KeySpan("rules"), spans);
    }

    private static CorrelationType? ReadType(YamlNode section, YamlNode root, DiagnosticSink sink)
    {
        YamlNode? node = section.Get("type");
        if (node is null)
        {
            sink.Report(SigmaDiagnostics.InvalidCorrelationId, root.KeySpan("correlation"), "the correlation has no 'type'; add 'type:' with one of " + string.Join(", ", Types.Keys));
            return null;
        }
        if (node.IsScalar && Types.TryGetValue(node.Value.Trim(), out CorrelationType type))
            return type;
        sink.Report(SigmaDiagnostics.InvalidCorrelationId, node.Span, $"unknown correlation type '{(node.IsScalar ? node.Value : node.Describe())}'; use one of " + string.Join(", ", Types.Keys));
        return null;
    }

    private static (List<string> Rules, List<SourceSpan> Spans) ReadRules(YamlNode section, DiagnosticSink sink)
    {
        var rules = new List<string>();
        var spans = new List<SourceSpan>();
        YamlNode? node = section.Get("rules");
        if (node is null || (node.IsScalar && node.Type == ScalarType.Null))
        {
            sink.Report(SigmaDiagnostics.CorrelationWithoutRulesId, node?.Span ?? section.Span, "add 'rules:' with the ids or names of the rules to correlate");
            return (rules, spans);
        }
        IEnumerable<YamlNode> items = node.IsSequence ? node.Items : node.IsScalar ? new[] { node } : Array.Empty<YamlNode>();
        if (node.IsMapping)
            sink.Report(SigmaDiagnostics.CorrelationWithoutRulesId, node.Span, "'rules' must be a list of rule ids or names");
        foreach (YamlNode item in items)
        {
            string reference = item.IsScalar ? item.Value.Trim() : "";
            if (reference.Length == 0)
            {
                sink.Report(SigmaDiagnostics.InvalidCorrelationId, item.Span, "each entry of 'rules' must be a rule id or name");
                continue;
            }
            if (Guid.TryParseExact(reference, "D", out Guid id))
                reference = id.ToString("D");
            if (rules.Contains(reference))
            {
                sink.Report(SigmaDiagnostics.InvalidCorrelationId, item.Span, $"'{reference}' is listed twice in 'rules'; list each rule once");
                continue;
            }
            rules.Add(reference);
            spans.Add(item.Span);
        }
        if (node.IsSequence && node.Items.Count == 0)
            sink.Report(SigmaDiagnostics.CorrelationWithoutRulesId, node.Span, "'rules' is empty; list the ids or names of the rules to correlate");
        return (rules, spans);
    }

    private static EquatableArray<string> ReadGroupBy(YamlNode section, DiagnosticSink sink)
    {
        YamlNode? node = section.Get("group-by");
        if (node is null || (node.IsScalar && node.Type == ScalarType.Null))
            return EquatableArray<string>.Empty;
        IEnumerable<YamlNode> items = node.IsSequence ? node.Items : node.IsScalar ? new[] { node } : Array.Empty<YamlNode>();
        if (node.IsMapping)
            sink.Report(SigmaDiagnostics.InvalidCorrelationId, node.Span, "'group-by' must be a list of field names");
        var names = new List<string>();
        foreach (YamlNode item in items)
        {
            string name = item.IsScalar ? item.Value.Trim() : "";
            if (name.Length == 0)
                sink.Report(SigmaDiagnostics.InvalidCorrelationId, item.Span, "each entry of 'group-by' must be a field name");
            else if (names.Contains(name))
                sink.Report(SigmaDiagnostics.InvalidCorrelationId, item.Span, $"'{name}' is listed twice in 'group-by'; list each field once");
            else
                names.Add(name);
        }
        return names.ToEquatableArray();
    }

    private static (long Seconds, string Text) ReadTimespan(YamlNode section, DiagnosticSink sink)
    {
        YamlNode? node = section.Get("timespan");
        if (node is null)
        {
            sink.Report(SigmaDiagnostics.InvalidTimespanId, section.KeySpan("type"), "the correlation has no 'timespan'; add one such as 'timespan: 10m' (a number and s, m, h or d)");
            return (0, "");
        }
        string text = node.IsScalar ? node.Value.Trim() : "";
        long? seconds = Timespan(text);
        if (seconds is null)
        {
            sink.Report(SigmaDiagnostics.InvalidTimespanId, node.Span, $"the timespan '{(node.IsScalar ? node.Value : node.Describe())}' is not a positive whole number followed by s, m, h or d (such as 30s, 10m, 1h, 7d)");
            return (0, "");
        }
        if (seconds > CorrelationModel.MaxTimespanSeconds)
        {
            sink.Report(SigmaDiagnostics.InvalidTimespanId, node.Span, $"the timespan '{text}' is longer than the 365 days SigmaCompile accepts; correlate over a shorter window");
            return (0, "");
        }
        return (seconds.Value, text);
    }

    // Number + one lowercase unit letter, as the specification writes it; null when malformed or not positive.
    private static long? Timespan(string text)
    {
        if (text.Length < 2 || text.Length > 12)
            return null;
        long unit = text[text.Length - 1] switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, _ => 0 };
        string digits = text.Substring(0, text.Length - 1);
        if (unit == 0 || !digits.All(c => c is >= '0' and <= '9') || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long count) || count <= 0)
            return null;
        return count > CorrelationModel.MaxTimespanSeconds ? CorrelationModel.MaxTimespanSeconds + 1 : count * unit;
    }

    // 'generate' is a top-level attribute in the specification; pySigma also reads it inside 'correlation'.
    private static bool ReadGenerate(YamlNode root, YamlNode section, DiagnosticSink sink)
    {
        YamlNode? node = root.Get("generate") ?? section.Get("generate");
        if (node is null || (node.IsScalar && node.Type == ScalarType.Null))
            return false;
        if (node.IsScalar && node.Type == ScalarType.Bool)
            return node.Value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase);
        sink.Report(SigmaDiagnostics.InvalidCorrelationId, node.Span, "'generate' must be true or false");
        return false;
    }

    private static EquatableArray<CorrelationAliasModel> ReadAliases(YamlNode section, List<string> rules, DiagnosticSink sink)
    {
        YamlNode? node = section.Get("aliases");
        if (node is null || (node.IsScalar && node.Type == ScalarType.Null))
            return EquatableArray<CorrelationAliasModel>.Empty;
        var aliases = new List<CorrelationAliasModel>();
        if (!node.IsMapping)
        {
            sink.Report(SigmaDiagnostics.InvalidAliasId, node.Span, "'aliases' must map each alias to a mapping of rule name to field");
            return EquatableArray<CorrelationAliasModel>.Empty;
        }
        foreach (KeyValuePair<YamlNode, YamlNode> alias in node.Entries)
        {
            string aliasName = alias.Key.IsScalar ? alias.Key.Value.Trim() : "";
            if (aliasName.Length == 0 || !alias.Value.IsMapping)
            {
                sink.Report(SigmaDiagnostics.InvalidAliasId, alias.Key.Span, "each alias must be a name mapping rule names to fields, such as 'internal_ip: { internal_error: destination.ip }'");
                continue;
            }
            foreach (KeyValuePair<YamlNode, YamlNode> entry in alias.Value.Entries)
            {
                string ruleName = entry.Key.IsScalar ? entry.Key.Value.Trim() : "";
                string field = entry.Value.IsScalar ? entry.Value.Value.Trim() : "";
                if (Guid.TryParseExact(ruleName, "D", out Guid id) && rules.Contains(id.ToString("D")))
                    sink.Report(SigmaDiagnostics.InvalidAliasId, entry.Key.Span, $"the alias '{aliasName}' names the rule '{ruleName}' by its id; aliases name rules by their 'name', so give that rule a 'name' and refer to it by that name in 'rules'");
                else if (!rules.Contains(ruleName))
                    sink.Report(SigmaDiagnostics.InvalidAliasId, entry.Key.Span, $"the alias '{aliasName}' names the rule '{ruleName}', which this correlation's 'rules' does not list; list it there by name, or remove it from the alias");
                else if (field.Length == 0)
                    sink.Report(SigmaDiagnostics.InvalidAliasId, entry.Value.Span, $"the alias '{aliasName}' gives no field for the rule '{ruleName}'; write the field its events hold");
                else
                    aliases.Add(new CorrelationAliasModel(aliasName, ruleName, field));
            }
        }
        return aliases.ToEquatableArray();
    }

    private static CorrelationConditionModel? ReadCondition(YamlNode section, CorrelationType type, int ruleCount, DiagnosticSink sink)
    {
        bool temporal = type is CorrelationType.Temporal or CorrelationType.TemporalOrdered;
        bool needsField = !temporal && type != CorrelationType.EventCount;
        YamlNode? node = section.Get("condition");
        if (node is null || (node.IsScalar && node.Type == ScalarType.Null))
        {
            if (temporal)
            {
                // The specification's temporal types need no condition: every referenced rule must match.
                var all = new[] { new CorrelationBoundModel(CorrelationOperator.GreaterThanOrEqual, Math.Max(1, ruleCount)) };
                return new CorrelationConditionModel(all.ToEquatableArray(), null, null, IsDefault: true);
            }
            sink.Report(SigmaDiagnostics.InvalidCorrelationConditionId, section.KeySpan("type"), $"a {TypeName(type)} correlation needs a 'condition', such as 'condition: {{ {(needsField ? "field: FieldName, " : "")}gte: 10 }}'");
            return null;
        }
        if (!node.IsMapping)
        {
            sink.Report(SigmaDiagnostics.InvalidCorrelationConditionId, node.Span, "'condition' must be a mapping of operators to numbers, such as 'gte: 10'");
            return null;
        }

        var bounds = new List<CorrelationBoundModel>();
        string? field = null;
        double? percentile = null;
        bool ok = true;
        foreach (KeyValuePair<YamlNode, YamlNode> entry in node.Entries)
        {
            string key = entry.Key.IsScalar ? entry.Key.Value.Trim() : "";
            if (key == "field")
            {
                field = entry.Value.IsScalar && entry.Value.Value.Trim().Length > 0 ? entry.Value.Value.Trim() : null;
                if (field is null)
                {
                    sink.Report(SigmaDiagnostics.InvalidCorrelationConditionId, entry.Value.Span, "'field' must name the field to aggregate");
                    ok = false;
                }
            }
            else if (key == "percentile")
            {
                percentile = Number(entry.Value);
                if (percentile is not (>= 0 and <= 100))
                {
                    sink.Report(SigmaDiagnostics.InvalidCorrelationConditionId, entry.Value.Span, "'percentile' must be a number from 0 to 100");
                    ok = false;
                }
            }
            else if (Operators.TryGetValue(key, out CorrelationOperator op))
            {
                if (Number(entry.Value) is { } value)
                {
                    bounds.Add(new CorrelationBoundModel(op, value));
                }
                else
                {
                    sink.Report(SigmaDiagnostics.InvalidCorrelationConditionId, entry.Value.Span, $"'{key}' must be compared with a number; '{(entry.Value.IsScalar ? entry.Value.Value : entry.Value.Describe())}' is not one");
                    ok = false;
                }
            }
            else
            {
                sink.Report(SigmaDiagnostics.UnknownCorrelationOperatorId, entry.Key.Span, entry.Key.IsScalar ? entry.Key.Value : entry.Key.Describe());
                ok = false;
            }
        }
        if (!ok)
            return null;
        if (bounds.Count == 0)
        {
            sink.Report(SigmaDiagnostics.InvalidCorrelationConditionId, node.Span, "the condition has no bound; add one of gt, gte, lt, lte, eq or neq with a number");
            return null;
        }
        if (needsField && field is null)
        {
            sink.Report(SigmaDiagnostics.InvalidCorrelationConditionId, node.Span, $"a {TypeName(type)} correlation needs 'field' in its condition: the field whose values it {(type == CorrelationType.ValueCount ? "counts" : "aggregates")}");
            return null;
        }
        if (!needsField && field is not null)
        {
            sink.Report(SigmaDiagnostics.InvalidMetadataId, node.KeySpan("field"), $"a {TypeName(type)} correlation reads no 'field'; it is ignored");
            field = null;
        }
        if (type == CorrelationType.ValuePercentile && percentile is null)
        {
            sink.Report(SigmaDiagnostics.InvalidCorrelationConditionId, node.Span, "a value_percentile correlation needs 'percentile' in its condition (0 to 100), such as 'percentile: 95'");
            return null;
        }
        if (type != CorrelationType.ValuePercentile && percentile is not null)
        {
            sink.Report(SigmaDiagnostics.InvalidMetadataId, node.KeySpan("percentile"), $"a {TypeName(type)} correlation reads no 'percentile'; it is ignored");
            percentile = null;
        }
        return new CorrelationConditionModel(bounds.ToEquatableArray(), field, percentile, IsDefault: false);
    }

    private static double? Number(YamlNode node) =>
        node.IsScalar && node.Type is ScalarType.Int or ScalarType.Float or ScalarType.String
        && double.TryParse(node.Value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && !double.IsNaN(value) && !double.IsInfinity(value)
            ? value
            : null;

    private static string TypeName(CorrelationType type) => Types.First(t => t.Value == type).Key;
}
