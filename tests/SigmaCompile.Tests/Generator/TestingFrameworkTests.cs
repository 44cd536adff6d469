using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using SigmaCompile.Generator;
using Xunit;

namespace SigmaCompile.Tests.Generator;

/// <summary>
/// The generator under Roslyn's own source-generator test framework: diagnostics in AdditionalFiles with exact
/// spans, and the generated sources compiling, as the framework checks them.
/// </summary>
public sealed class TestingFrameworkTests
{
    private static CSharpSourceGeneratorTest<SigmaRuleGenerator, DefaultVerifier> NewTest()
    {
        var test = new CSharpSourceGeneratorTest<SigmaRuleGenerator, DefaultVerifier>
        {
            // The reference pack is not downloadable here: reference the net10.0 assemblies directly.
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
            TestBehaviors = TestBehaviors.SkipGeneratedSourcesCheck,
        };
        test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(IDetectionRule).Assembly.Location));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.RootNamespace = Demo\nbuild_property.ProjectDir = /project/\n"));
        return test;
    }

    [Fact]
    public async Task An_unknown_modifier_is_reported_at_its_yaml_span_and_the_other_rule_still_compiles()
    {
        CSharpSourceGeneratorTest<SigmaRuleGenerator, DefaultVerifier> test = NewTest();
        test.TestState.Sources.Add("namespace Demo { public static class Uses { public static int Count => Demo.Rules.SigmaRules.All.Count; } }");
        test.TestState.AdditionalFiles.Add(("/project/rules/good.yml", "title: Good\nid: 6b0c9d8e-7f6a-4b5c-9d8e-7f6a5b4c3d2e\ndetection:\n  sel:\n    F: x\n  condition: sel\n"));
        test.TestState.AdditionalFiles.Add(("/project/rules/broken.yml", "title: Broken\nid: 5b0c9d8e-7f6a-4b5c-9d8e-7f6a5b4c3d2e\ndetection:\n  sel:\n    F|contians: x\n  condition: sel\n"));
        test.TestState.ExpectedDiagnostics.Add(
            new DiagnosticResult("SIGMA005", DiagnosticSeverity.Error)
                .WithSpan("/project/rules/broken.yml", 5, 5, 5, 15)
                .WithArguments("contians", " (did you mean 'contains'?)"));
        await test.RunAsync();
    }
}
