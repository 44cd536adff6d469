using System;
using System.Collections.Generic;

namespace SigmaCompile.Correlations;

/// <summary>
/// A Sigma correlation rule compiled to C# at build time: which rules it refers to, how their events are grouped, the
/// timespan of its windows and the condition its aggregated value must meet. A <see cref="Correlator"/> runs it.
/// </summary>
public interface ICorrelationRule
{
    /// <summary>The rule's <c>id</c> (a UUID).</summary>
    Guid Id { get; }

    /// <summary>The rule's <c>name</c>, by which other correlations may refer to it, or null.</summary>
    string? Name { get; }

    /// <summary>The rule's <c>title</c>.</summary>
    string Title { get; }

    /// <summary>The rule's <c>status</c>.</summary>
    RuleStatus Status { get; }

    /// <summary>The rule's <c>level</c>: the severity of its alerts.</summary>
    RuleLevel Level { get; }

    /// <summary>The rule's <c>description</c>, or an empty string.</summary>
    string Description { get; }

    /// <summary>The rule's <c>author</c>, or an empty string.</summary>
    string Author { get; }

    /// <summary>The rule's <c>date</c>, when given.</summary>
    DateOnly? Date { get; }

    /// <summary>The rule's <c>modified</c> date, when given.</summary>
    DateOnly? Modified { get; }

    /// <summary>The rule's <c>references</c>.</summary>
    IReadOnlyList<string> References { get; }

    /// <summary>The rule's <c>tags</c>, each split into namespace and name.</summary>
    IReadOnlyList<RuleTag> Tags { get; }

    /// <summary>The rule's <c>falsepositives</c>.</summary>
    IReadOnlyList<string> FalsePositives { get; }

    /// <summary>The correlation's <c>type</c>.</summary>
    CorrelationType Type { get; }

    /// <summary>The correlation's <c>timespan</c>: the length of a window (positive).</summary>
    TimeSpan Timespan { get; }

    /// <summary>
    /// The correlation's <c>condition</c>. For <c>temporal</c> and <c>temporal_ordered</c> without one, the generator
    /// gives <c>gte</c> the number of referenced rules (all of them).
    /// </summary>
    CorrelationCondition Condition { get; }

    /// <summary>
    /// The correlation's <c>generate</c>: whether the rules it refers to also report their own matches (or alerts).
    /// A referenced rule reports when at least one correlation referring to it says so.
    /// </summary>
    bool Generate { get; }

    /// <summary>The <c>group-by</c> names as written (aliases included); empty means one group for all events.</summary>
    IReadOnlyList<string> GroupBy { get; }

    /// <summary>The referenced rules, in the order of <c>rules</c> (the order <c>temporal_ordered</c> requires).</summary>
    IReadOnlyList<CorrelationSource> Sources { get; }
}
