using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using SigmaCompile.Generator.Emit;
using SigmaCompile.Generator.Lowering;
using SigmaCompile.Generator.Model;
using SigmaCompile.Generator.Planning;
using SigmaCompile.Generator.Reading;

namespace SigmaCompile.Generator;

/// <summary>
/// Compiles Sigma rules (YAML AdditionalFiles) into C# matcher classes. This file only wires the stages
/// (docs/generator-stages.md): each rule file is read and lowered in its own cached step and emitted on its own, so
/// editing one rule recompiles only that rule; planning over all rules (registry, rule set) comes last, after Collect.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SigmaRuleGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValueProvider<GeneratorOptions> options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => BuildInputs.ReadOptions(provider.GlobalOptions))
            .WithTrackingName(TrackingNames.Options);

        IncrementalValuesProvider<(RuleSource Source, string Kind)> files = context.AdditionalTextsProvider
            .Where(static file => BuildInputs.IsYaml(file.Path))
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Combine(options)
            .Select(static (input, cancellationToken) => BuildInputs.ReadFile(input.Left.Left, input.Left.Right.GetOptions(input.Left.Left), input.Right, cancellationToken))
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
            .Select(static (input, cancellationToken) => RuleLowering.Lower(input.Left, input.Right, cancellationToken))
            .WithTrackingName(TrackingNames.ParsedRules);

        // Filters name rules in any file, so each rule meets every filter after Collect; a rule no filter names comes
        // out as it went in, so its later steps stay cached.
        IncrementalValueProvider<ImmutableArray<FilterModel>> filters = parsed
            .SelectMany(static (r, _) => r.Filters)
            .Collect();
        IncrementalValuesProvider<RuleModel> rules = parsed
            .SelectMany(static (r, _) => r.Rules)
            .WithTrackingName(TrackingNames.RuleModels)
            .Combine(filters)
            .Combine(pipelines)
            .Select(static (input, _) => input.Left.Right.IsEmpty ? input.Left.Left : FilterApplier.Apply(input.Left.Left, input.Left.Right, input.Right))
            .WithTrackingName(TrackingNames.FilteredRuleModels);

        IncrementalValueProvider<RegistryModel> registry = rules
            .Collect()
            .Combine(options)
            .Select(static (input, _) => RegistryPlanner.Plan(input.Left, input.Right))
            .WithTrackingName(TrackingNames.Registry);

        IncrementalValuesProvider<RuleEmitModel> emitModels = rules
            .Combine(registry)
            .Select(static (input, _) => RegistryPlanner.EmitModel(input.Left, input.Right))
            .Where(static m => m is not null)
            .Select(static (m, _) => m!)
            .WithTrackingName(TrackingNames.RuleEmitModels);

        // .editorconfig sections re-level SIGMA diagnostics per YAML file (sigma_diagnostic.SIGMAnnn.severity): only the
        // reporting depends on them, so changing them re-reports diagnostics and re-emits no code.
        IncrementalValueProvider<EquatableArray<SeverityOverride>> severities = context.AdditionalTextsProvider
            .Where(static file => BuildInputs.IsYaml(file.Path))
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (input, _) => BuildInputs.ReadSeverityOverrides(input.Left, input.Right.GetOptions(input.Left)))
            .Collect()
            .Select(static (all, _) => all.SelectMany(o => o).OrderBy(o => o.FilePath, StringComparer.Ordinal).ThenBy(o => o.Id, StringComparer.Ordinal).ToEquatableArray());

        context.RegisterSourceOutput(parsed.Select(static (r, _) => r.Diagnostics).Combine(severities), static (spc, input) => Report(spc, input.Left, input.Right));
        context.RegisterSourceOutput(placeholders.Select(static (p, _) => p.Diagnostics).Combine(severities), static (spc, input) => Report(spc, input.Left, input.Right));
        context.RegisterSourceOutput(pipelines.Select(static (p, _) => p.Diagnostics).Combine(severities), static (spc, input) => Report(spc, input.Left, input.Right));
        context.RegisterSourceOutput(parsed.Collect().Select(static (r, _) => RegistryPlanner.DuplicateIds(r)).Combine(severities), static (spc, input) => Report(spc, input.Left, input.Right));
        context.RegisterSourceOutput(emitModels, static (spc, model) =>
            spc.AddSource(model.ClassName + ".g.cs", SourceText.From(RuleEmitter.Emit(model), Encoding.UTF8)));
        context.RegisterSourceOutput(registry, static (spc, model) =>
            spc.AddSource(RegistryModel.ClassName + ".g.cs", SourceText.From(RegistryEmitter.Emit(model), Encoding.UTF8)));

        // The fused rule set depends on every rule: it is the one output that a rule edit re-emits besides its own class.
        IncrementalValueProvider<RuleSetModel> ruleSet = rules
            .Collect()
            .Combine(registry)
            .Select(static (input, _) => RuleSetPlanner.Plan(input.Left, input.Right))
            .WithTrackingName(TrackingNames.RuleSet);
        // UTF-8 literals (C# 11) keep the set's string tables out of the assembly's 16 MB heap of string literals.
        IncrementalValueProvider<bool> utf8Literals = context.ParseOptionsProvider
            .Select(static (options, _) => options is CSharpParseOptions csharp && csharp.LanguageVersion >= LanguageVersion.CSharp11);
        context.RegisterSourceOutput(ruleSet.Combine(utf8Literals), static (spc, input) =>
            spc.AddSource(RegistryModel.ClassName + ".Set.g.cs", SourceText.From(RuleSetEmitter.Emit(input.Left, input.Right), Encoding.UTF8)));

        // Correlations resolve their references across every file, so they are planned after Collect, like the registry.
        IncrementalValueProvider<CorrelationSetModel> correlations = parsed
            .SelectMany(static (r, _) => r.Correlations)
            .WithTrackingName(TrackingNames.CorrelationModels)
            .Collect()
            .Combine(rules.Collect())
            .Combine(registry)
            .Combine(pipelines)
            .Select(static (input, _) => CorrelationPlanner.Plan(input.Left.Left.Left, input.Left.Left.Right, input.Left.Right, input.Right))
            .WithTrackingName(TrackingNames.Correlations);
        context.RegisterSourceOutput(correlations.SelectMany(static (set, _) => set.Correlations), static (spc, model) =>
            spc.AddSource(model.ClassName + ".g.cs", SourceText.From(CorrelationEmitter.Emit(model), Encoding.UTF8)));
        context.RegisterSourceOutput(correlations, static (spc, model) =>
            spc.AddSource(RegistryModel.ClassName + ".Correlations.g.cs", SourceText.From(CorrelationEmitter.EmitRegistry(model), Encoding.UTF8)));
        context.RegisterSourceOutput(parsed.Collect().Combine(registry).Select(static (input, _) => CorrelationPlanner.Diagnose(input.Left, input.Right)).Combine(severities), static (spc, input) => Report(spc, input.Left, input.Right));
        context.RegisterSourceOutput(parsed.Collect().Combine(registry).Select(static (input, _) => FilterPlanner.Diagnose(input.Left, input.Right)).Combine(severities), static (spc, input) => Report(spc, input.Left, input.Right));

        // The rule catalog: each class's entry, and the cross-rule index in the registry (CatalogPipeline.cs).
        CatalogPipeline.Register(context, emitModels, registry);
    }

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics, EquatableArray<SeverityOverride> severities)
    {
        foreach (DiagnosticInfo diagnostic in diagnostics)
        {
            if (diagnostic.ToDiagnostic(severities) is { } reported)
                context.ReportDiagnostic(reported);
        }
    }
}
