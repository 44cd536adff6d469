using System;
using System.Linq;
using System.Reflection;
using SigmaCompile.Matching;
using SigmaCompile.RuleSets;
using Xunit;

namespace SigmaCompile.Tests.Runtime;

/// <summary>
/// Which of the runtime's methods a Release build precompiles (src/SigmaRuntime/ReadyToRun.targets). The code that
/// builds a rule set and its first-use tables must not carry <c>AggressiveOptimization</c>, which keeps a method out
/// of the precompiled image: it runs once per set or table, so compiling it at run time is most of its cost. The code
/// that runs per event must carry it: the JIT then compiles it optimised from its first call, for this machine's
/// vector width and with <c>JsonElement</c>'s members inlined, where precompiled code would be slower for good
/// (measured: docs/performance.md, "The runtime precompiled").
/// </summary>
public sealed class PrecompiledCodeTests
{
    private const BindingFlags Declared = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    [Theory]
    [InlineData(typeof(RuleSetIndex), ".ctor")]
    [InlineData(typeof(NeedleIndex), ".ctor")]
    [InlineData(typeof(NeedleIndex), "Sort")]
    [InlineData(typeof(NeedleIndex), "CountingSort")]
    [InlineData(typeof(FieldScanTable), ".ctor")]
    [InlineData(typeof(ConditionTable), "Validate")]
    [InlineData(typeof(TableStrings), "Read")]
    public void The_code_that_builds_the_set_and_its_tables_can_be_precompiled(Type type, string name)
    {
        MethodBase[] methods = Methods(type, name);
        Assert.NotEmpty(methods);
        Assert.All(methods, method => Assert.False(IsOptimisedAtRunTime(method), $"{type.Name}.{method.Name} carries AggressiveOptimization"));
    }

    [Theory]
    [InlineData(typeof(RuleSetIndex), "Walk")]
    [InlineData(typeof(RuleSetIndex), "WalkStrings")]
    [InlineData(typeof(NeedleIndex), "Scan")]
    [InlineData(typeof(NeedleIndex), "ScanStart")]
    [InlineData(typeof(CandidateSet), "Find")]
    [InlineData(typeof(CandidateSet), "Fire")]
    [InlineData(typeof(ConditionTable), "IsMatch")]
    [InlineData(typeof(PredicateMemo), "Holds")]
    [InlineData(typeof(FieldScanner), "TryAnswer")]
    [InlineData(typeof(TextFolding), "Fold")]
    public void The_code_that_runs_per_event_is_compiled_optimised_on_this_machine(Type type, string name)
    {
        // Of overloads, the one an event reaches (TextFolding.Fold in place, not the copy the table builds make).
        Assert.Contains(Methods(type, name), IsOptimisedAtRunTime);
    }

    private static MethodBase[] Methods(Type type, string name) =>
        name == ".ctor"
            ? type.GetConstructors(Declared)
            : type.GetMethods(Declared).Where(m => m.Name == name).ToArray<MethodBase>();

    private static bool IsOptimisedAtRunTime(MethodBase method) =>
        (method.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0;
}
