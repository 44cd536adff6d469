using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using SigmaCompile.Matching;

namespace SigmaCompile.Correlations;

/// <summary>
/// One rule a correlation refers to, in the correlation's <c>rules</c> list: a detection rule, whose matching events
/// feed the correlation, or another correlation, whose alerts feed it (a chain).
/// </summary>
/// <remarks>
/// A detection source says how to read the group and the value from a matching event: one field per group-by name
/// of the correlation, in <see cref="ICorrelationRule.GroupBy"/> order, with that rule's <c>aliases</c> and field
/// mapping already applied. A correlation source names, per group-by name, the group of the inner alert to take the
/// value from; its value is the inner alert's aggregated <see cref="CorrelationAlert.Value"/>, and it counts as one
/// event at the inner alert's <see cref="CorrelationAlert.LastTime"/>.
/// </remarks>
public sealed class CorrelationSource
{
    private CorrelationSource(string reference, Guid ruleId, bool isCorrelation, FieldPath[] groupFields, string[] groupNames, FieldPath? valueField)
    {
        ArgumentNullException.ThrowIfNull(reference);
        Reference = reference;
        RuleId = ruleId;
        IsCorrelation = isCorrelation;
        GroupFields = Array.AsReadOnly(groupFields);
        GroupNames = Array.AsReadOnly(groupNames);
        ValueField = valueField;
    }

    /// <summary>A detection rule referred to by a correlation.</summary>
    /// <param name="reference">The reference as written in <c>rules</c> (the rule's id or its <c>name</c>).</param>
    /// <param name="ruleId">The referenced rule's id.</param>
    /// <param name="groupFields">Where each group-by name is read in this rule's events, in group-by order.</param>
    /// <param name="valueField">Where the condition's <c>field</c> is read in this rule's events, for the types that need one.</param>
    public static CorrelationSource Detection(string reference, Guid ruleId, IReadOnlyList<FieldPath> groupFields, FieldPath? valueField = null)
    {
        ArgumentNullException.ThrowIfNull(groupFields);
        FieldPath[] fields = groupFields.ToArray();
        if (Array.IndexOf(fields, null) >= 0)
            throw new ArgumentException("a group field is null", nameof(groupFields));
        return new CorrelationSource(reference, ruleId, isCorrelation: false, fields, Array.Empty<string>(), valueField);
    }

    /// <summary>Another correlation referred to by a correlation (a chain).</summary>
    /// <param name="reference">The reference as written in <c>rules</c> (the correlation's id or its <c>name</c>).</param>
    /// <param name="ruleId">The referenced correlation's id.</param>
    /// <param name="groupNames">For each group-by name of the outer correlation, in order, the group name of the inner alert that holds its value.</param>
    public static CorrelationSource Correlation(string reference, Guid ruleId, IReadOnlyList<string> groupNames)
    {
        ArgumentNullException.ThrowIfNull(groupNames);
        string[] names = groupNames.ToArray();
        if (Array.IndexOf(names, null) >= 0)
            throw new ArgumentException("a group name is null", nameof(groupNames));
        return new CorrelationSource(reference, ruleId, isCorrelation: true, Array.Empty<FieldPath>(), names, null);
    }

    /// <summary>The reference as written in the correlation's <c>rules</c>: the rule's id or its <c>name</c>.</summary>
    public string Reference { get; }

    /// <summary>The id of the referenced rule.</summary>
    public Guid RuleId { get; }

    /// <summary>Whether the referenced rule is a correlation (a chain) rather than a detection rule.</summary>
    public bool IsCorrelation { get; }

    /// <summary>For a detection source, where each group-by name is read, in group-by order; empty for a correlation source.</summary>
    public IReadOnlyList<FieldPath> GroupFields { get; }

    /// <summary>For a correlation source, the inner alert's group name for each group-by name, in order; empty for a detection source.</summary>
    public IReadOnlyList<string> GroupNames { get; }

    /// <summary>For a detection source, where the condition's <c>field</c> is read (null when the type needs none).</summary>
    public FieldPath? ValueField { get; }

    /// <summary>
    /// Reads the group of an event that matched this detection source, as a <see cref="Correlator"/> groups it: for each
    /// group-by name, in order, the first value with text of its field (a string unescaped, a number or boolean as its
    /// JSON text). A host that routes events by group (for example to partitions of a stream) uses it so that every
    /// event of a group goes where the correlator expects it.
    /// </summary>
    /// <param name="evt">The event.</param>
    /// <returns>The group's values, or null when a field has no value with text (the correlator skips such an event).</returns>
    /// <exception cref="InvalidOperationException">This is a correlation source, whose group comes from the inner alert.</exception>
    public IReadOnlyList<string>? ReadGroup(JsonElement evt)
    {
        if (IsCorrelation)
            throw new InvalidOperationException($"{this} takes its group from the inner correlation's alert, not from an event");
        return TryReadGroup(evt, new FirstValueCapture(), out string[] values) ? values : null;
    }

    /// <summary>The group values of <paramref name="evt"/>, read with <paramref name="capture"/>; false when a field has no value with text.</summary>
    internal bool TryReadGroup(JsonElement evt, FirstValueCapture capture, out string[] values)
    {
        values = GroupFields.Count == 0 ? Array.Empty<string>() : new string[GroupFields.Count];
        for (int i = 0; i < values.Length; i++)
        {
            if (!capture.TryFind(GroupFields[i], evt, out JsonElement value))
                return false;
            values[i] = EventValues.Text(value);
        }
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => (IsCorrelation ? "correlation " : "detection ") + Reference;
}
