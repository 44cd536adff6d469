using System;
using SigmaCompile;

namespace SigmaScan;

/// <summary>Rule levels as Sigma writes them: <c>informational</c>, <c>low</c>, ... <c>critical</c>.</summary>
internal static class LevelNames
{
    /// <summary>The level as Sigma writes it; <c>unknown</c> for a rule without a valid level.</summary>
    public static string Text(RuleLevel level) => level switch
    {
        RuleLevel.Informational => "informational",
        RuleLevel.Low => "low",
        RuleLevel.Medium => "medium",
        RuleLevel.High => "high",
        RuleLevel.Critical => "critical",
        _ => "unknown",
    };

    /// <summary>Reads a level name (any case), as <c>--min-level</c> takes it.</summary>
    public static bool TryParse(string text, out RuleLevel level)
    {
        foreach (RuleLevel candidate in Enum.GetValues<RuleLevel>())
        {
            if (candidate != RuleLevel.Unknown && string.Equals(Text(candidate), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                level = candidate;
                return true;
            }
        }

        level = RuleLevel.Unknown;
        return false;
    }
}
