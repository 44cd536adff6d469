namespace SigmaCompile.Generator.Model;

/// <summary>The generator's version, as written into <c>[GeneratedCode]</c> attributes.</summary>
internal static class ThisAssembly
{
    public const string Version = "0.1.0";
}
