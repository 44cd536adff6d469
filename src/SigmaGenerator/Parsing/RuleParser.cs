using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using SigmaCompile.Generator.Diagnostics;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Parsing;

/// <summary>
/// Turns one rule file into a <see cref="RuleModel"/> and its diagnostics. Never throws for any input: every
/// problem is a diagnostic, and a rule with errors yields no model (so it is simply not compiled).
/// </summary>
internal static class RuleParser
{
    private static readonly string[] Statuses = { "stable", "test", "experimental", "deprecated", "unsupported" };
    private static readonly string[] Levels = { "informational", "low", "medium", "high", "critical" };

    public static ParseResult Parse(RuleSource source, ParseSettings settings, CancellationToken cancellationToken)
    {
        var context = new LoweringContext(source.FullPath, settings.Placeholders);
        RuleModel? rule;
        try
        {
            rule = ParseRule(source, context, cancellationToken);
            if (rule is not null && !settings.Pipelines.Pipelines.IsEmpty)
                rule = PipelineApplier.Apply(rule, settings.Pipelines);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception exception)
        {
            // A bug of ours must not take the build down: report it against the file and skip the rule.
            context.Report(SigmaDiagnostics.InvalidYamlId, SourceSpan.FileStart, $"internal error while reading the rule ({exception.GetType().Name}: {exception.Message}); please report it");
            rule = null;
        }
        SourceSpan idSpan = SourceSpan.FileStart;
        if (rule is not null)
            idSpan = IdSpan(source.Text) ?? SourceSpan.FileStart;
        return new ParseResult(context.HasErrors ? null : rule, context.Diagnostics.ToEquatableArray(), source.FullPath, idSpan);
    }

    private static RuleModel? ParseRule(RuleSource source, LoweringContext context, CancellationToken cancellationToken)
    {
        if (!source.IsUtf8 || source.Text.IndexOf('\0') >= 0 || source.Text.IndexOf('\uFFFD') >= 0)
        {
            context.Report(SigmaDiagnostics.NotUtf8Id, SourceSpan.FileStart);
            return null;
        }
        if (string.IsNullOrWhiteSpace(source.Text))
        {
            context.Report(SigmaDiagnostics.EmptyFileId, SourceSpan.FileStart);
            return null;
        }

        List<YamlNode>? documents = YamlTreeReader.Read(source.Text, source.FullPath, cancellationToken, out DiagnosticInfo? yamlError);
        if (yamlError is not null)
        {
            context.Report(yamlError.Id, yamlError.Span, yamlError.Arguments.ToArray());
            return null;
        }
        if (documents!.Count == 0)
        {
            context.Report(SigmaDiagnostics.EmptyFileId, SourceSpan.FileStart);
            return null;
        }
        if (documents.Count > 1)
        {
            context.Report(SigmaDiagnostics.UnsupportedFeatureId, documents[1].Span, "several YAML documents in one file (Sigma 1 'action: global' collections)");
            return null;
        }
        YamlNode root = documents[0];
        if (!root.IsMapping)
        {
            context.Report(SigmaDiagnostics.NotASigmaRuleId, root.Span, "the file must be a YAML mapping with 'title', 'logsource' and 'detection'");
            return null;
        }
        if (root.Get("correlation") is { } correlation)
        {
            context.Report(SigmaDiagnostics.UnsupportedFeatureId, KeySpan(root, "correlation"), "a correlation ('correlation:')");
            return null;
        }
        if (root.Get("filter") is not null && root.Get("detection") is null)
        {
            context.Report(SigmaDiagnostics.UnsupportedFeatureId, KeySpan(root, "filter"), "a Sigma filter ('filter:')");
            return null;
        }

        string? title = RequiredString(root, "title", context);
        YamlNode? detection = root.Get("detection");
        if (detection is null)
            context.Report(SigmaDiagnostics.NotASigmaRuleId, root.Span, "it has no 'detection'; add a detection with search identifiers and a 'condition'");
        else if (!detection.IsMapping)
            context.Report(SigmaDiagnostics.NotASigmaRuleId, detection.Span, "'detection' must be a mapping of search identifiers and a 'condition'");
        if (title is null || detection is null || !detection.IsMapping)
            return null;

        string id = ReadId(root, title, context);
        string status = ReadEnum(root, "status", Statuses, context);
        string level = ReadEnum(root, "level", Levels, context);
        YamlNode? logsource = root.Get("logsource");
        if (logsource is not null && !logsource.IsMapping)
        {
            context.Report(SigmaDiagnostics.InvalidMetadataId, logsource.Span, "'logsource' must be a mapping of product, category and service; it is ignored");
            logsource = null;
        }

        var searches = new List<SearchModel>();
        YamlNode? conditionNode = null;
        SourceSpan conditionKeySpan = detection.Span;
        foreach (KeyValuePair<YamlNode, YamlNode> entry in detection.Entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!entry.Key.IsScalar)
            {
                context.Report(SigmaDiagnostics.InvalidDetectionId, entry.Key.Span, "search identifiers must be plain names");
                continue;
            }
            string name = entry.Key.Value;
            if (name == "condition")
            {
                conditionNode = entry.Value;
                conditionKeySpan = entry.Key.Span;
                continue;
            }
            if (name == "timeframe")
            {
                context.Report(SigmaDiagnostics.UnsupportedFeatureId, entry.Key.Span, "'timeframe' (Sigma 1 aggregation); use a correlation rule");
                return null;
            }
            SearchModel? search = ParseSearch(name, entry.Key.Span, entry.Value, context);
            if (search is not null)
                searches.Add(search);
        }

