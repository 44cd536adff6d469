using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SigmaScan.RuntimeRules;

/// <summary>How the cache served a run-time compile.</summary>
internal enum CacheUse
{
    /// <summary><c>--no-cache</c>, or no cache folder could be found.</summary>
    Off,

    /// <summary>The compiled rules came from the cache.</summary>
    Hit,

    /// <summary>The rules were compiled (and stored, unless <see cref="RuntimeRulesResult.CacheNote"/> says otherwise).</summary>
    Miss,
}

/// <summary>Where compiled rules are cached, and the identity of the compiler that goes into each key.</summary>
/// <param name="Directory">The cache folder; null turns the cache off.</param>
/// <param name="Identity">The versions the key covers (tests give another generator version here).</param>
internal sealed record CacheSettings(string? Directory, CompilerIdentity Identity)
{
    public static CacheSettings Off { get; } = new(null, CompilerIdentity.Current);
}

/// <summary>The rules of a <c>--rules</c> folder, ready to scan with, and how they were obtained.</summary>
/// <param name="Rules">The compiled rules; null when they could not be had (see <paramref name="Problems"/>).</param>
/// <param name="Diagnostics">The compile's diagnostics (on a cache hit, those of the compile that was cached).</param>
/// <param name="Problems">Inputs that could not be read, or why the compiled rules could not be produced.</param>
/// <param name="Cache">Whether the cache served them.</param>
/// <param name="CacheNote">What else happened in the cache: an entry stored, not stored and why, a damaged entry replaced.</param>
/// <param name="RulesDirectory">The rules folder as given.</param>
/// <param name="RuleFiles">The rule files read.</param>
/// <param name="Elapsed">The time taken, reading the files included.</param>
internal sealed record RuntimeRulesResult(
    CompiledRules? Rules,
    IReadOnlyList<RuleDiagnostic> Diagnostics,
    IReadOnlyList<string> Problems,
    CacheUse Cache,
    string CacheNote,
    string RulesDirectory,
    int RuleFiles,
    TimeSpan Elapsed)
{
    /// <summary>Whether a rule had an error (and was left out).</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>
    /// The one-line summary, e.g. <c>3,780 rules from ../sigma (3,780 files) compiled in 95.2 s (cache: miss, stored)</c>
    /// (<c>8 rules and 2 correlations from ...</c> when there are correlations).
    /// </summary>
    public string Summary()
    {
        var text = new StringBuilder();
        int rules = Rules?.All.Count ?? 0;
        int correlations = Rules?.Correlations.Count ?? 0;
        text.Append(CultureInfo.InvariantCulture, $"{rules:N0} rule{(rules == 1 ? "" : "s")}");
        if (correlations > 0)
            text.Append(CultureInfo.InvariantCulture, $" and {correlations:N0} correlation{(correlations == 1 ? "" : "s")}");
        text.Append(CultureInfo.InvariantCulture, $" from {RulesDirectory} ({RuleFiles:N0} file{(RuleFiles == 1 ? "" : "s")}");
        int broken = Diagnostics.Where(d => d.IsError).Select(d => d.Path).Distinct(StringComparer.Ordinal).Count();
        if (broken > 0)
            text.Append(CultureInfo.InvariantCulture, $", {broken:N0} with errors left out");
        text.Append(CultureInfo.InvariantCulture, $") {(Cache == CacheUse.Hit ? "loaded" : "compiled")} in {Elapsed.TotalSeconds:0.0} s (cache: ");
        text.Append(Cache switch { CacheUse.Hit => "hit", CacheUse.Miss => "miss", _ => "off" });
        if (CacheNote.Length > 0)
            text.Append(", ").Append(CacheNote);
        return text.Append(')').ToString();
    }
}

/// <summary>
/// Gets the compiled rules of a rules folder: from the cache when an entry for exactly these inputs exists and loads,
/// otherwise by compiling them (<see cref="RuleCompiler"/>) and storing the result. Nothing about the cache can fail
/// the scan: an entry that is damaged or does not load is deleted and rebuilt, and a cache that cannot be written is
/// only noted.
/// </summary>
internal static class RuntimeRuleSource
{
    /// <param name="request">The rules folder, pipelines and placeholders.</param>
    /// <param name="cache">Where the cache is, if anywhere.</param>
    /// <param name="progress">Told what is being done (for a status line), or null.</param>
    public static RuntimeRulesResult Load(CompileRequest request, CacheSettings cache, Action<string, bool>? progress = null)
    {
        Stopwatch clock = Stopwatch.StartNew();
        var problems = new List<string>();
        progress?.Invoke("reading rule files", false);
        GeneratorInputs? inputs = GeneratorInputs.Read(request, RuleCompiler.RootNamespace, problems,
            count => progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"reading rule files: {count:N0}"), false));
        if (inputs is null)
            return new RuntimeRulesResult(null, Array.Empty<RuleDiagnostic>(), problems, CacheUse.Off, "", request.RulesDirectory, 0, clock.Elapsed);

        RuleCache? store = cache.Directory is null ? null : new RuleCache(cache.Directory);
        string key = CacheKey.Compute(inputs, cache.Identity);
        string note = "";
        if (store is not null)
        {
            progress?.Invoke("loading the compiled rules from the cache", true);
            CacheEntry? entry = store.TryRead(key, out string readProblem);
            if (entry is not null)
            {
                try
                {
                    CompiledRules rules = RuleAssemblyLoader.Load(entry.Image);
                    return new RuntimeRulesResult(rules, entry.Diagnostics, problems, CacheUse.Hit, "", request.RulesDirectory, inputs.RuleFileCount, clock.Elapsed);
                }
                catch (RuleLoadException e)
                {
                    store.Discard(key);
                    readProblem = e.Message;
                }
            }
            if (readProblem.Length > 0)
                note = "a damaged entry was replaced (" + readProblem + ")";
        }

        progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"generating C# from {inputs.RuleFileCount:N0} rule files"), true);
        CompileOutput output = RuleCompiler.Compile(inputs, stage => progress?.Invoke(stage, true));
        CompiledRules? compiled = null;
        if (output.Image is null)
        {
            problems.Add("the generated C# did not compile (a SigmaCompile bug; the errors are listed above)");
        }
        else
        {
            progress?.Invoke("loading the compiled rules", true);
            try
            {
                compiled = RuleAssemblyLoader.Load(output.Image);
            }
            catch (RuleLoadException e)
            {
                problems.Add(e.Message);
            }
        }

        if (store is not null && compiled is not null)
        {
            string storeProblem = store.TryStore(new CacheEntry(key, output.Diagnostics, output.Image!));
            note = Join(note, storeProblem.Length == 0 ? "stored" : "not stored: " + storeProblem);
        }

        CacheUse use = store is null ? CacheUse.Off : CacheUse.Miss;
        return new RuntimeRulesResult(compiled, output.Diagnostics, problems, use, note, request.RulesDirectory, inputs.RuleFileCount, clock.Elapsed);
    }

    private static string Join(string first, string second) => first.Length == 0 ? second : first + "; " + second;
}
