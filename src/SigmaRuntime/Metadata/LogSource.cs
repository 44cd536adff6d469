namespace SigmaCompile;

/// <summary>A Sigma rule's <c>logsource</c>: which events the rule is written for.</summary>
/// <param name="Product">The <c>product</c> (for example <c>windows</c>, <c>aws</c>), or null.</param>
/// <param name="Category">The <c>category</c> (for example <c>process_creation</c>), or null.</param>
/// <param name="Service">The <c>service</c> (for example <c>cloudtrail</c>, <c>security</c>), or null.</param>
public sealed record LogSource(string? Product, string? Category, string? Service)
{
    /// <summary>
    /// Whether a stream described by <paramref name="filter"/> can hold events this rule is written for:
    /// every part the filter names must equal the rule's (case-insensitive); a part the rule leaves out
    /// does not restrict it.
    /// </summary>
    public bool IsCoveredBy(LogSource filter) =>
        Fits(filter.Product, Product) && Fits(filter.Category, Category) && Fits(filter.Service, Service);

    private static bool Fits(string? wanted, string? own) =>
        wanted is null || own is null || string.Equals(wanted, own, System.StringComparison.OrdinalIgnoreCase);
}
