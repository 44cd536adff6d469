using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SigmaCompile.Generator.Model;

/// <summary>A position range in a rule file: character offsets and zero-based lines and columns.</summary>
internal sealed record SourceSpan(int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    public static SourceSpan FileStart { get; } = new(0, 0, 0, 0, 0, 0);
}

/// <summary>
/// A diagnostic as data (descriptor id, file, span, message arguments): equatable, so it can travel through the
/// incremental pipeline, and turned into a <see cref="Diagnostic"/> only when reported.
/// </summary>
internal sealed record DiagnosticInfo(string Id, string FilePath, SourceSpan Span, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(string id, string filePath, SourceSpan span, params string[] arguments) =>
        new(id, filePath, span, arguments.ToEquatableArray());

    /// <summary>
    /// The diagnostic to report, at the severity an <c>.editorconfig</c> section gives it for its file, or null when
    /// that section turns it off (<c>none</c>).
    /// </summary>
    public Diagnostic? ToDiagnostic(EquatableArray<SeverityOverride> overrides)
    {
        DiagnosticDescriptor descriptor = Diagnostics.SigmaDiagnostics.Get(Id);
        DiagnosticSeverity severity = descriptor.DefaultSeverity;
        foreach (SeverityOverride item in overrides)
        {
            if (item.Id == Id && item.FilePath == FilePath)
            {
                if (item.Severity is not { } given)
                    return null;
                severity = given;
            }
        }
        return severity == descriptor.DefaultSeverity
            ? ToDiagnostic()
            : Diagnostic.Create(descriptor, Location(), severity, additionalLocations: null, properties: null, Arguments.Cast<object>().ToArray());
    }

    private Diagnostic ToDiagnostic()
    {
        DiagnosticDescriptor descriptor = Diagnostics.SigmaDiagnostics.Get(Id);
        return Diagnostic.Create(descriptor, Location(), Arguments.Cast<object>().ToArray());
    }

    private Location Location() =>
        FilePath.Length == 0 || FilePath.StartsWith("builtin:", System.StringComparison.Ordinal) ? Microsoft.CodeAnalysis.Location.None : Microsoft.CodeAnalysis.Location.Create(
            FilePath,
            new TextSpan(Span.Start, Span.Length),
            new LinePositionSpan(new LinePosition(Span.StartLine, Span.StartColumn), new LinePosition(Span.EndLine, Span.EndColumn)));
}
