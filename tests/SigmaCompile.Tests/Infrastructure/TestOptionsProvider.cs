using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SigmaCompile.Tests.Infrastructure;

/// <summary>MSBuild properties and item metadata as the compiler hands them to the generator.</summary>
internal sealed class TestOptionsProvider(IReadOnlyDictionary<string, string> globals) : AnalyzerConfigOptionsProvider
{
    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(globals);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
    {
        if (textFile is not InMemoryAdditionalText file)
            return Options.Empty;
        var values = new Dictionary<string, string>(file.EditorConfig);
        if (file.Kind is { } kind)
            values["build_metadata.AdditionalFiles.SigmaKind"] = kind;
        return new Options(values);
    }

    private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static Options Empty { get; } = new(new Dictionary<string, string>());

        // Keys is deliberately not overridden (its base throws), as in SigmaScan's run-time compile and other
        // minimal hosts: the generator must read options by TryGetValue alone.
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
