using System;
using System.Collections.Generic;
using SigmaCompile;
using SigmaCompile.Correlations;
using SigmaCompile.Matching;

namespace SigmaStreaming.TestWorker;

/// <summary>The correlations of the test worker, written by hand until the generator emits correlation rules.</summary>
public static class TestCorrelations
{
    /// <summary>The id of rules/login_failed.yml.</summary>
    public static readonly Guid LoginFailedRule = Guid.Parse("5e0d7c61-3b0f-4c55-9d5e-0c1f6d2a7b01");

    /// <summary>Three failed logins of one user within ten minutes; the single failures are not alerts of their own.</summary>
    public static readonly ICorrelationRule RepeatedLoginFailures = new HandWrittenCorrelation(
        Guid.Parse("9c3f1e7a-2d4b-4f6a-8e1d-3b5c7a9e0f12"),
        "Repeated Login Failures",
        CorrelationType.EventCount,
        TimeSpan.FromMinutes(10),
        new CorrelationCondition(CorrelationOperator.GreaterThanOrEqual, 3),
        generate: false,
        new[] { "user" },
        new[] { CorrelationSource.Detection("login_failed", LoginFailedRule, new[] { new FieldPath("user") }) });

    /// <summary>Every correlation of the test worker.</summary>
    public static IReadOnlyList<ICorrelationRule> All { get; } = new[] { RepeatedLoginFailures };

    private sealed class HandWrittenCorrelation(Guid id, string title, CorrelationType type, TimeSpan timespan, CorrelationCondition condition,
        bool generate, IReadOnlyList<string> groupBy, IReadOnlyList<CorrelationSource> sources) : ICorrelationRule
    {
        public Guid Id => id;
        public string? Name => null;
        public string Title => title;
        public RuleStatus Status => RuleStatus.Test;
        public RuleLevel Level => RuleLevel.High;
        public string Description => "";
        public string Author => "";
        public DateOnly? Date => null;
        public DateOnly? Modified => null;
        public IReadOnlyList<string> References => Array.Empty<string>();
        public IReadOnlyList<RuleTag> Tags => Array.Empty<RuleTag>();
        public IReadOnlyList<string> FalsePositives => Array.Empty<string>();
        public CorrelationType Type => type;
        public TimeSpan Timespan => timespan;
        public CorrelationCondition Condition => condition;
        public bool Generate => generate;
        public IReadOnlyList<string> GroupBy => groupBy;
        public IReadOnlyList<CorrelationSource> Sources => sources;
    }
}
