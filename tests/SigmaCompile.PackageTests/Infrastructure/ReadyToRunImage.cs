using System.Reflection.PortableExecutable;

namespace SigmaCompile.PackageTests.Infrastructure;

/// <summary>Whether an assembly is a ReadyToRun image, as src/SigmaRuntime/ReadyToRun.targets makes the runtime.</summary>
internal static class ReadyToRunImage
{
    /// <summary>
    /// crossgen2 marks the image an IL library and adds the native header that points the runtime to its precompiled
    /// code; a plain compiler output has neither.
    /// </summary>
    public static bool IsPrecompiled(PEReader reader)
    {
        CorHeader cor = reader.PEHeaders.CorHeader!;
        return (cor.Flags & CorFlags.ILLibrary) != 0 && cor.ManagedNativeHeaderDirectory.Size != 0;
    }
}
