using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SigmaCompile.Generator.Catalog;
using SigmaCompile.Generator.Diagnostics;
using SigmaCompile.Generator.Emit;
using SigmaCompile.Generator.Model;
using SigmaCompile.Generator.Parsing;

namespace SigmaCompile.Generator;

/// <summary>
/// Compiles Sigma rules (YAML AdditionalFiles) into C# matcher classes. Each rule file is read, parsed and
/// lowered in its own cached step and emitted on its own, so editing one rule recompiles only that rule; the
/// registry of all rules is the last, cheap step.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SigmaRuleGenerator : IIncrementalGenerator
{
    private const string KindMetadata = "build_metadata.AdditionalFiles.SigmaKind";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValueProvider<GeneratorOptions> options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => ReadOptions(provider.GlobalOptions))
            .WithTrackingName(TrackingNames.Options);

        IncrementalValuesProvider<(RuleSource Source, string Kind)> files = context.AdditionalTextsProvider
            .Where(static file => IsYaml(file.Path))
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Combine(options)
            .Select(static (input, cancellationToken) => Read(input.Left.Left, input.Left.Right.GetOptions(input.Left.Left), input.Right, cancellationToken))
            .WithTrackingName(TrackingNames.RuleSources);

        IncrementalValueProvider<PlaceholderSet> placeholders = files
            .Where(static f => f.Kind == "placeholders")
            .Select(static (f, _) => f.Source)
            .Collect()
            .Select(static (sources, cancellationToken) => sources.IsEmpty ? PlaceholderSet.Empty : PlaceholderParser.Parse(sources, cancellationToken))
            .WithTrackingName(TrackingNames.Placeholders);

        IncrementalValueProvider<PipelineSet> pipelines = files
            .Where(static f => f.Kind == "pipeline")
            .Select(static (f, _) => f.Source)
            .Collect()
            .Combine(options)
            .Select(static (input, cancellationToken) => input.Right.Pipelines.Length == 0
                ? PipelineSet.Empty
                : PipelineParser.Parse(input.Right.Pipelines, input.Left, cancellationToken))
            .WithTrackingName(TrackingNames.Pipelines);

        IncrementalValueProvider<ParseSettings> settings = placeholders
            .Combine(pipelines)
            .Select(static (input, _) => new ParseSettings(input.Left, input.Right));

        IncrementalValuesProvider<ParseResult> parsed = files
            .Where(static f => f.Kind == "rule")
            .Select(static (f, _) => f.Source)
            .Combine(settings)
            .Select(static (input, cancellationToken) => RuleParser.Parse(input.Left, input.Right, cancellationToken))
            .WithTrackingName(TrackingNames.ParsedRules);

        IncrementalValuesProvider<RuleModel> rules = parsed
            .Where(static r => r.Rule is not null)
            .Select(static (r, _) => r.Rule!)
            .WithTrackingName(TrackingNames.RuleModels);

        IncrementalValueProvider<RegistryModel> registry = rules
            .Collect()
            .Combine(options)
            .Select(static (input, _) => new RegistryModel(input.Right.Namespace, ClassNames.Assign(Distinct(input.Left))))
            .WithTrackingName(TrackingNames.Registry);

        IncrementalValuesProvider<RuleEmitModel> emitModels = rules
            .Combine(registry)
            .Select(static (input, _) => ToEmitModel(input.Left, input.Right))
            .Where(static m => m is not null)
            .Select(static (m, _) => m!)
            .WithTrackingName(TrackingNames.RuleEmitModels);

        context.RegisterSourceOutput(parsed.Select(static (r, _) => r.Diagnostics), static (spc, diagnostics) => Report(spc, diagnostics));
        context.RegisterSourceOutput(placeholders.Select(static (p, _) => p.Diagnostics), static (spc, diagnostics) => Report(spc, diagnostics));
        context.RegisterSourceOutput(pipelines.Select(static (p, _) => p.Diagnostics), static (spc, diagnostics) => Report(spc, diagnostics));
        context.RegisterSourceOutput(parsed.Collect().Select(static (r, _) => DuplicateIds(r)), static (spc, diagnostics) => Report(spc, diagnostics));
        context.RegisterSourceOutput(emitModels, static (spc, model) =>
            spc.AddSource(model.ClassName + ".g.cs", SourceText.From(RuleEmitter.Emit(model), Encoding.UTF8)));
        context.RegisterSourceOutput(registry, static (spc, model) =>
            spc.AddSource(RegistryEmitter.ClassName + ".g.cs", SourceText.From(RegistryEmitter.Emit(model), Encoding.UTF8)));

        // The fused rule set depends on every rule: it is the one output that a rule edit re-emits besides its own class.
        IncrementalValueProvider<RuleSetModel> ruleSet = rules
            .Collect()
            .Combine(registry)
            .Select(static (input, _) => Prefilter.Build(input.Left, input.Right))
            .WithTrackingName(TrackingNames.RuleSet);
        context.RegisterSourceOutput(ruleSet, static (spc, model) =>
            spc.AddSource(RegistryEmitter.ClassName + ".Set.g.cs", SourceText.From(RuleSetEmitter.Emit(model), Encoding.UTF8)));

        // The rule catalog: each class's entry, and the cross-rule index in the registry (Catalog/CatalogPipeline.cs).
        CatalogPipeline.Register(context, emitModels, registry);
    }

    private static bool IsYaml(string path) =>
        path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);

    private static GeneratorOptions ReadOptions(AnalyzerConfigOptions options)
    {
        string? explicitNamespace = Get(options, "build_property.SigmaRulesNamespace");
        string? rootNamespace = Get(options, "build_property.RootNamespace");
        string ns = explicitNamespace ?? (rootNamespace is null ? "SigmaRules" : rootNamespace + ".Rules");
        return new GeneratorOptions(
            NamespaceName(ns),
            Normalize(Get(options, "build_property.SigmaRulesDirectory") ?? ""),
            Normalize(Get(options, "build_property.ProjectDir") ?? Get(options, "build_property.MSBuildProjectDirectory") ?? ""),
            Get(options, "build_property.SigmaPipelines") ?? "");
    }

    private static string? Get(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    // Keeps a namespace a valid C# name whatever the project calls itself.
    private static string NamespaceName(string ns)
    {
        var parts = ns.Split('.').Select(p => CSharp.PascalCase(p, "N")).Where(p => p.Length > 0);
        string joined = string.Join(".", parts);
        return joined.Length == 0 ? "SigmaRules" : joined;
    }

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

    private static (RuleSource Source, string Kind) Read(AdditionalText file, AnalyzerConfigOptions fileOptions, GeneratorOptions options, CancellationToken cancellationToken)
    {
        string kind = fileOptions.TryGetValue(KindMetadata, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim().ToLowerInvariant() : "rule";
        SourceText? text = file.GetText(cancellationToken);
        bool isUtf8 = text is not null && (text.Encoding is null || text.Encoding.CodePage == Encoding.UTF8.CodePage);
        var source = new RuleSource(file.Path, RelativePath(file.Path, options), text?.ToString() ?? "", isUtf8);
        return (source, kind);
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

    // Two files with one id: the first by path is compiled, the others reported (see DuplicateIds).
    private static ImmutableArray<RuleModel> Distinct(ImmutableArray<RuleModel> rules) =>
        rules.GroupBy(r => r.Id, StringComparer.Ordinal)
            .Select(g => g.OrderBy(r => r.SourcePath, StringComparer.Ordinal).First())
            .ToImmutableArray();

    private static EquatableArray<DiagnosticInfo> DuplicateIds(ImmutableArray<ParseResult> results)
    {
        var diagnostics = new List<DiagnosticInfo>();
        foreach (IGrouping<string, ParseResult> group in results.Where(r => r.Rule is not null).GroupBy(r => r.Rule!.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            List<ParseResult> ordered = group.OrderBy(r => r.Rule!.SourcePath, StringComparer.Ordinal).ToList();
            foreach (ParseResult duplicate in ordered.Skip(1))
                diagnostics.Add(DiagnosticInfo.Create(SigmaDiagnostics.DuplicateIdId, duplicate.FullPath, duplicate.IdSpan, group.Key, ordered[0].Rule!.SourcePath));
        }
        return diagnostics.OrderBy(d => d.FilePath, StringComparer.Ordinal).ToEquatableArray();
    }

    private static RuleEmitModel? ToEmitModel(RuleModel rule, RegistryModel registry)
    {
        foreach (RegistryEntry entry in registry.Rules)
        {
            if (entry.Id == rule.Id && entry.SourcePath == rule.SourcePath)
                return new RuleEmitModel(rule, entry.ClassName, registry.Namespace);
        }
        return null; // a duplicate id: reported, not compiled
    }

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (DiagnosticInfo diagnostic in diagnostics)
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
    }
}
