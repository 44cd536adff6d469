using System;
using System.Linq;
using System.Reflection;
using SigmaCompile.RuleSets;
using Xunit;

namespace SigmaCompile.Tests.Runtime;

/// <summary>
/// MatchingCode compiles ahead the methods a rule set runs per event (those compiled optimised on first call), one
/// after another until the caller says stop: what SigmaScan's main thread does while its primer builds the set.
/// </summary>
public sealed class MatchingCodeTests
{
    [Fact]
    public void The_methods_are_the_per_event_code_and_only_it()
    {
        var methods = MatchingCode.Methods();
        string[] names = methods.Select(m => m.DeclaringType!.Name + "." + m.Name).ToArray();
        Assert.Contains("RuleSetIndex.Walk", names);
        Assert.Contains("CandidateSet.Fire", names);
        Assert.Contains("ConditionTable.IsMatch", names);
        Assert.Contains("TextFolding.Fold", names);
        Assert.All(methods, m => Assert.NotEqual(default, m.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization));
        // The set's and the tables' builders are precompiled instead (see PrecompiledCodeTests), and generic methods
        // are left to their first call.
        Assert.DoesNotContain(methods, m => m.IsGenericMethodDefinition || m.IsConstructor);
    }

    [Fact]
    public void It_compiles_every_method_unless_told_to_stop()
    {
        int all = MatchingCode.Methods().Count;
        Assert.True(all > 20, $"{all} methods");
        Assert.Equal(all, MatchingCode.Prepare(() => false));
        // Asked first, then before each method: stopping at once compiles none; stopping when asked the fifth time,
        // three.
        Assert.Equal(0, MatchingCode.Prepare(() => true));
        int asked = 0;
        Assert.Equal(3, MatchingCode.Prepare(() => ++asked > 4));
        Assert.Throws<ArgumentNullException>(() => MatchingCode.Prepare(null!));
    }
}
