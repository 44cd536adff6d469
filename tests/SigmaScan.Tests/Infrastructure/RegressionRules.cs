using System;
using System.IO;
using System.Linq;

namespace SigmaScan.Tests.Infrastructure;

/// <summary>
/// The 202 rules of SigmaHQ's regression set, copied from ../shared/sigma into a temporary rules folder (with their
/// paths under the corpus) and compiled at run time with windows-evtx, once per test run.
/// </summary>
internal static class RegressionRules
{
    private static readonly Lazy<CompiledRules> Rules = new(() =>
    {
        using var folder = new TempFolder("sigmascan-regression-rules");
        foreach (RegressionEntry entry in RegressionSet.Index().DistinctBy(e => e.RulePath))
        {
            string target = folder.Of(Path.Combine("rules", entry.RulePath));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(SharedData.PathOf(Path.Combine("sigma", entry.RulePath)), target);
        }
        return RuleFolders.Compile(folder.Of("rules"), new[] { "windows-evtx" }, RuleFolders.CorpusPlaceholders);
    });

    public static CompiledRules Compiled => Rules.Value;
}
