using System;
using System.Collections.Generic;
using SigmaCompile.Correlations;

namespace SigmaCompile.Tests.Correlations;

/// <summary>
/// A correlation rule written by hand, shaped like the class the generator emits per correlation document: the
/// engine's tests and benchmarks use it to build any correlation directly, without compiling YAML.
/// </summary>
public sealed class HandWrittenCorrelation : ICorrelationRule
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public string? Name { get; init; }
    public string Title { get; init; } = "Hand-written correlation";
    public RuleStatus Status { get; init; } = RuleStatus.Test;
    public RuleLevel Level { get; init; } = RuleLevel.High;
    public string Description { get; init; } = "";
    public string Author { get; init; } = "";
    public DateOnly? Date { get; init; }
    public DateOnly? Modified { get; init; }
    public IReadOnlyList<string> References { get; init; } = Array.Empty<string>();
    public IReadOnlyList<RuleTag> Tags { get; init; } = Array.Empty<RuleTag>();
    public IReadOnlyList<string> FalsePositives { get; init; } = Array.Empty<string>();
    public required CorrelationType Type { get; init; }
    public required TimeSpan Timespan { get; init; }
    public required CorrelationCondition Condition { get; init; }
    public bool Generate { get; init; }
    public IReadOnlyList<string> GroupBy { get; init; } = Array.Empty<string>();
    public required IReadOnlyList<CorrelationSource> Sources { get; init; }

    public override string ToString() => Title;
}
