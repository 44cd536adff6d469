namespace SigmaCompile.Generator.Model;

/// <summary>Values for <c>|expand</c> placeholders, read from the file named by <c>SigmaPlaceholders</c>.</summary>
internal sealed record PlaceholderSet(EquatableArray<PlaceholderEntry> Entries, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static PlaceholderSet Empty { get; } = new(EquatableArray<PlaceholderEntry>.Empty, EquatableArray<DiagnosticInfo>.Empty);

    /// <summary>The values of a placeholder (names compare case-sensitively, as written in rules), or null.</summary>
    public EquatableArray<string>? Find(string name)
    {
        foreach (PlaceholderEntry entry in Entries)
        {
            if (entry.Name == name)
                return entry.Values;
        }
        return null;
    }
}

/// <summary>One placeholder and its values (Sigma strings: wildcards allowed).</summary>
internal sealed record PlaceholderEntry(string Name, EquatableArray<string> Values);

/// <summary>Everything that shapes how every rule is lowered: placeholder values and pipelines.</summary>
internal sealed record ParseSettings(PlaceholderSet Placeholders, PipelineSet Pipelines)
{
    public static ParseSettings Empty { get; } = new(PlaceholderSet.Empty, PipelineSet.Empty);
}
