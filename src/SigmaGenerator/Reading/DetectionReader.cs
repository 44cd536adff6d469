using System.Collections.Generic;
using System;
using System.Linq;
using System.Threading;
using SigmaCompile.Generator.Diagnostics;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Reading;

/// <summary>A rule's detection as written: its search identifiers, and its condition as written and parsed.</summary>
internal sealed record DetectionDefinition(IReadOnlyList<SearchDefinition> Searches, string ConditionText, ConditionNode Condition);

/// <summary>
/// Reads a rule's <c>detection</c>: each search identifier into its maps and items as written (keys split into
/// field and modifier names, values left as YAML nodes), and the condition into a tree over the identifiers.
/// Shape errors are reported and the broken part left out, so the rest of the rule still gets its diagnostics.
/// </summary>
internal static class DetectionReader
{
    /// <summary>The detection, or null when it cannot be compiled at all (no condition, a condition that does not parse, <c>timeframe</c>).</summary>
    /// <param name="ignoredKey">A key of the mapping that is not a search identifier (a filter's <c>rules</c>), or null.</param>
    public static DetectionDefinition? Read(YamlNode detection, DiagnosticSink context, CancellationToken cancellationToken, string? ignoredKey = null)
    {
        var searches = new List<SearchDefinition>();
        YamlNode? conditionNode = null;
        foreach (KeyValuePair<YamlNode, YamlNode> entry in detection.Entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!entry.Key.IsScalar)
            {
                context.Report(SigmaDiagnostics.InvalidDetectionId, entry.Key.Span, "search identifiers must be plain names");
                continue;
            }
            string name = entry.Key.Value;
            if (name == ignoredKey)
                continue;
            if (name == "condition")
            {
                conditionNode = entry.Value;
                continue;
            }
            if (name == "timeframe")
            {
                context.Report(SigmaDiagnostics.UnsupportedFeatureId, entry.Key.Span, "'timeframe' (Sigma 1 aggregation); use a correlation rule");
                return null;
            }
            SearchDefinition? search = ReadSearch(name, entry.Key.Span, entry.Value, context);
            if (search is not null)
                searches.Add(search);
        }

        if (conditionNode is null)
        {
            context.Report(SigmaDiagnostics.NotASigmaRuleId, detection.Span, "its detection has no 'condition'; add e.g. 'condition: selection'");
            return null;
        }
        var identifiers = detection.Entries.Where(e => e.Key.IsScalar && e.Key.Value != "condition" && e.Key.Value != ignoredKey).Select(e => e.Key.Value).ToList();
        (ConditionNode? condition, string conditionText) = ParseCondition(conditionNode, identifiers, context);
        return condition is null ? null : new DetectionDefinition(searches, conditionText, condition);
    }

    private static SearchDefinition? ReadSearch(string name, SourceSpan nameSpan, YamlNode value, DiagnosticSink context)
    {
        var alternatives = new List<ItemMap>();
        if (value.IsMapping)
        {
            ItemMap? map = ReadMap(name, value, context);
            if (map is null)
                return null;
            alternatives.Add(map);
        }
        else if (value.IsSequence && value.Items.Count > 0 && value.Items.All(i => i.IsMapping))
        {
            foreach (YamlNode item in value.Items)
            {
                ItemMap? map = ReadMap(name, item, context);
                if (map is null)
                    return null;
                alternatives.Add(map);
            }
        }
        else if (value.IsScalar || (value.IsSequence && value.Items.All(i => i.IsScalar)))
        {
            // A plain value or list of values: keywords searched in every string of the event.
            alternatives.Add(new ItemMap(new[] { new DetectionItem("", nameSpan, "", Array.Empty<string>(), value, IsKeyword: true) }));
        }
        else
        {
            context.Report(SigmaDiagnostics.InvalidDetectionId, value.Span,
                $"The search identifier '{name}' must be a mapping of fields, a list of such mappings, or a list of keywords; it mixes them or is empty");
            return null;
        }
        return new SearchDefinition(name, alternatives);
    }

    // A map whose key is not a plain string keeps its other items, so they are checked too; the error keeps the rule out.
    private static ItemMap? ReadMap(string name, YamlNode map, DiagnosticSink context)
    {
        if (map.Entries.Count == 0)
        {
            context.Report(SigmaDiagnostics.InvalidDetectionId, map.Span, $"The search identifier '{name}' has an empty mapping; give at least one field");
            return null;
        }
        var items = new List<DetectionItem>();
        foreach (KeyValuePair<YamlNode, YamlNode> entry in map.Entries)
        {
            if (!entry.Key.IsScalar)
            {
                context.Report(SigmaDiagnostics.InvalidDetectionId, entry.Key.Span, "field names must be plain strings");
                continue;
            }
            string key = entry.Key.Value;
            string[] parts = key.Split('|');
            bool isKeyword = key.Length == 0 || key[0] == '|';
            items.Add(new DetectionItem(key, entry.Key.Span, parts[0], parts.Skip(1).ToArray(), entry.Value, isKeyword));
        }
        return new ItemMap(items);
    }

    private static (ConditionNode? Node, string Text) ParseCondition(YamlNode node, List<string> identifiers, DiagnosticSink context)
    {
        var texts = new List<(string Text, YamlNode Node)>();
        if (node.IsScalar && node.Type != ScalarType.Null)
        {
            texts.Add((node.Value, node));
        }
        else if (node.IsSequence && node.Items.Count > 0 && node.Items.All(i => i.IsScalar))
        {
            texts.AddRange(node.Items.Select(i => (i.Value, i)));
        }
        else
        {
            context.Report(SigmaDiagnostics.ConditionSyntaxId, node.Span, "'condition' must be a string such as 'selection and not filter'");
            return (null, "");
        }

        var alternatives = new List<ConditionNode>();
        foreach ((string text, YamlNode textNode) in texts)
        {
            try
            {
                alternatives.Add(ConditionParser.Parse(text, identifiers));
            }
            catch (ConditionParser.Failure failure)
            {
                context.Report(failure.IsUnknownIdentifier ? SigmaDiagnostics.UnknownIdentifierId : SigmaDiagnostics.ConditionSyntaxId,
                    ConditionSpan(textNode, text, failure.Offset), failure.Message);
                return (null, "");
            }
        }
        string written = string.Join(" | ", texts.Select(t => t.Text));
        return (alternatives.Count == 1 ? alternatives[0] : new OrNode(alternatives.ToEquatableArray()), written);
    }

    // Points at the offending token when the condition is written on one line; otherwise at the condition.
    private static SourceSpan ConditionSpan(YamlNode node, string text, int offset)
    {
        SourceSpan span = node.Span;
        if (span.StartLine != span.EndLine || text.IndexOf('\n') >= 0)
            return span;
        int quote = span.Length > text.Length ? 1 : 0;
        int start = span.Start + quote + Math.Min(offset, text.Length);
        int column = span.StartColumn + quote + Math.Min(offset, text.Length);
        int length = 1;
        return new SourceSpan(start, length, span.StartLine, column, span.StartLine, column + length);
    }
}
