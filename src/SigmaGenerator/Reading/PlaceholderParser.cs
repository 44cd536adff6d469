using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using SigmaCompile.Generator.Diagnostics;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Reading;

/// <summary>
/// Reads placeholder files (<c>name: [value, ...]</c> or <c>name: value</c>). When several files define one name,
/// the file whose path sorts first wins, so the result never depends on the order files are given in.
/// </summary>
internal static class PlaceholderParser
{
    public static PlaceholderSet Parse(IEnumerable<RuleSource> files, CancellationToken cancellationToken)
    {
        var entries = new Dictionary<string, PlaceholderEntry>(StringComparer.Ordinal);
        var diagnostics = new List<DiagnosticInfo>();
        foreach (RuleSource file in files.OrderBy(f => f.FullPath, StringComparer.Ordinal))
        {
            List<YamlNode>? documents = YamlTreeReader.Read(file.Text, file.FullPath, cancellationToken, out DiagnosticInfo? error);
            if (error is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(SigmaDiagnostics.InvalidPlaceholderFileId, file.FullPath, error.Span, error.Arguments.FirstOrDefault() ?? "invalid YAML"));
                continue;
            }
            if (documents!.Count == 0)
                continue;
            YamlNode root = documents[0];
            if (!root.IsMapping)
            {
                diagnostics.Add(DiagnosticInfo.Create(SigmaDiagnostics.InvalidPlaceholderFileId, file.FullPath, root.Span, "the file is not a mapping"));
                continue;
            }
            foreach (KeyValuePair<YamlNode, YamlNode> entry in root.Entries)
            {
                YamlNode value = entry.Value;
                List<YamlNode> items = value.IsSequence ? value.Items : new List<YamlNode> { value };
                if (!entry.Key.IsScalar || items.Any(i => !i.IsScalar || i.Type == ScalarType.Null))
                {
                    diagnostics.Add(DiagnosticInfo.Create(SigmaDiagnostics.InvalidPlaceholderFileId, file.FullPath, entry.Key.Span, $"'{entry.Key.Value}' must map to a value or a list of values"));
                    continue;
                }
                if (!entries.ContainsKey(entry.Key.Value))
                    entries[entry.Key.Value] = new PlaceholderEntry(entry.Key.Value, items.Select(i => i.Value).ToEquatableArray());
            }
        }
        return new PlaceholderSet(
            entries.Values.OrderBy(e => e.Name, StringComparer.Ordinal).ToEquatableArray(),
            diagnostics.ToEquatableArray());
    }
}
