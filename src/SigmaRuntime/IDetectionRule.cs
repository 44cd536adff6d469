using System;
using System.Collections.Generic;
using System.Text.Json;

namespace SigmaCompile;

/// <summary>A Sigma detection rule compiled to C# at build time.</summary>
public interface IDetectionRule
{
    /// <summary>The rule's <c>id</c> (a UUID).</summary>
    Guid Id { get; }

    /// <summary>The rule's <c>title</c>.</summary>
    string Title { get; }

    /// <summary>The rule's <c>status</c>.</summary>
    RuleStatus Status { get; }

    /// <summary>The rule's <c>level</c>.</summary>
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

    /// <summary>The ATT&amp;CK tactics and techniques named by the rule's tags.</summary>
    AttackCoverage Attack { get; }

    /// <summary>The rule's <c>logsource</c>.</summary>
    LogSource LogSource { get; }

    /// <summary>The rule's <c>falsepositives</c>.</summary>
    IReadOnlyList<string> FalsePositives { get; }

    /// <summary>The rule's <c>condition</c> as written.</summary>
    string Condition { get; }

    /// <summary>
    /// Whether the event satisfies the rule's detection. Never throws for any JSON value and
    /// allocates nothing: a value that is not a JSON object simply does not match.
    /// </summary>
    bool IsMatch(JsonElement evt);
}
