using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using SigmaCompile.Generator.Diagnostics;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Reading;

/// <summary>
/// Reads a detection rule's document: its metadata (checked here; doubtful values are warnings and read as
/// unknown) and, through <see cref="DetectionReader"/>, its detection. Never throws for any input.
/// </summary>
internal static class RuleReader
{
    private static readonly string[] Statuses = { "stable", "test", "experimental", "deprecated", "unsupported" };
    private static readonly string[] Levels = { "informational", "low", "medium", "high", "critical" };

    /// <summary>The rule as written, or null when it lacks what a rule needs (reported to <paramref name="sink"/>).</summary>
    public static RuleDocument? Read(YamlNode root, DiagnosticSink sink, CancellationToken cancellationToken)
    {
        string? title = RequiredString(root, "title", sink);
        YamlNode? detection = root.Get("detection");
        if (detection is null)
            sink.Report(SigmaDiagnostics.NotASigmaRuleId, root.Span, "it has no 'detection'; add a detection with search identifiers and a 'condition'");
        else if (!detection.IsMapping)
            sink.Report(SigmaDiagnostics.NotASigmaRuleId, detection.Span, "'detection' must be a mapping of search identifiers and a 'condition'");
        if (title is null || detection is null || !detection.IsMapping)
            return null;

        YamlNode? logsource = root.Get("logsource");
        if (logsource is not null && !logsource.IsMapping)
        {
            sink.Report(SigmaDiagnostics.InvalidMetadataId, logsource.Span, "'logsource' must be a mapping of product, category and service; it is ignored");
            logsource = null;
        }
        RuleMetadata metadata = ReadMetadata(root, title, sink, logsource);

        DetectionDefinition? read = DetectionReader.Read(detection, sink, cancellationToken);
        if (read is null)
            return null;
        return new RuleDocument(root.Span, root.KeySpan("id"), metadata, read.Searches, read.ConditionText, read.Condition);
    }

    /// <summary>
    /// The metadata every Sigma document kind shares (id, name, status, level, description, author, dates, references,
    /// tags, false positives), and the log source when <paramref name="logsource"/> is given.
    /// </summary>
    public static RuleMetadata ReadMetadata(YamlNode root, string title, DiagnosticSink sink, YamlNode? logsource) =>
        new(
            Id: ReadId(root, title, sink),
            Title: title,
            Status: ReadEnum(root, "status", Statuses, sink),
            Level: ReadEnum(root, "level", Levels, sink),
            Description: OptionalString(root, "description", sink) ?? "",
            Author: OptionalString(root, "author", sink) ?? "",
            Date: ReadDate(root, "date", sink),
            Modified: ReadDate(root, "modified", sink),
            References: StringList(root, "references", sink),
            Tags: StringList(root, "tags", sink),
            Product: logsource is null ? null : OptionalString(logsource, "product", sink),
            Category: logsource is null ? null : OptionalString(logsource, "category", sink),
            Service: logsource is null ? null : OptionalString(logsource, "service", sink),
            FalsePositives: StringList(root, "falsepositives", sink),
            Name: ReadName(root, sink));

    // A rule's 'name' (Sigma v2): how correlations refer to it. Blank or not a string is a warning, read as none.
    private static string? ReadName(YamlNode root, DiagnosticSink sink)
    {
        YamlNode? node = root.Get("name");
        if (node is null || (node.IsScalar && node.Type == ScalarType.Null))
            return null;
        if (node.IsScalar && node.Value.Trim().Length > 0)
            return node.Value.Trim();
        sink.Report(SigmaDiagnostics.InvalidMetadataId, node.Span, "'name' should be a non-empty string; it is ignored");
        return null;
    }

    /// <summary>A required non-empty string (such as <c>title</c>), or null when it is missing or not one (reported).</summary>
    public static string? RequiredString(YamlNode root, string key, DiagnosticSink context)
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

    private static string? OptionalString(YamlNode root, string key, DiagnosticSink context)
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

    private static EquatableArray<string> StringList(YamlNode root, string key, DiagnosticSink context)
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

    private static string ReadId(YamlNode root, string title, DiagnosticSink context)
    {
        YamlNode? node = root.Get("id");
        if (node is null)
            return NameBasedId(title);
        if (!node.IsScalar || !Guid.TryParseExact(node.Value.Trim(), "D", out Guid id))
        {
            context.Report(SigmaDiagnostics.InvalidIdId, node.Span, node.IsScalar ? node.Value : node.Describe());
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

    private static string ReadEnum(YamlNode root, string key, string[] allowed, DiagnosticSink context)
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

    private static string? ReadDate(YamlNode root, string key, DiagnosticSink context)
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
