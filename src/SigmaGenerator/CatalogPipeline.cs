using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SigmaCompile.Generator.Emit;
using SigmaCompile.Generator.Model;
using SigmaCompile.Generator.Planning;
using SigmaCompile.Generator.Reading;

namespace SigmaCompile.Generator;

/// <summary>
/// The catalog's part of the pipeline. Each rule's entry is built from that rule's emit model alone, so
/// editing one rule rebuilds one entry; the cross-rule index is the last step, after Collect, and is emitted
/// into the registry's own partial part, so a change to one rule never re-emits another rule's class. The MSBuild
/// property <c>SigmaCatalog=false</c> turns the catalog off.
/// </summary>
internal static class CatalogPipeline
{
    public static void Register(
        IncrementalGeneratorInitializationContext context,
        IncrementalValuesProvider<RuleEmitModel> emitModels,
        IncrementalValueProvider<RegistryModel> registry)
    {
        IncrementalValueProvider<bool> enabled = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => BuildInputs.CatalogEnabled(provider.GlobalOptions));

        IncrementalValuesProvider<RuleCatalogModel> entries = emitModels
            .Combine(enabled)
            .Where(static input => input.Right)
            .Select(static (input, _) => RuleCatalogBuilder.Build(input.Left))
            .WithTrackingName(TrackingNames.RuleCatalogEntries);

        IncrementalValueProvider<CatalogIndexModel?> index = entries
            .Select(static (entry, _) => entry.Keys)
            .Collect()
            .Combine(registry.Select(static (r, _) => r.Namespace))
            .Combine(enabled)
            .Select(static (input, cancellationToken) => input.Right ? CatalogIndexBuilder.Build(input.Left.Left, input.Left.Right, cancellationToken) : null)
            .WithTrackingName(TrackingNames.CatalogIndex);

        context.RegisterSourceOutput(entries, static (spc, entry) =>
            spc.AddSource(CatalogEmitter.RuleHintName(entry.ClassName), SourceText.From(CatalogEmitter.EmitRule(entry), Encoding.UTF8)));
        context.RegisterSourceOutput(index, static (spc, model) =>
        {
            if (model is not null)
                spc.AddSource(CatalogEmitter.RegistryHintName, SourceText.From(CatalogEmitter.EmitRegistry(model), Encoding.UTF8));
        });
    }
}
