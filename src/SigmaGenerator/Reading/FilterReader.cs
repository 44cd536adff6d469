using System;
using System.Collections.Generic;
using System.Threading;
using SigmaCompile.Generator.Diagnostics;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Reading;

/// <summary>
/// Reads a Sigma filter document (v2.1 <c>filter:</c>): title, id, log source, the rules it names, and its searches
/// and condition, read like a detection's (<see cref="DetectionReader"/>). Whether the named rules exist is checked
/// across files later. Never throws; a filter with an error yields nothing.
/// </summary>
internal static class FilterReader
{
    public static FilterDocument? Read(YamlNode root, DiagnosticSink sink, CancellationToken cancellationToken)
    {
        string? title = RuleReader.RequiredString(root, "title", sink);
        YamlNode section = root.Get("filter")!;
        if (!section.IsMapping)
        {
            sink.Report(SigmaDiagnostics.InvalidFilterId, section.Span, "'filter' must be a mapping of 'rules', search identifiers such as 'selection', and a 'condition'");
            return null;
        }
        YamlNode? logsource = root.Get("logsource");
        if (logsource is null || !logsource.IsMapping)
        {
            sink.Report(SigmaDiagnostics.InvalidFilterId, logsource?.Span ?? root.KeySpan("filter"), "a filter needs a 'logsource' mapping: it applies only to the named rules of that log source");
            return null;
        }
        if (title is null)
            return null;
        RuleMetadata metadata = RuleReader.ReadMetadata(root, title, sink, logsource);

        var rules = new List<string>();
        var spans = new List<SourceSpan>();
        YamlNode? node = section.Get("rules");
        IEnumerable<YamlNode> items = node is null ? Array.Empty<YamlNode>() : node.IsSequence ? node.Items : node.IsScalar && node.Type != ScalarType.Null ? new[] { node } : Array.Empty<YamlNode>();
        foreach (YamlNode item in items)
        {
            string reference = item.IsScalar ? item.Value.Trim() : "";
            if (reference.Length == 0)
            {
                sink.Report(SigmaDiagnostics.InvalidFilterId, item.Span, "each entry of the filter's 'rules' must be a rule id or name");
                continue;
            }
            rules.Add(Guid.TryParseExact(reference, "D", out Guid id) ? id.ToString("D") : reference);
            spans.Add(item.Span);
        }
        if (rules.Count == 0 && !sink.Failed)
        {
            sink.Report(SigmaDiagnostics.InvalidFilterId, node?.Span ?? root.KeySpan("filter"), "the filter names no rules; add 'rules:' with the ids or names of the rules it tunes");
            return null;
        }

        DetectionDefinition? read = DetectionReader.Read(section, sink, cancellationToken, ignoredKey: "rules");
        if (read is null || sink.Failed)
            return null;
        return new FilterDocument(root.Span, root.KeySpan("id"), metadata, rules, spans, section.KeySpan("rules"), read.Searches, read.ConditionText, read.Condition, root.Get("id") is not null);
    }
}
