using System.Collections.Generic;
using System.Linq;
using System.Threading;
using SigmaCompile.Generator.Diagnostics;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Reading;

/// <summary>
/// The reading stage's entry point: a file's text to the Sigma document it holds. It checks what every document
/// needs (UTF-8 text, valid YAML, a mapping), decides the document's kind and hands it to that kind's reader.
/// Kinds SigmaCompile does not compile yet are a warning that skips the file.
/// </summary>
internal static class DocumentReader
{
    /// <summary>The document, or null when the file holds nothing to compile (the reasons are in <paramref name="sink"/>).</summary>
    public static SigmaDocument? Read(RuleSource source, DiagnosticSink sink, CancellationToken cancellationToken)
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
        if (documents!.Count == 0)
        {
            sink.Report(SigmaDiagnostics.EmptyFileId, SourceSpan.FileStart);
            return null;
        }
        if (documents.Count > 1)
        {
            sink.Report(SigmaDiagnostics.UnsupportedFeatureId, documents[1].Span, "several YAML documents in one file (Sigma 1 'action: global' collections)");
            return null;
        }
        YamlNode root = documents[0];
        if (!root.IsMapping)
        {
            sink.Report(SigmaDiagnostics.NotASigmaRuleId, root.Span, "the file must be a YAML mapping with 'title', 'logsource' and 'detection'");
            return null;
        }
        if (root.Get("correlation") is not null)
        {
            sink.Report(SigmaDiagnostics.UnsupportedFeatureId, root.KeySpan("correlation"), "a correlation ('correlation:')");
            return null;
        }
        if (root.Get("filter") is not null && root.Get("detection") is null)
        {
            sink.Report(SigmaDiagnostics.UnsupportedFeatureId, root.KeySpan("filter"), "a Sigma filter ('filter:')");
            return null;
        }
        return RuleReader.Read(root, sink, cancellationToken);
    }
}
