using System.Collections.Generic;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Diagnostics;

/// <summary>
/// Collects one file's diagnostics as data while it is read and lowered, and remembers whether one of them leaves
/// the rule out of the build (an error, or a warning that skips the rule: see <see cref="SigmaDiagnostics.LeavesRuleOut"/>).
/// </summary>
internal class DiagnosticSink(string filePath)
{
    public string FilePath { get; } = filePath;

    public List<DiagnosticInfo> Diagnostics { get; } = new();

    /// <summary>Whether a reported diagnostic keeps what the file holds (a rule, a pipeline) out of the build.</summary>
    public bool Failed { get; private set; }

    public void Report(string id, SourceSpan span, params string[] arguments)
    {
        Diagnostics.Add(DiagnosticInfo.Create(id, FilePath, span, arguments));
        if (SigmaDiagnostics.LeavesRuleOut(id))
            Failed = true;
    }
}
