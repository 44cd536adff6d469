using Microsoft.CodeAnalysis;

namespace SigmaCompile.Generator.Model;

/// <summary>
/// The severity a rule file's <c>.editorconfig</c> section gives one SIGMA diagnostic in that file
/// (<c>sigma_diagnostic.SIGMA019.severity = error</c>). The compiler applies <c>dotnet_diagnostic.*.severity</c> from
/// <c>.editorconfig</c> sections to C# files only, and hides those keys from generators, so SIGMA diagnostics, which
/// are located in YAML files, are re-levelled by the generator itself from this key of its own.
/// </summary>
/// <param name="FilePath">The rule file, as the compiler names it.</param>
/// <param name="Id">The diagnostic id, upper case (<c>SIGMA019</c>).</param>
/// <param name="Severity">The severity to report it with, or null for <c>none</c> (not reported).</param>
internal sealed record SeverityOverride(string FilePath, string Id, DiagnosticSeverity? Severity);
