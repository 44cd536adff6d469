using SigmaCompile.Generator.Diagnostics;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Lowering;

/// <summary>What lowering one rule needs besides where to report: placeholder values, and a size budget.</summary>
internal sealed class LoweringContext(string filePath, PlaceholderSet placeholders) : DiagnosticSink(filePath)
{
    /// <summary>The most tests one rule may expand to (windash and placeholders multiply values).</summary>
    public const int MaxTests = 200_000;

    private int _tests;

    public PlaceholderSet Placeholders { get; } = placeholders;

    /// <summary>Counts tests produced; false (reported once) when the rule outgrows the budget.</summary>
    public bool Spend(int count, SourceSpan span)
    {
        bool wasWithin = _tests <= MaxTests;
        _tests += count;
        if (_tests <= MaxTests)
            return true;
        if (wasWithin)
            Report(SigmaDiagnostics.TooComplexId, span, $"The rule expands to more than {MaxTests} values (through windash, placeholders or YAML aliases); split it into smaller rules");
        return false;
    }
}
