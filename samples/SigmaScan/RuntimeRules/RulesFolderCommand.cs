using System.IO;

namespace SigmaScan.RuntimeRules;

/// <summary>The <c>--rules DIR</c> option: compile (or load from the cache) the folder's rules and report on them.</summary>
internal static class RulesFolderCommand
{
    /// <summary>
    /// The compiled rules of <c>--rules</c>, after printing their diagnostics and a summary line to stderr; null when
    /// they could not be had, or had errors under <c>--strict</c>.
    /// </summary>
    public static CompiledRules? Compile(CommandLine command, ConsoleStreams console, CompilerIdentity? identity)
    {
        TextWriter error = console.Error;
        string? cacheDirectory = command.NoCache ? null : command.CacheDirectory ?? RuleCache.DefaultDirectory();
        var request = new CompileRequest(command.RulesDirectory!, command.Pipelines, command.PlaceholdersFile);
        var cache = new CacheSettings(cacheDirectory, identity ?? CompilerIdentity.Current);
        RuntimeRulesResult result;
        using (StatusLine? status = console.ErrorIsTerminal ? StatusLine.Create(error) : null)
            result = RuntimeRuleSource.Load(request, cache, status is null ? null : status.Show);

        foreach (RuleDiagnostic diagnostic in result.Diagnostics)
            error.WriteLine(diagnostic.ToString());
        foreach (string problem in result.Problems)
            error.WriteLine($"{Program.Name}: {problem}");
        if (result.Rules is null)
            return null;

        error.WriteLine($"{Program.Name}: {result.Summary()}");
        if (command.Strict && result.HasErrors)
        {
            error.WriteLine($"{Program.Name}: --strict: rules have errors (listed above); nothing was scanned");
            return null;
        }
        return result.Rules;
    }
}
