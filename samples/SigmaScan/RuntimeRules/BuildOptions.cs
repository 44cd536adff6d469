using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SigmaScan.RuntimeRules;

/// <summary>
/// The MSBuild properties and AdditionalFiles metadata a build hands the generator (through
/// <c>CompilerVisibleProperty</c> and <c>CompilerVisibleItemMetadata</c>), here from <see cref="GeneratorInputs"/>.
/// </summary>
internal sealed class BuildOptions(GeneratorInputs inputs) : AnalyzerConfigOptionsProvider
{
    private const string KindMetadata = "build_metadata.AdditionalFiles.SigmaKind";

    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(inputs.Properties);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        textFile is GeneratorInputFile file
            ? new Options(new Dictionary<string, string> { [KindMetadata] = file.KindMetadata })
            : Options.Empty;

    private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static Options Empty { get; } = new(new Dictionary<string, string>());

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
