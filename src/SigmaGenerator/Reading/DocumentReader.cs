using System.Collections.Generic;
using System.Linq;
using System.Threading;
using SigmaCompile.Generator.Diagnostics;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Reading;

/// <summary>
/// The reading stage's entry point: a file's text to the Sigma documents it holds. It checks what every file needs
/// (UTF-8 text, valid YAML), splits it into its YAML documents (<c>---</c>: a detection rule and the correlations over
/// it may share a file, as in the specification's examples), then decides each document's kind and hands it to that
/// kind's reader. Each document is read on its own, so one broken document leaves the others compiled.
/// </summary>
internal static class DocumentReader
{
    /// <summary>
    /// The file's YAML documents (empty ones between separators dropped), or null when the file holds nothing to
    /// compile (the reasons are in <paramref name="sink"/>).
    /// </summary>
    public static IReadOnlyList<YamlNode>? ReadDocuments(RuleSource source, DiagnosticSink sink, CancellationToken cancellationToken)
    {
        if (!source.IsUtf8 || source.Text.IndexOf('\0') >= 0 || source.Text.IndexOf('\uFFFD') >= 0)
        {
            sink.Report(SigmaDiagnostics.NotUtf8Id, SourceSpan.FileStart);
            return null;
        }
        if (string.IsNullOrWhiteSpace(source.Text))
        {
            sink.Report(SigmaDiagnostics.EmptyFileId, SourceSpan.FileStart);
            return null;
        }

        List<YamlNode>? documents = YamlTreeReader.Read(source.Text, source.FullPath, cancellationToken, out DiagnosticInfo? yamlError);
        if (yamlError is not null)
        {
            sink.Report(yamlError.Id, yamlError.Span, yamlError.Arguments.ToArray());
            return null;
        }
        if (documents!.Count > 1)
            documents = documents.Where(d => !(d.IsScalar && d.Type == ScalarType.Null)).ToList();
        if (documents.Count == 0)
        {
            sink.Report(SigmaDiagnostics.EmptyFileId, SourceSpan.FileStart);
            return null;
        }
        // Sigma 1 collections: an 'action: global' document is merged into the documents after it. Sigma 2 dropped
        // them; the whole file is skipped rather than compiled as something it does not mean.
        YamlNode? collection = documents.FirstOrDefault(d => d.IsMapping && d.Get("action") is not null);
        if (collection is not null)
        {
            sink.Report(SigmaDiagnostics.UnsupportedFeatureId, collection.KeySpan("action"), "a Sigma 1 rule collection ('action: global', 'reset' or 'repeat'), which Sigma 2 replaced; write each rule as a complete document of its own");
            return null;
        }
        return documents;
    }

    /// <summary>One document of the file, or null when it holds nothing to compile (the reasons are in <paramref name="sink"/>).</summary>
    public static SigmaDocument? Read(YamlNode root, string sourcePath, DiagnosticSink sink, CancellationToken cancellationToken)
    {
        if (!root.IsMapping)
        {
            sink.Report(SigmaDiagnostics.NotASigmaRuleId, root.Span, "each YAML document must be a mapping: a rule with 'title', 'logsource' and 'detection', or a correlation with 'title' and 'correlation'");
            return null;
        }
        if (root.Get("correlation") is not null)
            return CorrelationReader.Read(root, sourcePath, sink);
        if (root.Get("filter") is not null && root.Get("detection") is null)
            return FilterReader.Read(root, sink, cancellationToken);
        return RuleReader.Read(root, sink, cancellationToken);
    }
}