        if (conditionNode is null)
        {
            context.Report(SigmaDiagnostics.NotASigmaRuleId, detection.Span, "its detection has no 'condition'; add e.g. 'condition: selection'");
            return null;
        }
        var identifiers = detection.Entries.Where(e => e.Key.IsScalar && e.Key.Value != "condition").Select(e => e.Key.Value).ToList();
        (ConditionNode? condition, string conditionText) = ParseCondition(conditionNode, identifiers, context);
        if (condition is null || context.HasErrors)
            return null;

        return new RuleModel(
            SourcePath: source.RelativePath,
            Id: id,
            Title: title,
            Status: status,
            Level: level,
            Description: OptionalString(root, "description", context) ?? "",
            Author: OptionalString(root, "author", context) ?? "",
            Date: ReadDate(root, "date", context),
            Modified: ReadDate(root, "modified", context),
            References: StringList(root, "references", context),
            Tags: StringList(root, "tags", context),
            Product: logsource is null ? null : OptionalString(logsource, "product", context),
            Category: logsource is null ? null : OptionalString(logsource, "category", context),
            Service: logsource is null ? null : OptionalString(logsource, "service", context),
            FalsePositives: StringList(root, "falsepositives", context),
            Searches: searches.ToEquatableArray(),
            ConditionText: conditionText,
            Condition: condition);
    }

    private static SearchModel? ParseSearch(string name, SourceSpan nameSpan, YamlNode value, LoweringContext context)
    {
        var alternatives = new List<AlternativeModel>();
        if (value.IsMapping)
        {
            AlternativeModel? map = ParseMap(name, value, context);
            if (map is null)
                return null;
            alternatives.Add(map);
        }
        else if (value.IsSequence && value.Items.Count > 0 && value.Items.All(i => i.IsMapping))
        {
            foreach (YamlNode item in value.Items)
            {
                AlternativeModel? map = ParseMap(name, item, context);
                if (map is null)
                    return null;
                alternatives.Add(map);
            }
        }
        else if (value.IsScalar || (value.IsSequence && value.Items.All(i => i.IsScalar)))
        {
            // A plain value or list of values: keywords searched in every string of the event.
            IReadOnlyList<PredicateModel>? keywords = DetectionItemLowering.Lower("", nameSpan, value, isKeyword: true, context);
            if (keywords is null)
                return null;
            alternatives.Add(new AlternativeModel(keywords.ToEquatableArray()));
        }
        else
        {
            context.Report(SigmaDiagnostics.InvalidDetectionId, value.Span,
                $"The search identifier '{name}' must be a mapping of fields, a list of such mappings, or a list of keywords; it mixes them or is empty");
            return null;
        }
        return new SearchModel(name, alternatives.ToEquatableArray());
    }

    private static AlternativeModel? ParseMap(string name, YamlNode map, LoweringContext context)
    {
        if (map.Entries.Count == 0)
        {
            context.Report(SigmaDiagnostics.InvalidDetectionId, map.Span, $"The search identifier '{name}' has an empty mapping; give at least one field");
            return null;
        }
        var predicates = new List<PredicateModel>();
        bool ok = true;
        foreach (KeyValuePair<YamlNode, YamlNode> entry in map.Entries)
        {
            if (!entry.Key.IsScalar)
            {
                context.Report(SigmaDiagnostics.InvalidDetectionId, entry.Key.Span, "field names must be plain strings");
                ok = false;
                continue;
            }
            string key = entry.Key.Value;
            bool isKeyword = key.Length == 0 || key[0] == '|';
            IReadOnlyList<PredicateModel>? lowered = DetectionItemLowering.Lower(key, entry.Key.Span, entry.Value, isKeyword, context);
            if (lowered is null)
                ok = false;
            else
                predicates.AddRange(lowered);
        }
        return ok ? new AlternativeModel(predicates.ToEquatableArray()) : null;
    }

    private static (ConditionNode? Node, string Text) ParseCondition(YamlNode node, List<string> identifiers, LoweringContext context)
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

    // The 'id:' line of a parsed rule, found again cheaply for the duplicate-id diagnostic.
    private static SourceSpan? IdSpan(string text)
    {
        int line = 0, start = 0;
        while (start < text.Length)
        {
            int end = text.IndexOf('\n', start);
            if (end < 0)
                end = text.Length;
            if (string.CompareOrdinal(text, start, "id:", 0, 3) == 0)
                return new SourceSpan(start, 2, line, 0, line, 2);
            start = end + 1;
            line++;
        }
        return null;
    }

    private static SourceSpan KeySpan(YamlNode mapping, string key) =>
        mapping.Entries.FirstOrDefault(e => e.Key.IsScalar && e.Key.Value == key).Key?.Span ?? mapping.Span;

    private static string? RequiredString(YamlNode root, string key, LoweringContext context)
    {
        YamlNode? node = root.Get(key);
        if (node is null)
        {
            context.Report(SigmaDiagnostics.NotASigmaRuleId, root.Span, $"it has no '{key}'; add '{key}: ...'");
            return null;
        }
        if (!node.IsScalar || node.Value.Trim().Length == 0)
        {
            context.Report(SigmaDiagnostics.NotASigmaRuleId, node.Span, $"'{key}' must be a non-empty string");
            return null;
        }
        return node.Value.Trim();
    }

    private static string? OptionalString(YamlNode root, string key, LoweringContext context)
    {
        YamlNode? node = root.Get(key);
        if (node is null || (node.IsScalar && node.Type == ScalarType.Null))
            return null;
        if (node.IsScalar)
            return node.Value;
        if (node.IsSequence && node.Items.All(i => i.IsScalar))
            return string.Join(", ", node.Items.Select(i => i.Value));
        context.Report(SigmaDiagnostics.InvalidMetadataId, node.Span, $"'{key}' should be a string; it is ignored");
        return null;
    }

    private static EquatableArray<string> StringList(YamlNode root, string key, LoweringContext context)
    {
        YamlNode? node = root.Get(key);
        if (node is null || (node.IsScalar && node.Type == ScalarType.Null))
            return EquatableArray<string>.Empty;
        if (node.IsScalar)
            return new[] { node.Value }.ToEquatableArray();
        if (node.IsSequence && node.Items.All(i => i.IsScalar))
            return node.Items.Where(i => i.Type != ScalarType.Null).Select(i => i.Value).ToEquatableArray();
        context.Report(SigmaDiagnostics.InvalidMetadataId, node.Span, $"'{key}' should be a list of strings; it is ignored");
        return EquatableArray<string>.Empty;
    }

    private static string ReadId(YamlNode root, string title, LoweringContext context)
    {
        YamlNode? node = root.Get("id");
        if (node is null)
            return NameBasedId(title);
        if (!node.IsScalar || !Guid.TryParseExact(node.Value.Trim(), "D", out Guid id))
        {
            context.Report(SigmaDiagnostics.InvalidIdId, node.Span, node.IsScalar ? node.Value : DetectionItemLowering.Describe(node));
            return "";
        }
        return id.ToString("D");
    }

    // A rule without an id gets a stable one derived from its title, so registries stay deterministic.
    private static string NameBasedId(string title)
    {
        using var sha = System.Security.Cryptography.SHA256.Create();
        byte[] hash = sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes("sigmacompile:" + title));
        byte[] bytes = new byte[16];
        Array.Copy(hash, bytes, 16);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50); // version 5-style marker in Guid's little-endian layout
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString("D");
    }

    private static string ReadEnum(YamlNode root, string key, string[] allowed, LoweringContext context)
    {
        YamlNode? node = root.Get(key);
        if (node is null || (node.IsScalar && node.Type == ScalarType.Null))
            return "";
        string value = node.IsScalar ? node.Value.Trim().ToLowerInvariant() : "";
        if (Array.IndexOf(allowed, value) >= 0)
            return value;
        context.Report(SigmaDiagnostics.InvalidMetadataId, node.Span, $"'{key}' must be one of {string.Join(", ", allowed)}; '{node.Value}' is read as unknown");
        return "";
    }

    private static string? ReadDate(YamlNode root, string key, LoweringContext context)
    {
        YamlNode? node = root.Get(key);
        if (node is null || (node.IsScalar && node.Type == ScalarType.Null))
            return null;
        if (node.IsScalar && DateTime.TryParseExact(node.Value.Trim(), new[] { "yyyy-MM-dd", "yyyy/MM/dd" }, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime date))
            return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        context.Report(SigmaDiagnostics.InvalidMetadataId, node.Span, $"'{key}' must be a date written YYYY-MM-DD; '{(node.IsScalar ? node.Value : "")}' is ignored");
        return null;
    }
}
