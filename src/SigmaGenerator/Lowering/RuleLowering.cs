using System;
using System.Collections.Generic;
using System.Threading;
using SigmaCompile.Generator.Diagnostics;
using SigmaCompile.Generator.Model;
using SigmaCompile.Generator.Reading;

namespace SigmaCompile.Generator.Lowering;

/// <summary>
/// One rule file's cached step: reads the file (<see cref="DocumentReader"/>) and each of its YAML documents on its
/// own: a rule document is lowered into a <see cref="RuleModel"/> with the pipelines applied, a correlation document
/// checked into a <see cref="CorrelationModel"/>. Never throws for any input: every problem is a diagnostic, and a
/// document with an error (or a warning that skips it) yields no model, so it is simply not compiled while the
/// other documents of the file are.
/// </summary>
internal static class RuleLowering
{
    public static ParseResult Lower(RuleSource source, ParseSettings settings, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var rules = new List<RuleModel>();
        var ruleLocations = new List<DocumentLocations>();
        var correlations = new List<CorrelationModel>();
        var correlationLocations = new List<DocumentLocations>();
        var filters = new List<FilterModel>();
        var filterLocations = new List<DocumentLocations>();
        var ids = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        var fileContext = new LoweringContext(source.FullPath, settings.Placeholders);
        try
        {
            IReadOnlyList<YamlNode>? documents = DocumentReader.ReadDocuments(source, fileContext, cancellationToken);
            diagnostics.AddRange(fileContext.Diagnostics);
            foreach (YamlNode root in documents ?? Array.Empty<YamlNode>())
            {
                cancellationToken.ThrowIfCancellationRequested();
                // A context per document: one document's error leaves only that document out.
                var context = new LoweringContext(source.FullPath, settings.Placeholders);
                SigmaDocument? document = DocumentReader.Read(root, source.RelativePath, context, cancellationToken);
                RuleModel? rule = null;
                if (document is RuleDocument ruleDocument)
                {
                    rule = Lower(ruleDocument, source.RelativePath, context, cancellationToken);
                    if (rule is not null && !settings.Pipelines.Pipelines.IsEmpty)
                        rule = PipelineApplier.Apply(rule, settings.Pipelines);
                }
                FilterModel? filter = document is FilterDocument filterDocument ? Lower(filterDocument, source.RelativePath, context, cancellationToken) : null;
                string? id = rule?.Metadata.Id ?? filter?.Id ?? (document as CorrelationDocument)?.Correlation.Metadata.Id;
                if (!context.Failed && id is not null && ids.TryGetValue(id, out SourceSpan first))
                    context.Report(SigmaDiagnostics.DuplicateIdId, document!.IdSpan, id, $"{source.RelativePath} (line {first.StartLine + 1})");
                diagnostics.AddRange(context.Diagnostics);
                if (context.Failed || id is null)
                    continue;
                ids.Add(id, document!.IdSpan);
                if (rule is not null)
                {
                    rules.Add(rule);
                    ruleLocations.Add(new DocumentLocations(document.IdSpan, SourceSpan.FileStart, EquatableArray<SourceSpan>.Empty));
                }
                else if (filter is not null && document is FilterDocument read)
                {
                    filters.Add(filter);
                    filterLocations.Add(new DocumentLocations(read.IdSpan, read.RulesKey, read.References.ToEquatableArray()));
                }
                else if (document is CorrelationDocument correlation)
                {
                    correlations.Add(correlation.Correlation);
                    correlationLocations.Add(new DocumentLocations(correlation.IdSpan, correlation.RulesKey, correlation.References.ToEquatableArray()));
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception exception)
        {
            // A bug of ours must not take the build down: report it against the file and skip what it holds.
            diagnostics.Add(DiagnosticInfo.Create(SigmaDiagnostics.InvalidYamlId, source.FullPath, SourceSpan.FileStart, $"internal error while reading the rule ({exception.GetType().Name}: {exception.Message}); please report it"));
            rules.Clear();
            ruleLocations.Clear();
            correlations.Clear();
            correlationLocations.Clear();
            filters.Clear();
            filterLocations.Clear();
        }
        return new ParseResult(rules.ToEquatableArray(), correlations.ToEquatableArray(), diagnostics.ToEquatableArray(), source.FullPath,
            ruleLocations.ToEquatableArray(), correlationLocations.ToEquatableArray(), filters.ToEquatableArray(), filterLocations.ToEquatableArray());
    }

    private static RuleModel? Lower(RuleDocument document, string sourcePath, LoweringContext context, CancellationToken cancellationToken)
    {
        var searches = new List<SearchModel>();
        foreach (SearchDefinition search in document.Searches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SearchModel? lowered = Lower(search, context);
            if (lowered is not null)
                searches.Add(lowered);
        }
        if (context.Failed)
            return null;
        return new RuleModel(sourcePath, document.Metadata, searches.ToEquatableArray(), document.ConditionText, document.Condition);
    }

    // A filter's searches are lowered like a rule's; pipelines are applied when it meets each rule it names, since
    // which of them apply depends on that rule.
    private static FilterModel? Lower(FilterDocument document, string sourcePath, LoweringContext context, CancellationToken cancellationToken)
    {
        var searches = new List<SearchModel>();
        foreach (SearchDefinition search in document.Searches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Lower(search, context) is { } lowered)
                searches.Add(lowered);
        }
        if (context.Failed)
            return null;
        RuleMetadata m = document.Metadata;
        return new FilterModel(sourcePath, m.Id, m.Title, document.Rules.ToEquatableArray(), m.Product, m.Category, m.Service,
            searches.ToEquatableArray(), document.ConditionText, document.Condition, document.HasId);
    }

    // Every item of a map is lowered even after one fails, so each gets its diagnostics; a failed map fails its search.
    private static SearchModel? Lower(SearchDefinition search, LoweringContext context)
    {
        var alternatives = new List<AlternativeModel>();
        foreach (ItemMap map in search.Alternatives)
        {
            var predicates = new List<PredicateModel>();
            bool ok = true;
            foreach (DetectionItem item in map.Items)
            {
                IReadOnlyList<PredicateModel>? lowered = DetectionItemLowering.Lower(item, context);
                if (lowered is null)
                    ok = false;
                else
                    predicates.AddRange(lowered);
            }
            if (!ok)
                return null;
            alternatives.Add(new AlternativeModel(predicates.ToEquatableArray()));
        }
        return new SearchModel(search.Name, alternatives.ToEquatableArray());
    }
}
