using System.Collections.Generic;

namespace SigmaCompile.Catalog;

/// <summary>
/// A compiled rule that also describes itself as data, for catalogs and reviews: the stages of its detection as
/// the rule wrote them, the indicators it looks for, its ATT&amp;CK and other tag coverage, the events it can match, and the
/// filters applied to it. Every class that
/// SigmaCompile generates implements it; all of it is computed at build time.
/// </summary>
/// <remarks>
/// Kept apart from <see cref="IDetectionRule"/> so that the matching contract stays small: code that only
/// matches events never sees these members, and other implementations of <see cref="IDetectionRule"/> (a
/// hand-written rule, a fused rule set) need not describe themselves. Answers that need the whole rule set
/// (how many rules share an indicator, which rules watch the same operation) come from the generated
/// <c>SigmaRules.Catalog</c>, a <see cref="RuleCatalog"/>.
/// </remarks>
public interface IDescribedRule : IDetectionRule
{
    /// <summary>The rule file the class was compiled from, relative to the project (for example <c>rules/aws/x.yml</c>).</summary>
    string SourcePath { get; }

    /// <summary>
    /// The detection in stages: stage 0 is the condition, then each search identifier in the order written, with
    /// its predicates as written. Searches that a field-mapping pipeline added come last, as
    /// <see cref="RuleStageKind.AddedByPipeline"/>.
    /// </summary>
    IReadOnlyList<RuleStage> Stages { get; }

    /// <summary>
    /// What the rule looks for: one row per search, field, operator and list of values, as matched (escapes,
    /// wildcards and modifiers resolved). Ordered by field, then operator; keyword searches come last. Searches the
    /// condition never uses and searches added by a pipeline are left out.
    /// </summary>
    IReadOnlyList<RuleIndicator> Indicators { get; }

    /// <summary>The rule's tags read as coverage: ATT&amp;CK tactics (with names) and techniques, groups, software, CVEs and the rest.</summary>
    RuleCoverage Coverage { get; }

    /// <summary>
    /// The concrete events the rule can match, as provider, event and title: the logs to collect for the rule ever to
    /// fire. Computed at build time from the logsource, the conditions pipelines add and the rule's own event
    /// predicates; never empty (a rule whose events cannot be determined has one <see cref="EventCoverageKind.Undetermined"/> row).
    /// </summary>
    IReadOnlyList<CoveredEvent> EventCoverage { get; }

    /// <summary>
    /// The Sigma filters applied to the rule at build time, in the order applied (the order of the
    /// <c>_filterN_</c> prefixes): each named the rule by its id or name and matched its log source. Empty when no
    /// filter applies.
    /// </summary>
    IReadOnlyList<AppliedFilter> AppliedFilters { get; }
}
