using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace SigmaCompile.Tests.Infrastructure;

/// <summary>
/// The SigmaHQ corpus compiled once per test run with the windows-evtx pipeline (and the corpus placeholder
/// values), shared by the tests that need it because compiling 3,780 rules takes a while.
/// </summary>
internal static class CompiledCorpus
{
    private static readonly Lazy<(IReadOnlyList<IDetectionRule> All, RuleSets.RuleSet Set)> Compiled = new(() =>
    {
        List<AdditionalText> files = Generator.CorpusTests.CorpusFiles(withPlaceholders: true);
        var options = GeneratorHarness.DefaultOptions();
        options["build_property.SigmaRulesDirectory"] = SharedData.PathOf("sigma");
        options["build_property.SigmaPipelines"] = "windows-evtx";
        return GeneratorHarness.CompileRuleSet(files, options);
    });

    public static IReadOnlyList<IDetectionRule> All => Compiled.Value.All;

    public static RuleSets.RuleSet Set => Compiled.Value.Set;
}
