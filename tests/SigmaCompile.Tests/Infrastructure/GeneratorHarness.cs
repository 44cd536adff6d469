using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SigmaCompile.Generator;

namespace SigmaCompile.Tests.Infrastructure;

/// <summary>
/// Runs the generator the way the compiler does (a CSharpGeneratorDriver over AdditionalFiles and MSBuild
/// options), compiles its output against the real runtime, and loads the rules to run them.
/// </summary>
internal static class GeneratorHarness
{
    public const string ProjectDir = "/project/";
    public const string RulesDir = "/project/rules/";

    private static readonly ConcurrentDictionary<string, IDetectionRule> RuleCache = new();

    public static readonly ImmutableArray<MetadataReference> References =
        Basic.Reference.Assemblies.Net100.References.All
            .Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(IDetectionRule).Assembly.Location))
            .ToImmutableArray();

    public static Dictionary<string, string> DefaultOptions() => new()
    {
        ["build_property.RootNamespace"] = "Demo",
        ["build_property.ProjectDir"] = ProjectDir,
        ["build_property.SigmaRulesDirectory"] = RulesDir,
    };

    public static CSharpCompilation EmptyCompilation(string assemblyName = "Rules") =>
        CSharpCompilation.Create(assemblyName,
            new[] { CSharpSyntaxTree.ParseText("namespace Demo { internal static class Anchor { } }", path: "Anchor.cs") },
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, deterministic: true));

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> files, IReadOnlyDictionary<string, string>? options = null, bool trackSteps = false, CSharpParseOptions? parseOptions = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new SigmaRuleGenerator().AsSourceGenerator() },
            files,
            parseOptions: parseOptions,
            optionsProvider: new TestOptionsProvider(options ?? DefaultOptions()),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator once; returns the run result and the compilation with the generated code.</summary>
    public static (GeneratorDriverRunResult Result, Compilation Output) Run(IEnumerable<AdditionalText> files, IReadOnlyDictionary<string, string>? options = null, CSharpParseOptions? parseOptions = null)
    {
        GeneratorDriver driver = CreateDriver(files, options, parseOptions: parseOptions);
        CSharpCompilation input = EmptyCompilation();
        if (parseOptions is not null)
            input = input.ReplaceSyntaxTree(input.SyntaxTrees[0], input.SyntaxTrees[0].WithRootAndOptions(input.SyntaxTrees[0].GetRoot(), parseOptions));
        driver = driver.RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _);
        return (driver.GetRunResult(), output);
    }

    /// <summary>Files named <c>rules/&lt;name&gt;</c> under the test project.</summary>
    public static InMemoryAdditionalText Rule(string name, string yaml) => new(RulesDir + name, yaml);

    /// <summary>Compiles rules and returns them from the generated registry, failing on any error.</summary>
    public static IReadOnlyList<IDetectionRule> CompileRules(IEnumerable<AdditionalText> files, IReadOnlyDictionary<string, string>? options = null) =>
        (IReadOnlyList<IDetectionRule>)CompileRegistry(files, options).GetProperty("All")!.GetValue(null)!;

    /// <summary>Compiles rules and returns the generated <c>SigmaRules</c> class, failing on any error.</summary>
    public static Type CompileRegistry(IEnumerable<AdditionalText> files, IReadOnlyDictionary<string, string>? options = null, CSharpParseOptions? parseOptions = null)
    {
        (GeneratorDriverRunResult result, Compilation output) = Run(files, options, parseOptions);
        var errors = result.Diagnostics.Concat(output.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
            throw new InvalidOperationException("Compilation failed:\n" + string.Join("\n", errors.Take(20)));
        return Load(output).GetTypes().Single(t => t.Name == "SigmaRules");
    }

    /// <summary>Compiles rules and returns both the registry's list and its fused rule set.</summary>
    public static (IReadOnlyList<IDetectionRule> All, RuleSets.RuleSet Set) CompileRuleSet(IEnumerable<AdditionalText> files, IReadOnlyDictionary<string, string>? options = null, CSharpParseOptions? parseOptions = null)
    {
        Type registry = CompileRegistry(files, options, parseOptions);
        var all = (IReadOnlyList<IDetectionRule>)registry.GetProperty("All")!.GetValue(null)!;
        return (all, (RuleSets.RuleSet)registry.GetProperty("Set")!.GetValue(null)!);
    }

    /// <summary>Compiles one rule (cached by its text).</summary>
    public static IDetectionRule CompileRule(string yaml) =>
        RuleCache.GetOrAdd(yaml, text => CompileRules(new[] { Rule("rule.yml", text) }).Single());

    public static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        if (!emit.Success)
            throw new InvalidOperationException("Emit failed:\n" + string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)));
        return Assembly.Load(stream.ToArray());
    }
}
