using System;
using System.Collections.Generic;

namespace SigmaCompile.Catalog;

/// <summary>How an indicator compares a field with its values.</summary>
public enum IndicatorOperator
{
    /// <summary><c>eq</c>: the whole value equals one of the values.</summary>
    Equal = 0,

    /// <summary><c>contains</c>: the value contains one of the values.</summary>
    Contains,

    /// <summary><c>starts_with</c>: the value starts with one of the values.</summary>
    StartsWith,

    /// <summary><c>ends_with</c>: the value ends with one of the values.</summary>
    EndsWith,

    /// <summary>
    /// <c>match</c>: a wildcard pattern in Sigma notation (<c>*</c> and <c>?</c>, <c>\*</c> for a literal star;
    /// <c>*</c> alone means any value), or a regular expression written <c>/pattern/flags</c>.
    /// </summary>
    Match,

    /// <summary><c>cidr</c>: an IP address inside one of the networks.</summary>
    Cidr,

    /// <summary><c>exists</c>: the field is present (value <c>true</c>) or absent (value <c>false</c>).</summary>
    Exists,

    /// <summary><c>null</c>: the field is missing or null. The row has no values.</summary>
    Null,

    /// <summary><c>gt</c>: a number greater than the value.</summary>
    GreaterThan,

    /// <summary><c>gte</c>: a number greater than or equal to the value.</summary>
    GreaterThanOrEqual,

    /// <summary><c>lt</c>: a number less than the value.</summary>
    LessThan,

    /// <summary><c>lte</c>: a number less than or equal to the value.</summary>
    LessThanOrEqual,

    /// <summary><c>fieldref</c>: equal to another field of the same event; the values name the fields.</summary>
    FieldReference,

    /// <summary><c>keyword</c>: text searched in every string of the event (no field).</summary>
    Keyword,
}

/// <summary>The short names of <see cref="IndicatorOperator"/> values, as catalogs print them.</summary>
public static class IndicatorOperators
{
    private static readonly string[] Names =
    {
        "eq", "contains", "starts_with", "ends_with", "match", "cidr", "exists", "null", "gt", "gte", "lt", "lte", "fieldref", "keyword",
    };

    /// <summary>The short name: <c>eq</c>, <c>contains</c>, <c>starts_with</c>, <c>ends_with</c>, <c>match</c>, <c>cidr</c>,
    /// <c>exists</c>, <c>null</c>, <c>gt</c>, <c>gte</c>, <c>lt</c>, <c>lte</c>, <c>fieldref</c> or <c>keyword</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined operator.</exception>
    public static string Name(IndicatorOperator op) =>
        (uint)op < (uint)Names.Length ? Names[(int)op] : throw new ArgumentOutOfRangeException(nameof(op), op, "not an indicator operator");

    /// <summary>Reads a short name (case-insensitive); false when it names no operator.</summary>
    public static bool TryParse(string name, out IndicatorOperator op)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (int i = 0; i < Names.Length; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.OrdinalIgnoreCase))
            {
                op = (IndicatorOperator)i;
                return true;
            }
        }
        op = default;
        return false;
    }
}

/// <summary>
/// One row of a rule's indicator table: a field, how it is compared, and the values it is compared with. Values
/// are as matched: escapes resolved, the wildcards that <c>contains</c>, <c>startswith</c> and <c>endswith</c>
/// add are implied by the operator, and <c>windash</c>, <c>base64offset</c> and <c>expand</c> variants are listed
/// one by one.
/// </summary>
/// <param name="Search">The search identifier the row comes from.</param>
/// <param name="Field">The field name as the rule wrote it (before any pipeline mapping); null for <see cref="IndicatorOperator.Keyword"/>.</param>
/// <param name="Operator">How the field is compared.</param>
/// <param name="Values">The values, in the order written; any one of them satisfies the row unless <paramref name="All"/> is set.</param>
/// <param name="Written">The key as the rule wrote it, modifiers included (for example <c>CommandLine|windash|contains</c>); empty for a keyword list.</param>
/// <param name="Cased">Whether the comparison is case-sensitive (<c>|cased</c>, or a regex without the <c>i</c> flag).</param>
/// <param name="All">Whether every value must hold (<c>|all</c>).</param>
/// <param name="Negated">Whether the predicate is negated (<c>|neq</c>).</param>
/// <param name="Filter">Whether the search is a filter: the condition uses it only under <c>not</c>.</param>
public sealed record RuleIndicator(
    string Search,
    string? Field,
    IndicatorOperator Operator,
    IReadOnlyList<string> Values,
    string Written,
    bool Cased,
    bool All,
    bool Negated,
    bool Filter)
{
    /// <summary>The values, in the order written.</summary>
    public IReadOnlyList<string> Values { get; init; } = ReadOnlyLists.Wrap(Values, nameof(Values));

    /// <summary>The operator's short name (see <see cref="IndicatorOperators.Name"/>).</summary>
    public string OperatorName => IndicatorOperators.Name(Operator);
}
