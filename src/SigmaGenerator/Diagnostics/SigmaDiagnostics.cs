using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SigmaCompile.Generator.Diagnostics;

/// <summary>
/// The catalogue of SigmaCompile diagnostics. Invalid rules are errors, unsupported features warnings; every
/// message says what is wrong and what to do. Keep docs/diagnostics.md and AnalyzerReleases.Unshipped.md in step.
/// </summary>
internal static class SigmaDiagnostics
{
    private const string Category = "SigmaCompile";

    public const string InvalidYamlId = "SIGMA001";
    public const string NotASigmaRuleId = "SIGMA002";
    public const string InvalidIdId = "SIGMA003";
    public const string DuplicateIdId = "SIGMA004";
    public const string UnknownModifierId = "SIGMA005";
    public const string InvalidModifierChainId = "SIGMA006";
    public const string ConditionSyntaxId = "SIGMA007";
    public const string UnknownIdentifierId = "SIGMA008";
    public const string InvalidRegexId = "SIGMA009";
    public const string InvalidCidrId = "SIGMA010";
    public const string UnresolvedPlaceholderId = "SIGMA011";
    public const string EmptyFileId = "SIGMA012";
    public const string NotUtf8Id = "SIGMA013";
    public const string UnsupportedFeatureId = "SIGMA014";
    public const string InvalidDetectionId = "SIGMA015";
    public const string InvalidModifierValueId = "SIGMA016";
    public const string InvalidPlaceholderFileId = "SIGMA017";
    public const string TooComplexId = "SIGMA018";
    public const string InvalidMetadataId = "SIGMA019";
    public const string InvalidPipelineId = "SIGMA020";
    public const string UnknownPipelineId = "SIGMA021";
    public const string InvalidCorrelationId = "SIGMA022";
    public const string CorrelationWithoutRulesId = "SIGMA023";
    public const string InvalidTimespanId = "SIGMA024";
    public const string InvalidCorrelationConditionId = "SIGMA025";
    public const string UnknownCorrelationOperatorId = "SIGMA026";
    public const string InvalidAliasId = "SIGMA027";
    public const string UnknownRuleReferenceId = "SIGMA028";
    public const string AmbiguousRuleNameId = "SIGMA029";
    public const string CorrelationCycleId = "SIGMA030";
    public const string CorrelationChainTooDeepId = "SIGMA031";
    public const string FilterNotAppliedId = "SIGMA032";
    public const string InvalidFilterId = "SIGMA033";

