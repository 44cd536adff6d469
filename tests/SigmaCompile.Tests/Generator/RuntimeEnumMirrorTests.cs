using System;
using System.Linq;
using Xunit;
using Model = SigmaCompile.Generator.Model;

namespace SigmaCompile.Tests.Generator;

/// <summary>
/// The generator writes runtime enum members by name from its own copies (it cannot reference the runtime), so
/// each copy must match its runtime enum member for member: same names, same values, same [Flags].
/// </summary>
public sealed class RuntimeEnumMirrorTests
{
    public static TheoryData<Type, Type> Pairs => new()
    {
        { typeof(Model.NumericComparison), typeof(SigmaCompile.Matching.NumericComparison) },
        { typeof(Model.TimestampPart), typeof(SigmaCompile.Matching.TimestampPart) },
        { typeof(Model.TextPosition), typeof(SigmaCompile.Matching.TextPosition) },
        { typeof(Model.RegexFlags), typeof(SigmaCompile.Matching.RegexFlags) },
        { typeof(Model.PrefilterAtomKind), typeof(SigmaCompile.RuleSets.PrefilterAtomKind) },
        { typeof(Model.IndicatorKind), typeof(SigmaCompile.Catalog.IndicatorOperator) },
        { typeof(Model.StageKind), typeof(SigmaCompile.Catalog.RuleStageKind) },
        { typeof(Model.CorrelationType), typeof(SigmaCompile.Correlations.CorrelationType) },
        { typeof(Model.CorrelationOperator), typeof(SigmaCompile.Correlations.CorrelationOperator) },
        { typeof(Model.EventCoverageKind), typeof(SigmaCompile.Catalog.EventCoverageKind) },
        { typeof(Model.PatternCode), typeof(SigmaCompile.RuleSets.PatternCode) },
        { typeof(Model.ConditionCode), typeof(SigmaCompile.RuleSets.ConditionCode) },
        { typeof(Model.FieldScanTerm), typeof(SigmaCompile.RuleSets.FieldScanTerm) },
        { typeof(Model.RuleLevel), typeof(SigmaCompile.RuleLevel) },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Generator_copy_matches_the_runtime_enum(Type generator, Type runtime)
    {
        Assert.Equal(Describe(runtime), Describe(generator));
        Assert.Equal(runtime.IsDefined(typeof(FlagsAttribute), false), generator.IsDefined(typeof(FlagsAttribute), false));
        Assert.Equal(Enum.GetUnderlyingType(runtime), Enum.GetUnderlyingType(generator));
    }

    [Fact]
    public void A_copy_that_drifts_is_caught()
    {
        // The comparison the theory makes, on two enums that differ in one value.
        Assert.NotEqual(Describe(typeof(Drifted)), Describe(typeof(SigmaCompile.Matching.TextPosition)));
    }

    private enum Drifted
    {
        Equal = 0,
        StartsWith = 1,
        EndsWith = 3,
        Contains = 2,
    }

    // "Name=Value" for every member, ordered by name, so a renamed, added, removed or renumbered member shows.
    private static string[] Describe(Type type) =>
        Enum.GetNames(type)
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(n => n + "=" + Convert.ToInt64(Enum.Parse(type, n), System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();
}
