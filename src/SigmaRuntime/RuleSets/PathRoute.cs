namespace SigmaCompile.RuleSets;

/// <summary>
/// The prefilter trie's nodes along a field path, which the prefilter's walk notes reaching (see
/// <see cref="CandidateSet.Reached"/>), so that a predicate can read the field from the walk instead of looking it
/// up in the event again.
/// </summary>
/// <param name="Nodes">The nodes, one per segment from the root; null when the walk tells nothing about the path.</param>
/// <param name="Whole">
/// Whether the nodes cover the whole path. When not, they end before a '*' segment: a walk that never reached the
/// last of them means the path is missing from the event, and otherwise the path must be looked up.
/// </param>
internal readonly record struct PathRoute(int[]? Nodes, bool Whole)
{
    public static PathRoute Unknown => default;
}
