using System;
using System.Collections.Generic;
using SigmaCompile;
using SigmaCompile.Correlations;

namespace SigmaStreaming.Tests.Units;

/// <summary>A correlation rule written by hand for the routing tests.</summary>
internal sealed class TestCorrelation(Guid id, bool generate, IReadOnlyList<string> groupBy, params CorrelationSource[] sources) : ICorrelationRule
{
    public Guid Id => id;
    public string? Name => null;
    public string Title => "Test correlation " + id.ToString("D")[..8];
    public RuleStatus Status => RuleStatus.Test;
    public RuleLevel Level => RuleLevel.Medium;
    public string Description => "";
    public string Author => "";
    public DateOnly? Date => null;
    public DateOnly? Modified => null;
    public IReadOnlyList<string> References => Array.Empty<string>();
    public IReadOnlyList<RuleTag> Tags => Array.Empty<RuleTag>();
    public IReadOnlyList<string> FalsePositives => Array.Empty<string>();
    public CorrelationType Type => CorrelationType.EventCount;
    public TimeSpan Timespan => TimeSpan.FromMinutes(5);
    public CorrelationCondition Condition { get; } = new(CorrelationOperator.GreaterThanOrEqual, 2);
    public bool Generate => generate;
    public IReadOnlyList<string> GroupBy => groupBy;
    public IReadOnlyList<CorrelationSource> Sources => sources;
}
