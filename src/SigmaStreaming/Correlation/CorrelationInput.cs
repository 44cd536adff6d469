using System;
using System.Collections.Generic;

namespace SigmaCompile.Streaming.Correlation;

/// <summary>An event's input to one correlation unit: the partition it goes to and the matched rules that feed the unit there.</summary>
/// <param name="Unit">The unit fed.</param>
/// <param name="Partition">The partition, from the hash of the unit and group.</param>
/// <param name="RuleIds">The matched detection rules whose group leads to this partition, in rule-set order.</param>
public sealed record CorrelationInput(CorrelationUnit Unit, int Partition, IReadOnlyList<Guid> RuleIds);
