using System;
using System.Collections.Immutable;
using System.IO;
using Microsoft.CodeAnalysis;
using SigmaCompile;

namespace SigmaScan.RuntimeRules;

/// <summary>
/// What the generated code is compiled against: the assemblies of the .NET runtime this process runs on, and the
/// SigmaRuntime.dll it has loaded. So the rules loaded afterwards bind to this process's own SigmaRuntime types.
/// </summary>
internal static class FrameworkReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(Create);

    /// <summary>The references; throws <see cref="InvalidOperationException"/> where assemblies have no file (single-file or native builds).</summary>
    public static ImmutableArray<MetadataReference> All => References.Value;

    private static ImmutableArray<MetadataReference> Create()
    {
        string runtimeLocation = typeof(IDetectionRule).Assembly.Location;
        string coreLocation = typeof(object).Assembly.Location;
        if (runtimeLocation.Length == 0 || coreLocation.Length == 0 || AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is not string trusted)
            throw new InvalidOperationException("--rules needs the .NET runtime's assemblies as files; it does not work in a single-file or native (AOT) build of SigmaScan");

        // The trusted platform assemblies are the framework's plus this application's own; only the framework's
        // (those beside System.Private.CoreLib) are wanted, so that nothing of SigmaScan's leaks into the rules.
        string frameworkDirectory = Path.GetDirectoryName(coreLocation)!;
        var references = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (string path in trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal))
                references.Add(MetadataReference.CreateFromFile(path));
        }
        references.Add(MetadataReference.CreateFromFile(runtimeLocation));
        return references.ToImmutable();
    }
}
