namespace SigmaCompile.Generator.Model;

/// <summary>
/// A run every match of a regex holds: <see cref="Length"/> consecutive characters, each one of
/// <see cref="Characters"/> (ASCII, sorted). The runtime skips the regex on text without such a run (see
/// RegexLiterals.RunOf).
/// </summary>
internal sealed record RegexRun(string Characters, int Length);
