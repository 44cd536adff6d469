namespace SigmaCompile.RuleSets;

/// <summary>
/// An operation of a rule's condition program in a <see cref="ConditionTable"/> (prefix code, one int per operation
/// or operand).
/// </summary>
internal enum ConditionCode
{
    /// <summary>Never holds.</summary>
    False = 0,
    /// <summary>Always holds.</summary>
    True = 1,
    /// <summary>The next condition does not hold.</summary>
    Not = 2,
    /// <summary>Followed by a count and the position after the last operand, then that many conditions, all of which hold.</summary>
    And = 3,
    /// <summary>As <see cref="And"/>; some operand holds.</summary>
    Or = 4,
    /// <summary>Followed by a predicate number of the <see cref="PredicateTable"/>: it holds on the event.</summary>
    Predicate = 5,
    /// <summary>Followed by a field: it is missing or null.</summary>
    Null = 6,
    /// <summary>Followed by a field: it exists.</summary>
    Exists = 7,
    /// <summary>Followed by a field, the referenced field, a <see cref="Matching.TextPosition"/> and case (1 cased).</summary>
    FieldRef = 8,
}
