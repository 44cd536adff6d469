using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text.Json;
using System.Threading;

namespace SigmaCompile;

/// <summary>
/// The base of every generated rule class: the rule's metadata is passed to this constructor and read from here,
/// and the generated class adds only its matching code. A rule that a scan creates when it first matches then costs
/// the JIT the class's static initialiser and constructor, not a getter per property for each of hundreds of rules,
/// and a corpus build compiles one constructor call per rule instead of a dozen members (measured:
/// docs/performance.md). For generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class CompiledDetectionRule : IDetectionRule
{
    private readonly string _packedDetails;
    private RuleDetails? _details;

    /// <summary>Sets the rule's metadata.</summary>
    /// <param name="id">The rule's UUID, as text.</param>
    /// <param name="title">The rule's title.</param>
    /// <param name="status">The rule's status.</param>
    /// <param name="level">The rule's level.</param>
    /// <param name="logSource">The rule's log source.</param>
    /// <param name="description">The rule's description.</param>
    /// <param name="author">The rule's author.</param>
    /// <param name="date">When the rule was written, if it says.</param>
    /// <param name="modified">When the rule was last changed, if it says.</param>
    /// <param name="condition">The rule's condition, as written.</param>
    /// <param name="packedDetails">The rule's lists in the form <see cref="RuleDetails.Unpack"/> reads, unpacked when first read.</param>
    protected CompiledDetectionRule(string id, string title, RuleStatus status, RuleLevel level, LogSource logSource,
        string description, string author, DateOnly? date, DateOnly? modified, string condition, string packedDetails)
    {
        Id = Guid.Parse(id);
        Title = title ?? throw new ArgumentNullException(nameof(title));
        Status = status;
        Level = level;
        LogSource = logSource ?? throw new ArgumentNullException(nameof(logSource));
        Description = description ?? throw new ArgumentNullException(nameof(description));
        Author = author ?? throw new ArgumentNullException(nameof(author));
        Date = date;
        Modified = modified;
        Condition = condition ?? throw new ArgumentNullException(nameof(condition));
        _packedDetails = packedDetails ?? throw new ArgumentNullException(nameof(packedDetails));
    }

    /// <inheritdoc />
    public Guid Id { get; }

    /// <inheritdoc />
    public string Title { get; }

    /// <inheritdoc />
    public RuleStatus Status { get; }

    /// <inheritdoc />
    public RuleLevel Level { get; }

    /// <inheritdoc />
    public LogSource LogSource { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public string Author { get; }

    /// <inheritdoc />
    public DateOnly? Date { get; }

    /// <inheritdoc />
    public DateOnly? Modified { get; }

    /// <inheritdoc />
    public string Condition { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> References => Details.References;

    /// <inheritdoc />
    public IReadOnlyList<RuleTag> Tags => Details.Tags;

    /// <inheritdoc />
    public AttackCoverage Attack => Details.Attack;

    /// <inheritdoc />
    public IReadOnlyList<string> FalsePositives => Details.FalsePositives;

    /// <inheritdoc />
    public abstract bool IsMatch(JsonElement evt);

    // Unpacked on first read (matching never reads them); threads that race may each unpack, and one result is kept.
    private RuleDetails Details
    {
        get
        {
            RuleDetails? details = Volatile.Read(ref _details);
            if (details is not null)
                return details;
            Interlocked.CompareExchange(ref _details, RuleDetails.Unpack(_packedDetails), null);
            return _details!;
        }
    }
}
