namespace SigmaCompile.Matching;

/// <summary>Where a field's value is in an event, as a rule set's walk over the event found it (see <see cref="RuleSets.CandidateSet.Find"/>).</summary>
internal enum FieldReach : byte
{
    /// <summary>The field is not in the event.</summary>
    Missing,
    /// <summary>The field has one place in the event, which holds the value (an array stands for its elements).</summary>
    One,
    /// <summary>The field may have values in several places: read it with <see cref="FieldPath.AnyValue"/>.</summary>
    Several,
}
