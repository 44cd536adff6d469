namespace SigmaCompile;

/// <summary>A Sigma rule's <c>level</c>.</summary>
public enum RuleLevel
{
    /// <summary>No level was given, or an unknown one.</summary>
    Unknown = 0,
    /// <summary><c>informational</c></summary>
    Informational,
    /// <summary><c>low</c></summary>
    Low,
    /// <summary><c>medium</c></summary>
    Medium,
    /// <summary><c>high</c></summary>
    High,
    /// <summary><c>critical</c></summary>
    Critical,
}
