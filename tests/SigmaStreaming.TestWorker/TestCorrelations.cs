using System;
using System.Collections.Generic;
using SigmaCompile.Correlations;
using SigmaStreaming.TestWorker.Rules;

namespace SigmaStreaming.TestWorker;

/// <summary>The test worker's correlations, compiled from rules/ by the generator, by the names the tests use.</summary>
public static class TestCorrelations
{
    /// <summary>The id of rules/login_failed.yml.</summary>
    public static readonly Guid LoginFailedRule = Guid.Parse("5e0d7c61-3b0f-4c55-9d5e-0c1f6d2a7b01");

    /// <summary>rules/repeated_login_failures.yml: three failed logins of one user within ten minutes; the single failures are not alerts of their own.</summary>
    public static ICorrelationRule RepeatedLoginFailures => Rules.RepeatedLoginFailures.Instance;

    /// <summary>Every correlation of the test worker.</summary>
    public static IReadOnlyList<ICorrelationRule> All => SigmaRules.Correlations;
}
