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

    public Diagnostic ToDiagnostic()
    {
        DiagnosticDescriptor descriptor = Diagnostics.SigmaDiagnostics.Get(Id);
        Location location = FilePath.Length == 0 || FilePath.StartsWith("builtin:", System.StringComparison.Ordinal) ? Location.None : Location.Create(
            FilePath,
            new TextSpan(Span.Start, Span.Length),
            new LinePositionSpan(new LinePosition(Span.StartLine, Span.StartColumn), new LinePosition(Span.EndLine, Span.EndColumn)));
        return Diagnostic.Create(descriptor, location, Arguments.Cast<object>().ToArray());
    }
}
