using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using SigmaCompile.Correlations;
using SigmaCompile.Tests.Infrastructure;

namespace SigmaCompile.Tests.Correlations;

/// <summary>
/// Rule files (detections and correlations) compiled by the generator and loaded: the registry's rule set and its
/// generated <c>SigmaRules.Correlations</c>, ready for a <see cref="Correlator"/>.
/// </summary>
internal sealed class CompiledCorrelations
{
    private CompiledCorrelations(Assembly assembly)
    {
        Type registry = assembly.GetTypes().Single(t => t.Name == "SigmaRules");
        Set = (RuleSets.RuleSet)registry.GetProperty("Set")!.GetValue(null)!;
        Correlations = (IReadOnlyList<ICorrelationRule>)registry.GetProperty("Correlations")!.GetValue(null)!;
        Assembly = assembly;
    }

    public Assembly Assembly { get; }

    public RuleSets.RuleSet Set { get; }

    public IReadOnlyList<ICorrelationRule> Correlations { get; }

    /// <summary>The generated correlation titled <paramref name="title"/>.</summary>
    public ICorrelationRule this[string title] => Correlations.Single(c => c.Title == title);

    /// <summary>A run of every generated correlation over the compiled rules.</summary>
    public CorrelationRun Run(CorrelatorOptions? options = null) => new(Set, Correlations, options);

    /// <summary>Compiles the files (name, YAML), failing on any error diagnostic or compile error.</summary>
    public static CompiledCorrelations Compile(params (string Name, string Yaml)[] files)
    {
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(files.Select(f => GeneratorHarness.Rule(f.Name, f.Yaml)));
        var errors = result.Diagnostics.Concat(output.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
            throw new InvalidOperationException("Compilation failed:\n" + string.Join("\n", errors.Take(20)));
        return new CompiledCorrelations(GeneratorHarness.Load(output));
    }

    /// <summary>The generator's diagnostics for the files, and the generated source names.</summary>
    public static (IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<string> Sources) Diagnose(params (string Name, string Yaml)[] files)
    {
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(files.Select(f => GeneratorHarness.Rule(f.Name, f.Yaml)));
        var compileErrors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (compileErrors.Count > 0)
            throw new InvalidOperationException("The generated code does not compile:\n" + string.Join("\n", compileErrors.Take(20)));
        return (result.Diagnostics, result.Results.Single().GeneratedSources.Select(s => s.HintName).ToList());
    }
}
