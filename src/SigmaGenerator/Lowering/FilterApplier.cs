using System;
using System.Collections.Immutable;
using System.Linq;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Lowering;

/// <summary>
/// Applies Sigma filters to a lowered rule (model to model): each filter that names the rule (by id or name) and
/// whose log source matches the rule's adds its searches, renamed <c>_filterN_name</c>, and <c>and not (its
/// condition)</c> to the rule's condition, and is recorded in the rule's <see cref="RuleModel.Filters"/> for the
/// catalog. The filter's fields are mapped by the pipelines that apply to the rule.
/// </summary>
internal static class FilterApplier
{
    public static RuleModel Apply(RuleModel rule, ImmutableArray<FilterModel> filters, PipelineSet pipelines)
    {
        int n = 0;
        foreach (FilterModel filter in filters.OrderBy(f => f.Id, StringComparer.Ordinal).ThenBy(f => f.SourcePath, StringComparer.Ordinal))
        {
            if (!Names(filter, rule.Metadata) || !Matches(filter, rule.Metadata))
                continue;
            string prefix;
            do
                prefix = "_filter" + (++n).ToString(System.Globalization.CultureInfo.InvariantCulture) + "_";
            while (rule.Searches.Any(s => s.Name.StartsWith(prefix, StringComparison.Ordinal)));

            var searches = filter.Searches.Select(s => s with { Name = prefix + s.Name }).ToEquatableArray();
            if (!pipelines.Pipelines.IsEmpty)
            {
                RuleModel mapped = PipelineApplier.Apply(rule with { Searches = searches }, pipelines);
                searches = mapped.Searches.Where(s => !s.AddedByPipeline).ToEquatableArray();
            }
            ConditionNode condition = Rename(filter.Condition, prefix);
            rule = rule with
            {
                Searches = rule.Searches.Concat(searches).ToEquatableArray(),
                Condition = new AndNode(new[] { rule.Condition, new NotNode(condition) }.ToEquatableArray()),
                ConditionText = $"({rule.ConditionText}) and not ({Text(condition)})",
                Filters = rule.Filters.Append(new AppliedFilterModel(filter.Title, filter.HasId ? filter.Id : null, filter.SourcePath, prefix)).ToEquatableArray(),
            };
        }
        return rule;
    }

    /// <summary>Whether the filter's <c>rules</c> name the rule, by its id or its <c>name</c>.</summary>
    public static bool Names(FilterModel filter, RuleMetadata rule) =>
        filter.Rules.Any(r => r == rule.Id || (rule.Name is not null && r == rule.Name));

    /// <summary>Whether each log source part the filter gives equals the rule's (case-insensitive); absent parts match.</summary>
    public static bool Matches(FilterModel filter, RuleMetadata rule) =>
        Same(filter.Product, rule.Product) && Same(filter.Category, rule.Category) && Same(filter.Service, rule.Service);

    private static bool Same(string? wanted, string? actual) =>
        wanted is null || string.Equals(wanted, actual, StringComparison.OrdinalIgnoreCase);

    private static ConditionNode Rename(ConditionNode node, string prefix) => node switch
    {
        IdentifierNode identifier => new IdentifierNode(prefix + identifier.Name),
        NotNode not => new NotNode(Rename(not.Operand, prefix)),
        AndNode and => new AndNode(and.Operands.Select(o => Rename(o, prefix)).ToEquatableArray()),
        OrNode or => new OrNode(or.Operands.Select(o => Rename(o, prefix)).ToEquatableArray()),
        _ => node,
    };

    // The condition written back as text, parenthesised where needed, for the rule's condition comment.
    private static string Text(ConditionNode node) => node switch
    {
        IdentifierNode identifier => identifier.Name,
        NotNode not => "not " + Operand(not.Operand),
        AndNode and => string.Join(" and ", and.Operands.Select(Operand)),
        OrNode or => string.Join(" or ", or.Operands.Select(Operand)),
        _ => "",
    };

    private static string Operand(ConditionNode node) => node is AndNode or OrNode ? "(" + Text(node) + ")" : Text(node);
}
