using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using SigmaCompile.Generator.Diagnostics;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Reading;

/// <summary>
/// Reads the pipelines named by the <c>SigmaPipelines</c> property: built-in names (embedded in the generator)
/// or YAML files handed over as AdditionalFiles. Everything a pipeline says that SigmaCompile does not apply is a
/// diagnostic, never a silent skip.
/// </summary>
internal static class PipelineParser
{
    private static readonly string[] TopLevelKeys = { "name", "priority", "transformations", "allowed_backends" };

    private static readonly string[] CommonKeys =
    {
        "id", "type", "rule_conditions", "rule_cond_op", "rule_cond_not", "field_name_conditions", "field_name_cond_op", "field_name_cond_not",
    };

    private static readonly Dictionary<string, (TransformationKind Kind, string[] Keys)> Types = new(StringComparer.Ordinal)
    {
        ["field_name_mapping"] = (TransformationKind.FieldNameMapping, new[] { "mapping" }),
        ["field_name_prefix"] = (TransformationKind.FieldNamePrefix, new[] { "prefix" }),
        ["field_name_prefix_mapping"] = (TransformationKind.FieldNamePrefixMapping, new[] { "mapping" }),
        ["add_condition"] = (TransformationKind.AddCondition, new[] { "conditions" }),
        ["change_logsource"] = (TransformationKind.ChangeLogsource, new[] { "product", "category", "service" }),
        ["drop_detection_item"] = (TransformationKind.DropDetectionItem, Array.Empty<string>()),
        ["replace_string"] = (TransformationKind.ReplaceString, new[] { "regex", "replacement" }),
        ["set_state"] = (TransformationKind.SetState, new[] { "key", "val" }),
    };

    /// <summary>The names of the pipelines built into the generator.</summary>
    public static readonly string[] BuiltIn = { "cloudtrail", "windows-evtx" };

