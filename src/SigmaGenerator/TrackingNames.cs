namespace SigmaCompile.Generator;

/// <summary>Names of the pipeline steps, so tests can check which steps ran, were cached or were unchanged.</summary>
internal static class TrackingNames
{
    public const string Options = nameof(Options);
    public const string RuleSources = nameof(RuleSources);
    public const string Placeholders = nameof(Placeholders);
    public const string Pipelines = nameof(Pipelines);
    public const string ParsedRules = nameof(ParsedRules);
    public const string RuleModels = nameof(RuleModels);
    public const string FilteredRuleModels = nameof(FilteredRuleModels);
    public const string Registry = nameof(Registry);
    public const string RuleEmitModels = nameof(RuleEmitModels);
    public const string RuleSet = nameof(RuleSet);
    public const string RuleCatalogEntries = nameof(RuleCatalogEntries);
    public const string CatalogIndex = nameof(CatalogIndex);
    public const string CorrelationModels = nameof(CorrelationModels);
    public const string Correlations = nameof(Correlations);
}
