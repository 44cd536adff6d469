using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SigmaScan.RuntimeRules;

namespace SigmaScan.Tests.Infrastructure;

/// <summary>Rules folders compiled the way <c>sigmascan --rules</c> compiles them (without the cache).</summary>
internal static class RuleFolders
{
    private static readonly Lazy<CompiledRules> RepositoryRules = new(() => Compile(Repository));

    /// <summary>The repository's rules/ folder.</summary>
    public static string Repository => Path.Combine(SharedData.RepositoryRoot, "rules");

    /// <summary>The placeholder values the tests use for the SigmaHQ corpus's |expand rules.</summary>
    public static string CorpusPlaceholders => Path.Combine(SharedData.RepositoryRoot, "tests", "SigmaCompile.Tests", "Fixtures", "corpus-placeholders.yml");

    /// <summary>The repository's rules, compiled at run time (once).</summary>
    public static CompiledRules RepositoryCompiled => RepositoryRules.Value;

    /// <summary>Compiles a folder at run time; fails on any problem or error diagnostic.</summary>
    public static CompiledRules Compile(string folder, IReadOnlyList<string>? pipelines = null, string? placeholders = null)
    {
        RuntimeRulesResult result = RuntimeRuleSource.Load(new CompileRequest(folder, pipelines ?? Array.Empty<string>(), placeholders), CacheSettings.Off);
        if (result.Rules is null || result.HasErrors)
        {
            throw new InvalidOperationException("compiling " + folder + " failed:\n"
                + string.Join("\n", result.Problems.Concat(result.Diagnostics.Where(d => d.IsError).Take(20).Select(d => d.ToString()))));
        }
        return result.Rules;
    }

    /// <summary>The fixture file or folder under the test's output folder.</summary>
    public static string Fixture(string relative) => Path.Combine(AppContext.BaseDirectory, "Fixtures", relative.Replace('/', Path.DirectorySeparatorChar));
}
