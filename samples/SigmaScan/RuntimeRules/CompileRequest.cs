using System.Collections.Generic;

namespace SigmaScan.RuntimeRules;

/// <summary>A run-time compile as the command line asks for it.</summary>
/// <param name="RulesDirectory">The folder whose <c>*.yml</c> and <c>*.yaml</c> files are the rules (<c>--rules</c>).</param>
/// <param name="Pipelines">
/// Each <c>--pipeline</c>, in order: a built-in pipeline's name, or a YAML file (a value ending in <c>.yml</c> or
/// <c>.yaml</c>, or holding a path separator).
/// </param>
/// <param name="PlaceholdersFile">The YAML file of <c>%placeholder%</c> values (<c>--placeholders</c>), if any.</param>
internal sealed record CompileRequest(string RulesDirectory, IReadOnlyList<string> Pipelines, string? PlaceholdersFile);
