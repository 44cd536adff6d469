using System;
using System.Collections.Generic;
using System.Linq;
using SigmaCompile.Correlations;
using SigmaCompile.Matching;
using SigmaCompile.RuleSets;
using SigmaCompile.Tests.Infrastructure;

namespace SigmaCompile.Tests.Correlations;

/// <summary>
/// Detection rules compiled once through the generator for the correlation tests (logons as in the specification's
/// failed-logons example, a transfer with a byte count, three reconnaissance commands), and sources built on them.
/// </summary>
internal static class CorrelationFixture
{
    public static readonly Guid FailedLogon = Guid.Parse("53ba33fd-3a50-4468-a5ef-c583635cfa92");
    public static readonly Guid SuccessfulLogon = Guid.Parse("4d0a2c83-c62c-4ed4-b475-c7e23a9269b8");
    public static readonly Guid Transfer = Guid.Parse("0b1c2d3e-4f50-4617-8829-3a4b5c6d7e8f");
    public static readonly Guid Whoami = Guid.Parse("a1000000-0000-4000-8000-000000000001");
    public static readonly Guid Ipconfig = Guid.Parse("a1000000-0000-4000-8000-000000000002");
    public static readonly Guid NetUser = Guid.Parse("a1000000-0000-4000-8000-000000000003");
    public static readonly Guid Unrelated = Guid.Parse("a1000000-0000-4000-8000-0000000000ff");

    private static readonly Lazy<(IReadOnlyList<IDetectionRule> All, RuleSet Set)> Compiled = new(() =>
        GeneratorHarness.CompileRuleSet(new[]
        {
            Rule("failed_login.yml", FailedLogon, "Single failed login", "failed_login", "EventID:\n      - 529\n      - 4625"),
            Rule("successful_login.yml", SuccessfulLogon, "Successful login", "successful_login", "EventID:\n      - 528\n      - 4624"),
            Rule("transfer.yml", Transfer, "Outbound transfer", "transfer", "EventID: 5156"),
            Rule("whoami.yml", Whoami, "Recon whoami", "recon_whoami", "Command: whoami"),
            Rule("ipconfig.yml", Ipconfig, "Recon ipconfig", "recon_ipconfig", "Command: ipconfig"),
            Rule("net_user.yml", NetUser, "Recon net user", "recon_net_user", "Command: net user"),
            Rule("unrelated.yml", Unrelated, "Unrelated process", "unrelated", "EventID: 1"),
        }));

    public static RuleSet Set => Compiled.Value.Set;

    public static IReadOnlyList<IDetectionRule> All => Compiled.Value.All;

    public static IDetectionRule Detection(Guid id) => All.Single(r => r.Id == id);

    /// <summary>A detection source reading each group-by name from the field of the same name (or the fields given).</summary>
    public static CorrelationSource Source(Guid rule, params string[] groupFields) =>
        CorrelationSource.Detection(rule.ToString(), rule, groupFields.Select(f => new FieldPath(f)).ToArray());

    /// <summary>A detection source that also reads a value field.</summary>
    public static CorrelationSource ValueSource(Guid rule, string valueField, params string[] groupFields) =>
        CorrelationSource.Detection(rule.ToString(), rule, groupFields.Select(f => new FieldPath(f)).ToArray(), new FieldPath(valueField));

    public static CorrelationSource Inner(ICorrelationRule inner, params string[] groupNames) =>
        CorrelationSource.Correlation(inner.Name ?? inner.Id.ToString(), inner.Id, groupNames);

    public static CorrelationCondition Condition(CorrelationOperator op, double value, string? field = null, double? percentile = null) =>
        new(new[] { new CorrelationBound(op, value) }, field, percentile);

    private static InMemoryAdditionalText Rule(string file, Guid id, string title, string name, string selection) =>
        GeneratorHarness.Rule(file,
            $"title: {title}\nid: {id}\nname: {name}\nstatus: test\nlevel: low\nlogsource:\n  product: test\n" +
            $"detection:\n  selection:\n    {selection}\n  condition: selection\n");
}
