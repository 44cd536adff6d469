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

    /// <summary>
    /// Reads a filter written <c>product=aws,service=cloudtrail</c> (keys product, category, service; any order).
    /// </summary>
    /// <exception cref="System.FormatException">A part is not <c>key=value</c> or names another key.</exception>
    public static LogSource Parse(string text)
    {
        System.ArgumentNullException.ThrowIfNull(text);
        string? product = null, category = null, service = null;
        foreach (string part in text.Split(',', System.StringSplitOptions.RemoveEmptyEntries | System.StringSplitOptions.TrimEntries))
        {
            int equals = part.IndexOf('=');
            string key = equals < 0 ? part : part[..equals].Trim();
            string value = equals < 0 ? "" : part[(equals + 1)..].Trim();
            if (value.Length == 0)
                throw new System.FormatException($"'{part}' is not key=value");
            switch (key)
            {
                case "product": product = value; break;
                case "category": category = value; break;
                case "service": service = value; break;
                default: throw new System.FormatException($"'{key}' is not product, category or service");
            }
        }
        return new LogSource(product, category, service);
    }

    private static bool Fits(string? wanted, string? own) =>
        wanted is null || own is null || string.Equals(wanted, own, System.StringComparison.OrdinalIgnoreCase);
}
