using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using SigmaCompile.Generator;

namespace SigmaScan.RuntimeRules;

/// <summary>What a run-time compile produced.</summary>
/// <param name="Image">The compiled rules assembly; null when the generated code did not compile (a generator bug).</param>
/// <param name="Diagnostics">The generator's diagnostics (and the C# errors, if any), in print order.</param>
internal sealed record CompileOutput(byte[]? Image, IReadOnlyList<RuleDiagnostic> Diagnostics);

/// <summary>
/// Compiles rules the way the build does: the SigmaCompile generator run by Roslyn's generator driver over the
/// rules as AdditionalFiles with the build's options, then the C# it generates compiled into an assembly in memory.
/// </summary>
internal static class RuleCompiler
{
    /// <summary>The RootNamespace of the compile: the rules land in <c>SigmaScan.Rules</c>, as in the build of SigmaScan.</summary>
    public const string RootNamespace = "SigmaScan";

    /// <summary>The name of the generated registry class.</summary>
    public const string RegistryType = RootNamespace + ".Rules.SigmaRules";

    private const string AssemblyName = "SigmaScan.CompiledRules";

    /// <summary>Runs the generator and compiles its output.</summary>
    /// <param name="inputs">The rule files and options.</param>
    /// <param name="onStage">Told when the compile moves on to the C# compiler (for progress).</param>
    /// <param name="cancellationToken">Stops the compile.</param>
    public static CompileOutput Compile(GeneratorInputs inputs, Action<string>? onStage = null, CancellationToken cancellationToken = default)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new SigmaRuleGenerator().AsSourceGenerator() },
            inputs.Files,
            parseOptions,
            new BuildOptions(inputs));

        CSharpCompilation compilation = CSharpCompilation.Create(
            AssemblyName,
            syntaxTrees: null,
            FrameworkReferences.All,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: OptimizationLevel.Release,
                nullableContextOptions: NullableContextOptions.Enable,
                deterministic: true));

        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation generated, out _, cancellationToken);
        GeneratorDriverRunResult run = driver.GetRunResult();
        var diagnostics = run.Diagnostics.Select(RuleDiagnostic.From).ToList();
        if (run.Results.FirstOrDefault().Exception is { } exception)
            diagnostics.Add(new RuleDiagnostic(true, "SIGMA000", "", 0, 0, "the generator failed (a SigmaCompile bug): " + exception.Message));

        onStage?.Invoke("compiling the generated C#");
        using var image = new MemoryStream();
        EmitResult emit = generated.Emit(image, cancellationToken: cancellationToken);
        if (!emit.Success)
        {
            // The generator promises code that compiles; a C# error here is a SigmaCompile bug, shown as the build would.
            diagnostics.AddRange(emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(RuleDiagnostic.From));
        }

        diagnostics.Sort(RuleDiagnostic.Compare);
        return new CompileOutput(emit.Success ? image.ToArray() : null, diagnostics);
    }
}
