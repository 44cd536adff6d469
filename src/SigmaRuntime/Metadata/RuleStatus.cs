namespace SigmaCompile;

/// <summary>A Sigma rule's <c>status</c>.</summary>
public enum RuleStatus
{
    /// <summary>No status was given, or an unknown one.</summary>
    Unknown = 0,
    /// <summary><c>stable</c></summary>
    Stable,
    /// <summary><c>test</c></summary>
    Test,
    /// <summary><c>experimental</c></summary>
    Experimental,
    /// <summary><c>deprecated</c></summary>
    Deprecated,
    /// <summary><c>unsupported</c></summary>
    Unsupported,
}
