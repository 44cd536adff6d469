using System.Collections.Generic;
using SigmaCompile.RuleSets;

namespace SigmaScan.Output;

/// <summary>One rule matching one record.</summary>
/// <param name="Rule">The rule that matched.</param>
/// <param name="Source">The input, as it is named to the user.</param>
/// <param name="Record">The 1-based record number in that input.</param>
/// <param name="Facts">The event's time and key fields, read only for the outputs that show them.</param>
internal readonly record struct Detection(RuleSummary Rule, string Source, long Record, EventFacts? Facts);

/// <summary>What the people-facing outputs show of a detection's event (see <see cref="EventFacts"/>'s reader).</summary>
/// <param name="Time">The event's time as the event writes it; empty when none of the known time fields is there.</param>
/// <param name="Fields">Key fields and their values, in a fixed order per kind of event.</param>
internal sealed record EventFacts(string Time, IReadOnlyList<KeyValuePair<string, string>> Fields);
