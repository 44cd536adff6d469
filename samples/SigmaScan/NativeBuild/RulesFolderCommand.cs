namespace SigmaScan.RuntimeRules;

/// <summary>
/// In a native (AOT) build there is no JIT to run rules compiled at run time, and Roslyn is not compiled in: such a
/// build scans with its built-in rules only, and says so for <c>--rules</c>. (SigmaScan.csproj compiles this folder
/// instead of RuntimeRules/ when PublishAot is true.)
/// </summary>
internal static class RulesFolderCommand
{
    public static CompiledRules? Compile(CommandLine command, ConsoleStreams console, CompilerIdentity? identity)
    {
        console.Error.WriteLine($"{Program.Name}: --rules needs the .NET runtime: this native build scans with the rules compiled into it only");
        return null;
    }
}

/// <summary>Stands in for the cache key's compiler identity, which a native build has no use for.</summary>
internal sealed record CompilerIdentity;
