using System.Globalization;
using Microsoft.CodeAnalysis;

namespace SigmaScan.RuntimeRules;

/// <summary>A diagnostic of a run-time compile, kept as data so that a cached compile can print it again.</summary>
/// <param name="IsError">An error (the rule was left out) rather than a warning.</param>
/// <param name="Id">The diagnostic id, <c>SIGMA005</c>.</param>
/// <param name="Path">The file it is about; empty when it is about no file (an unknown pipeline name).</param>
/// <param name="Line">The 1-based line, 0 without a file.</param>
/// <param name="Column">The 1-based column, 0 without a file.</param>
/// <param name="Message">What is wrong and what to do.</param>
internal sealed record RuleDiagnostic(bool IsError, string Id, string Path, int Line, int Column, string Message)
{
    /// <summary>
    /// The line MSBuild prints for it, less the project suffix: <c>path(line,col): error SIGMA005: message</c>; one
    /// about no file starts with the tool's name, as a build's starts with the compiler's.
    /// </summary>
    public override string ToString()
    {
        string severity = IsError ? "error" : "warning";
        return Path.Length == 0
            ? $"sigmascan : {severity} {Id}: {Message}"
            : string.Create(CultureInfo.InvariantCulture, $"{Path}({Line},{Column}): {severity} {Id}: {Message}");
    }

    public static RuleDiagnostic From(Diagnostic diagnostic)
    {
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        bool located = diagnostic.Location != Location.None && span.IsValid && span.Path.Length > 0;
        return new RuleDiagnostic(
            diagnostic.Severity == DiagnosticSeverity.Error,
            diagnostic.Id,
            located ? span.Path : "",
            located ? span.StartLinePosition.Line + 1 : 0,
            located ? span.StartLinePosition.Character + 1 : 0,
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    /// <summary>File, then position, then id: the order in which they are printed.</summary>
    public static int Compare(RuleDiagnostic a, RuleDiagnostic b)
    {
        int order = string.CompareOrdinal(a.Path, b.Path);
        if (order == 0)
            order = a.Line.CompareTo(b.Line);
        if (order == 0)
            order = a.Column.CompareTo(b.Column);
        return order != 0 ? order : string.CompareOrdinal(a.Id, b.Id);
    }
}
