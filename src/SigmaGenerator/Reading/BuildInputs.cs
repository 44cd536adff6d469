using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SigmaCompile.Generator.Diagnostics;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Reading;

/// <summary>
/// What the build hands the generator, read into values: the MSBuild properties (<see cref="GeneratorOptions"/>),
/// and each YAML AdditionalFile as a <see cref="RuleSource"/> with its path relative to the project and the kind
/// its <c>SigmaKind</c> metadata gives (rule, placeholders, pipeline). Paths are normalised as text only: the
/// generator reads no file system.
/// </summary>
internal static class BuildInputs
{
    private const string KindMetadata = "build_metadata.AdditionalFiles.SigmaKind";

    public static bool IsYaml(string path) =>
        path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);

    /// <summary>The generator's options. The namespace is as the project gives it; planning makes it a valid C# name.</summary>
    public static GeneratorOptions ReadOptions(AnalyzerConfigOptions options)
    {
        string? explicitNamespace = Get(options, "build_property.SigmaRulesNamespace");
        string? rootNamespace = Get(options, "build_property.RootNamespace");
        string ns = explicitNamespace ?? (rootNamespace is null ? "SigmaRules" : rootNamespace + ".Rules");
        return new GeneratorOptions(
            ns,
            Normalize(Get(options, "build_property.SigmaRulesDirectory") ?? ""),
            Normalize(Get(options, "build_property.ProjectDir") ?? Get(options, "build_property.MSBuildProjectDirectory") ?? ""),
            Get(options, "build_property.SigmaPipelines") ?? "");
    }

    /// <summary><c>&lt;SigmaCatalog&gt;false&lt;/SigmaCatalog&gt;</c> leaves the catalog out (rule classes then implement IDetectionRule only).</summary>
    public static bool CatalogEnabled(AnalyzerConfigOptions options) =>
        !(options.TryGetValue("build_property.SigmaCatalog", out string? value) && string.Equals(value.Trim(), "false", StringComparison.OrdinalIgnoreCase));

    /// <summary>A YAML AdditionalFile: its text, paths, and kind (<c>rule</c> unless its SigmaKind metadata says otherwise).</summary>
    public static (RuleSource Source, string Kind) ReadFile(AdditionalText file, AnalyzerConfigOptions fileOptions, GeneratorOptions options, CancellationToken cancellationToken)
    {
        string kind = fileOptions.TryGetValue(KindMetadata, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim().ToLowerInvariant() : "rule";
        SourceText? text = file.GetText(cancellationToken);
        bool isUtf8 = text is not null && (text.Encoding is null || text.Encoding.CodePage == Encoding.UTF8.CodePage);
        var source = new RuleSource(file.Path, RelativePath(file.Path, options), text?.ToString() ?? "", isUtf8);
        return (source, kind);
    }

    /// <summary>
    /// The <c>sigma_diagnostic.SIGMAnnn.severity</c> keys an <c>.editorconfig</c> section gives a YAML file (see
    /// <see cref="SeverityOverride"/>). The compiler hands keys lower-cased. Values: <c>error</c>, <c>warning</c>,
    /// <c>suggestion</c> (or <c>info</c>), <c>silent</c> (or <c>hidden</c>), <c>none</c>; <c>default</c> and anything
    /// else leave the diagnostic's own severity.
    /// </summary>
    public static EquatableArray<SeverityOverride> ReadSeverityOverrides(AdditionalText file, AnalyzerConfigOptions fileOptions)
    {
        // Ask for each known ID rather than enumerate Keys: AnalyzerConfigOptions.Keys is optional (its base
        // implementation throws), so a host with its own options provider (SigmaScan's run-time compile) still works.
        var overrides = new List<SeverityOverride>();
        foreach (DiagnosticDescriptor descriptor in SigmaDiagnostics.Descriptors)
        {
            string id = descriptor.Id;
            if (!fileOptions.TryGetValue(SeverityKeyPrefix + id.ToLowerInvariant() + SeverityKeySuffix, out string? value)
                && !fileOptions.TryGetValue(SeverityKeyPrefix + id + SeverityKeySuffix, out value))
                continue;
            switch (value.Trim().ToLowerInvariant())
            {
                case "error": overrides.Add(new SeverityOverride(file.Path, id, DiagnosticSeverity.Error)); break;
                case "warning": overrides.Add(new SeverityOverride(file.Path, id, DiagnosticSeverity.Warning)); break;
                case "suggestion" or "info": overrides.Add(new SeverityOverride(file.Path, id, DiagnosticSeverity.Info)); break;
                case "silent" or "hidden": overrides.Add(new SeverityOverride(file.Path, id, DiagnosticSeverity.Hidden)); break;
                case "none": overrides.Add(new SeverityOverride(file.Path, id, null)); break;
            }
        }
        overrides.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return overrides.ToEquatableArray();
    }

    private const string SeverityKeyPrefix = "sigma_diagnostic.";
    private const string SeverityKeySuffix = ".severity";

    private static string? Get(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static string Normalize(string path)
    {
        path = CollapseDots(path);
        return path.Length > 0 && !path.EndsWith("/", StringComparison.Ordinal) ? path + "/" : path;
    }

    // "a/b/../c" → "a/c", purely on the text (the generator reads no file system).
    private static string CollapseDots(string path)
    {
        string[] parts = path.Replace('\\', '/').Split('/');
        var kept = new List<string>();
        for (int i = 0; i < parts.Length; i++)
        {
            string part = parts[i];
            if (part == "." || (part.Length == 0 && i > 0 && i < parts.Length - 1))
                continue;
            if (part == ".." && kept.Count > 0 && kept[kept.Count - 1] != ".." && kept[kept.Count - 1].Length > 0)
                kept.RemoveAt(kept.Count - 1);
            else
                kept.Add(part);
        }
        return string.Join("/", kept);
    }

    // A path for display, hint names and snapshots that does not depend on where the repository lives.
    private static string RelativePath(string path, GeneratorOptions options)
    {
        string normalized = CollapseDots(path);
        if (options.ProjectDirectory.Length > 0 && normalized.StartsWith(options.ProjectDirectory, StringComparison.Ordinal))
            return normalized.Substring(options.ProjectDirectory.Length);
        if (options.RulesDirectory.Length > 0 && normalized.StartsWith(options.RulesDirectory, StringComparison.Ordinal))
        {
            string folder = Path.GetFileName(options.RulesDirectory.TrimEnd('/'));
            return folder + "/" + normalized.Substring(options.RulesDirectory.Length);
        }
        return Path.GetFileName(normalized);
    }
}