    public static PipelineSet Parse(string property, IReadOnlyList<RuleSource> files, CancellationToken cancellationToken)
    {
        var pipelines = new List<(PipelineModel Pipeline, int Order)>();
        var diagnostics = new List<DiagnosticInfo>();
        string[] entries = property.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries).Select(e => e.Trim()).Where(e => e.Length > 0).ToArray();
        for (int order = 0; order < entries.Length; order++)
        {
            string entry = entries[order];
            RuleSource? source = Array.IndexOf(BuiltIn, entry.ToLowerInvariant()) >= 0
                ? BuiltInSource(entry.ToLowerInvariant())
                : files.FirstOrDefault(f => Matches(f, entry));
            if (source is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(SigmaDiagnostics.UnknownPipelineId, "", SourceSpan.FileStart, entry, string.Join(", ", BuiltIn)));
                continue;
            }
            var context = new DiagnosticSink(source.FullPath);
            PipelineModel? pipeline = ParseOne(source, context, cancellationToken);
            diagnostics.AddRange(context.Diagnostics);
            if (pipeline is not null && !context.Failed)
                pipelines.Add((pipeline, order));
        }
        return new PipelineSet(
            pipelines.OrderBy(p => p.Pipeline.Priority).ThenBy(p => p.Order).Select(p => p.Pipeline).ToEquatableArray(),
            diagnostics.ToEquatableArray());
    }

    // An entry names a file by its path as written in the property; compare the normalised endings.
    private static bool Matches(RuleSource file, string entry)
    {
        string path = file.FullPath.Replace('\\', '/');
        string wanted = entry.Replace('\\', '/').TrimStart('.', '/');
        return path.EndsWith("/" + wanted, StringComparison.Ordinal) || path == wanted;
    }

    private static RuleSource? BuiltInSource(string name)
    {
        Assembly assembly = typeof(PipelineParser).Assembly;
        using Stream? stream = assembly.GetManifestResourceStream("SigmaCompile.Pipelines." + name + ".yml");
        if (stream is null)
            return null;
        using var reader = new StreamReader(stream);
        return new RuleSource("builtin:" + name, "builtin:" + name, reader.ReadToEnd(), true);
    }

    private static PipelineModel? ParseOne(RuleSource source, DiagnosticSink context, CancellationToken cancellationToken)
    {
        List<YamlNode>? documents = YamlTreeReader.Read(source.Text, source.FullPath, cancellationToken, out DiagnosticInfo? error);
        if (error is not null)
        {
            context.Report(SigmaDiagnostics.InvalidPipelineId, error.Span, error.Arguments.FirstOrDefault() ?? "invalid YAML");
            return null;
        }
        if (documents!.Count != 1 || !documents[0].IsMapping)
        {
            context.Report(SigmaDiagnostics.InvalidPipelineId, SourceSpan.FileStart, "a pipeline is one YAML mapping with 'name', 'priority' and 'transformations'");
            return null;
        }
        YamlNode root = documents[0];
        CheckKeys(root, TopLevelKeys, "pipeline", context);
        string name = root.Get("name")?.Value ?? source.RelativePath;
        int priority = 0;
        if (root.Get("priority") is { } priorityNode && !int.TryParse(priorityNode.Value, out priority))
            context.Report(SigmaDiagnostics.InvalidPipelineId, priorityNode.Span, $"'priority' must be a whole number, not '{priorityNode.Value}'");
        YamlNode? items = root.Get("transformations");
        if (items is null || !items.IsSequence)
        {
            context.Report(SigmaDiagnostics.InvalidPipelineId, items?.Span ?? root.Span, "'transformations' must be a list of processing items");
            return null;
        }
        var transformations = new List<TransformationModel>();
        for (int i = 0; i < items.Items.Count; i++)
        {
            TransformationModel? transformation = ParseItem(items.Items[i], i, context);
            if (transformation is not null)
                transformations.Add(transformation);
        }
        return new PipelineModel(name, priority, transformations.ToEquatableArray());
    }

    private static TransformationModel? ParseItem(YamlNode item, int index, DiagnosticSink context)
    {
        if (!item.IsMapping)
        {
            context.Report(SigmaDiagnostics.InvalidPipelineId, item.Span, "each transformation must be a mapping with a 'type'");
            return null;
        }
        string type = item.Get("type")?.Value ?? "";
        if (!Types.TryGetValue(type, out var known))
        {
            context.Report(SigmaDiagnostics.InvalidPipelineId, item.Get("type")?.Span ?? item.Span,
                $"the transformation type '{type}' is not supported; supported: {string.Join(", ", Types.Keys.OrderBy(k => k, StringComparer.Ordinal))}");
            return null;
        }
        if (!CheckKeys(item, CommonKeys.Concat(known.Keys).ToArray(), $"'{type}'", context))
            return null;

        string id = item.Get("id")?.Value ?? type + "#" + index;
        var mapping = new List<FieldMapping>();
        var prefixes = new List<string>();
        var conditions = new List<ConditionAlternative>();
        switch (known.Kind)
        {
            case TransformationKind.FieldNameMapping:
            case TransformationKind.FieldNamePrefixMapping:
                if (item.Get("mapping") is not { IsMapping: true } map)
                {
                    context.Report(SigmaDiagnostics.InvalidPipelineId, item.Span, $"'{type}' needs a 'mapping' of field names to a name or a list of names");
                    return null;
                }
                foreach (KeyValuePair<YamlNode, YamlNode> entry in map.Entries)
                {
                    List<string>? targets = Strings(entry.Value);
                    if (targets is null || targets.Count == 0)
                    {
                        context.Report(SigmaDiagnostics.InvalidPipelineId, entry.Value.Span, $"'{entry.Key.Value}' must map to a name or a list of names");
                        return null;
                    }
                    mapping.Add(new FieldMapping(entry.Key.Value, targets.ToEquatableArray()));
                }
                break;
            case TransformationKind.FieldNamePrefix:
                List<string>? given = item.Get("prefix") is { } prefixNode ? Strings(prefixNode) : null;
                if (given is null || given.Count == 0)
                {
                    context.Report(SigmaDiagnostics.InvalidPipelineId, item.Span, "'field_name_prefix' needs a 'prefix' (or a list of prefixes, meaning any of them)");
                    return null;
                }
                prefixes.AddRange(given);
                break;
            case TransformationKind.AddCondition:
                if (!ParseConditions(item.Get("conditions"), item, conditions, context))
                    return null;
                break;
            case TransformationKind.ReplaceString:
                string regex = item.Get("regex")?.Value ?? "";
                try
                {
                    _ = new System.Text.RegularExpressions.Regex(regex);
                }
                catch (ArgumentException exception)
                {
                    context.Report(SigmaDiagnostics.InvalidPipelineId, item.Get("regex")?.Span ?? item.Span, $"'regex' is invalid: {exception.Message}");
                    return null;
                }
                break;
        }

        List<RuleCondition>? ruleConditions = ParseRuleConditions(item.Get("rule_conditions"), context);
        List<FieldCondition>? fieldConditions = ParseFieldConditions(item.Get("field_name_conditions"), context);
        if (ruleConditions is null || fieldConditions is null)
            return null;
        if (item.Get("rule_cond_not")?.Value is "true" or "True")
            ruleConditions = ruleConditions.Select(c => c with { Negate = !c.Negate }).ToList();
        if (item.Get("field_name_cond_not")?.Value is "true" or "True")
            fieldConditions = fieldConditions.Select(c => c with { Include = !c.Include }).ToList();

        return new TransformationModel(
            id, known.Kind, mapping.ToEquatableArray(), prefixes.ToEquatableArray(), conditions.ToEquatableArray(),
            item.Get("product")?.Value, item.Get("category")?.Value, item.Get("service")?.Value,
            item.Get("regex")?.Value ?? "", item.Get("replacement")?.Value ?? "",
            item.Get("key")?.Value ?? "", item.Get("val")?.Value ?? "",
            ruleConditions.ToEquatableArray(), item.Get("rule_cond_op")?.Value != "or",
            fieldConditions.ToEquatableArray(), item.Get("field_name_cond_op")?.Value != "or");
    }

    private static bool ParseConditions(YamlNode? node, YamlNode item, List<ConditionAlternative> conditions, DiagnosticSink context)
    {
        List<YamlNode> maps = node is { IsMapping: true } ? new List<YamlNode> { node } : node is { IsSequence: true } ? node.Items : new List<YamlNode>();
        if (maps.Count == 0 || maps.Any(m => !m.IsMapping || m.Entries.Count == 0))
        {
            context.Report(SigmaDiagnostics.InvalidPipelineId, node?.Span ?? item.Span, "'add_condition' needs 'conditions': a mapping of fields to values, or a list of such mappings (any of them)");
            return false;
        }
        foreach (YamlNode map in maps)
        {
            var fields = new List<ConditionField>();
            foreach (KeyValuePair<YamlNode, YamlNode> entry in map.Entries)
            {
                List<YamlNode> values = entry.Value.IsSequence ? entry.Value.Items : new List<YamlNode> { entry.Value };
                if (values.Any(v => !v.IsScalar))
                {
                    context.Report(SigmaDiagnostics.InvalidPipelineId, entry.Value.Span, $"the condition on '{entry.Key.Value}' must be a value or a list of values");
                    return false;
                }
                bool isNull = values.Count == 1 && values[0].Type == ScalarType.Null;
                fields.Add(new ConditionField(entry.Key.Value, isNull ? EquatableArray<string>.Empty : values.Select(v => v.Value).ToEquatableArray(), isNull));
            }
            conditions.Add(new ConditionAlternative(fields.ToEquatableArray()));
        }
        return true;
    }

    private static List<RuleCondition>? ParseRuleConditions(YamlNode? node, DiagnosticSink context)
    {
        var result = new List<RuleCondition>();
        if (node is null)
            return result;
        foreach (YamlNode condition in node.IsSequence ? node.Items : new List<YamlNode> { node })
        {
            string type = condition.Get("type")?.Value ?? "";
            if (type == "logsource" && CheckKeys(condition, new[] { "type", "product", "category", "service" }, "'logsource' condition", context))
                result.Add(new RuleCondition(type, condition.Get("product")?.Value, condition.Get("category")?.Value, condition.Get("service")?.Value, "", "", false));
            else if (type == "processing_state" && CheckKeys(condition, new[] { "type", "key", "val" }, "'processing_state' condition", context))
                result.Add(new RuleCondition(type, null, null, null, condition.Get("key")?.Value ?? "", condition.Get("val")?.Value ?? "", false));
            else
            {
                if (type is not ("logsource" or "processing_state"))
                    context.Report(SigmaDiagnostics.InvalidPipelineId, condition.Span, $"the rule condition type '{type}' is not supported; supported: logsource, processing_state");
                return null;
            }
        }
        return result;
    }

    private static List<FieldCondition>? ParseFieldConditions(YamlNode? node, DiagnosticSink context)
    {
        var result = new List<FieldCondition>();
        if (node is null)
            return result;
        foreach (YamlNode condition in node.IsSequence ? node.Items : new List<YamlNode> { node })
        {
            string type = condition.Get("type")?.Value ?? "";
            List<string>? fields = condition.Get("fields") is { } f ? Strings(f) : null;
            string mode = condition.Get("mode")?.Value ?? "plain";
            if (type is not ("include_fields" or "exclude_fields") || fields is null || mode is not ("plain" or "re")
                || !CheckKeys(condition, new[] { "type", "fields", "mode" }, $"'{type}' condition", context))
            {
                context.Report(SigmaDiagnostics.InvalidPipelineId, condition.Span, "field name conditions are 'include_fields' or 'exclude_fields' with 'fields' (names) and optional 'mode: plain|re'");
                return null;
            }
            result.Add(new FieldCondition(type == "include_fields", mode == "re", fields.ToEquatableArray()));
        }
        return result;
    }

    private static List<string>? Strings(YamlNode node) =>
        node.IsScalar ? new List<string> { node.Value } :
        node.IsSequence && node.Items.All(i => i.IsScalar) ? node.Items.Select(i => i.Value).ToList() : null;

    private static bool CheckKeys(YamlNode mapping, string[] allowed, string what, DiagnosticSink context)
    {
        bool ok = true;
        foreach (KeyValuePair<YamlNode, YamlNode> entry in mapping.Entries)
        {
            if (Array.IndexOf(allowed, entry.Key.Value) >= 0)
                continue;
            context.Report(SigmaDiagnostics.InvalidPipelineId, entry.Key.Span, $"'{entry.Key.Value}' is not supported in a {what}; allowed: {string.Join(", ", allowed)}");
            ok = false;
        }
        return ok;
    }
}