    public static readonly DiagnosticDescriptor InvalidYaml = new(
        InvalidYamlId, "Rule file is not valid YAML", "The rule file is not valid YAML: {0}. Fix the YAML syntax at this position.", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NotASigmaRule = new(
        NotASigmaRuleId, "Not a Sigma rule", "This file is not a Sigma rule: {0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidId = new(
        InvalidIdId, "Rule id is not a UUID", "The rule id '{0}' is not a UUID; give the rule an id such as 'b5f7a1c2-3d4e-4f60-8a9b-0c1d2e3f4a5b'", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateId = new(
        DuplicateIdId, "Two rules share an id", "The rule id '{0}' is also used by '{1}'; every rule needs its own id", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnknownModifier = new(
        UnknownModifierId, "Unknown modifier", "Unknown modifier '{0}'{1}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidModifierChain = new(
        InvalidModifierChainId, "Invalid modifier chain", "Invalid modifier chain '{0}': {1}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ConditionSyntax = new(
        ConditionSyntaxId, "Condition does not parse", "The condition does not parse: {0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnknownIdentifier = new(
        UnknownIdentifierId, "Condition names a missing search identifier", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidRegex = new(
        InvalidRegexId, "Invalid regular expression", "The regular expression '{0}' is invalid: {1}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidCidr = new(
        InvalidCidrId, "Invalid CIDR range", "'{0}' is not a CIDR range; write an IPv4 or IPv6 network such as '10.0.0.0/8' or 'fe80::/10'", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnresolvedPlaceholder = new(
        UnresolvedPlaceholderId, "Unresolved placeholder", "The placeholder '%{0}%' has no values, so this rule is left out of the build; define '{0}' in the YAML file the SigmaPlaceholders property names", Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor EmptyFile = new(
        EmptyFileId, "Empty rule file", "The rule file is empty; write a Sigma rule or delete the file", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NotUtf8 = new(
        NotUtf8Id, "Rule file is not UTF-8 text", "The rule file is not UTF-8 text; save it as UTF-8", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedFeature = new(
        UnsupportedFeatureId, "Unsupported Sigma feature", "This rule uses {0}, which SigmaCompile does not support; the rule is skipped", Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidDetection = new(
        InvalidDetectionId, "Invalid detection", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidModifierValue = new(
        InvalidModifierValueId, "Invalid value for modifier", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidPlaceholderFile = new(
        InvalidPlaceholderFileId, "Invalid placeholder file", "The placeholder file is invalid: {0}. It must map each placeholder name to a list of values.", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor TooComplex = new(
        TooComplexId, "Rule exceeds a size limit", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidMetadata = new(
        InvalidMetadataId, "Invalid rule metadata", "{0}", Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidPipeline = new(
        InvalidPipelineId, "Invalid pipeline", "The pipeline is invalid: {0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnknownPipeline = new(
        UnknownPipelineId, "Unknown pipeline", "SigmaPipelines names '{0}', which is neither a built-in pipeline ({1}) nor a pipeline file given to the build", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidCorrelation = new(
        InvalidCorrelationId, "Invalid correlation rule", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor CorrelationWithoutRules = new(
        CorrelationWithoutRulesId, "Correlation without rules", "The correlation has no rules to correlate: {0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidTimespan = new(
        InvalidTimespanId, "Missing or invalid correlation timespan", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidCorrelationCondition = new(
        InvalidCorrelationConditionId, "Missing or invalid correlation condition", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnknownCorrelationOperator = new(
        UnknownCorrelationOperatorId, "Unknown correlation condition operator", "Unknown condition operator '{0}'; a correlation condition takes gt, gte, lt, lte, eq and neq (and 'field', 'percentile')", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidAlias = new(
        InvalidAliasId, "Invalid correlation alias", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnknownRuleReference = new(
        UnknownRuleReferenceId, "Correlation refers to an unknown rule", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor AmbiguousRuleName = new(
        AmbiguousRuleNameId, "Correlation refers to an ambiguous rule name", "The name '{0}' belongs to several rules ({1}); give each rule its own name, or refer to the rule by its id", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor CorrelationCycle = new(
        CorrelationCycleId, "Correlations refer to each other in a cycle", "The correlation refers back to itself through {0}; a correlation chain must end at detection rules", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor CorrelationChainTooDeep = new(
        CorrelationChainTooDeepId, "Correlation chain too deep", "The correlation chain through '{0}' is {1} correlations deep; at most {2} are allowed, so flatten the chain", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor FilterNotApplied = new(
        FilterNotAppliedId, "Filter not applied to a rule it names", "{0}", Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidFilter = new(
        InvalidFilterId, "Invalid filter", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static readonly DiagnosticDescriptor[] All =
    {
        InvalidYaml,
        NotASigmaRule,
        InvalidId,
        DuplicateId,
        UnknownModifier,
        InvalidModifierChain,
        ConditionSyntax,
        UnknownIdentifier,
        InvalidRegex,
        InvalidCidr,
        UnresolvedPlaceholder,
        EmptyFile,
        NotUtf8,
        UnsupportedFeature,
        InvalidDetection,
        InvalidModifierValue,
        InvalidPlaceholderFile,
        TooComplex,
        InvalidMetadata,
        InvalidPipeline,
        UnknownPipeline,
        InvalidCorrelation,
        CorrelationWithoutRules,
        InvalidTimespan,
        InvalidCorrelationCondition,
        UnknownCorrelationOperator,
        InvalidAlias,
        UnknownRuleReference,
        AmbiguousRuleName,
        CorrelationCycle,
        CorrelationChainTooDeep,
        FilterNotApplied,
        InvalidFilter,
    };

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = All.ToDictionary(d => d.Id);

    public static IReadOnlyList<DiagnosticDescriptor> Descriptors => All;

    public static DiagnosticDescriptor Get(string id) => ById[id];

    /// <summary>
    /// Whether a diagnostic keeps its rule out of the build: every error, and the warnings that say a rule is
    /// skipped (a feature not supported yet, a placeholder without values), so that one such rule never fails the
    /// build of the others.
    /// </summary>
    public static bool LeavesRuleOut(string id) =>
        Get(id).DefaultSeverity == DiagnosticSeverity.Error || id is UnsupportedFeatureId or UnresolvedPlaceholderId;
}
