using System;
using System.Collections.Generic;
using System.Threading;
using SigmaCompile.Generator.Diagnostics;
using SigmaCompile.Generator.Model;
using SigmaCompile.Generator.Reading;

namespace SigmaCompile.Generator.Lowering;

/// <summary>
/// One rule file's cached step: reads the file (<see cref="DocumentReader"/>), lowers a rule document into a
/// <see cref="RuleModel"/> and applies the pipelines. Never throws for any input: every problem is a diagnostic,
/// and a rule with an error (or a warning that skips it) yields no model, so it is simply not compiled.
/// </summary>
internal static class RuleLowering
{
    public static ParseResult Lower(RuleSource source, ParseSettings settings, CancellationToken cancellationToken)
    {
        var context = new LoweringContext(source.FullPath, settings.Placeholders);
        RuleModel? rule;
        try
        {
            rule = DocumentReader.Read(source, context, cancellationToken) is RuleDocument document
                ? Lower(document, source.RelativePath, context, cancellationToken)
                : null;
            if (rule is not null && !settings.Pipelines.Pipelines.IsEmpty)
                rule = PipelineApplier.Apply(rule, settings.Pipelines);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception exception)
        {
            // A bug of ours must not take the build down: report it against the file and skip the rule.
            context.Report(SigmaDiagnostics.InvalidYamlId, SourceSpan.FileStart, $"internal error while reading the rule ({exception.GetType().Name}: {exception.Message}); please report it");
            rule = null;
        }
        SourceSpan idSpan = SourceSpan.FileStart;
        if (rule is not null)
            idSpan = RuleReader.IdSpan(source.Text) ?? SourceSpan.FileStart;
        return new ParseResult(context.Failed ? null : rule, context.Diagnostics.ToEquatableArray(), source.FullPath, idSpan);
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
