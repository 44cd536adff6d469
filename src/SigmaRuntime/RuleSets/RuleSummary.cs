using System;

namespace SigmaCompile.RuleSets;

/// <summary>
/// What a report of a match names: a rule's id, title and level, and where it is in <see cref="RuleSet.Rules"/>.
/// <see cref="RuleSet.MatchSummaries"/> reports matches with these, read from the generator's table, so that a scan
/// does not create the class of every rule that matches (for a large rule set, the first creation JIT-compiles the
/// registry's switch over every rule class: see docs/performance.md). A set returns the same instance for a rule
/// every time.
/// </summary>
public sealed class RuleSummary
{
    internal RuleSummary(int index, Guid id, string title, RuleLevel level)
    {
        Index = index;
        Id = id;
        Title = title;
        Level = level;
    }

    /// <summary>The rule's position in <see cref="RuleSet.Rules"/>: read the whole rule there.</summary>
    public int Index { get; }

    /// <summary>The rule's <c>id</c>.</summary>
    public Guid Id { get; }

    /// <summary>The rule's <c>title</c>.</summary>
    public string Title { get; }

    /// <summary>The rule's <c>level</c>.</summary>
    public RuleLevel Level { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Title} ({Id:D})";
}
