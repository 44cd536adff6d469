using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis.CSharp;
using SigmaCompile;
using SigmaCompile.Generator;

namespace SigmaScan.RuntimeRules;

/// <summary>
/// What, besides the rule files and options, decides the compiled rules: the versions of SigmaScan, the generator,
/// SigmaRuntime, Roslyn and .NET. Each assembly is named by its module version id, which a deterministic build
/// derives from the assembly's content, so any change to its code changes it. Part of the cache key.
/// </summary>
internal sealed record CompilerIdentity(string Tool, string Generator, string Runtime, string Compiler, string Framework)
{
    /// <summary>This process's.</summary>
    public static CompilerIdentity Current { get; } = new(
        Describe(typeof(CompilerIdentity).Assembly),
        Describe(typeof(SigmaRuleGenerator).Assembly),
        Describe(typeof(IDetectionRule).Assembly),
        Describe(typeof(CSharpCompilation).Assembly),
        RuntimeInformation.FrameworkDescription + " " + RuntimeInformation.ProcessArchitecture);

    private static string Describe(Assembly assembly) =>
        (assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString() ?? "")
        + " " + assembly.ManifestModule.ModuleVersionId.ToString("N");
}
