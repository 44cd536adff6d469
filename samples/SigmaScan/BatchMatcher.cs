using System;
using System.Collections.Generic;
using System.Text.Json;
using SigmaCompile;
using SigmaCompile.RuleSets;
using SigmaScan.Correlating;
using SigmaScan.Output;

namespace SigmaScan;

/// <summary>
/// Parses and matches the records of a batch; safe to use from several threads at once (the rule set keeps its
/// scratch space per thread, and each caller passes its own list).
/// </summary>
/// <param name="rules">The rule set.</param>
/// <param name="minimumLevel">Matches of rules below this level are dropped (<see cref="RuleLevel.Unknown"/>: none are).</param>
/// <param name="readFacts">Whether the output shows the event's time and key fields, which are then read here.</param>
/// <param name="correlations">The scan's correlation step, or null when nothing is correlated. With correlations, matches
/// below the minimum level are kept (a low-level rule can feed a high-level correlation) and dropped when written.</param>
internal sealed class BatchMatcher(RuleSet rules, RuleLevel minimumLevel, bool readFacts, CorrelationStep? correlations = null)
{
    /// <summary>Fills the batch's outcomes and matches. Never throws: an unexpected exception is kept in <see cref="RecordBatch.Failure"/>.</summary>
    /// <param name="batch">The batch.</param>
    /// <param name="scratch">A list of the calling thread's own, reused for every record.</param>
    public void Match(RecordBatch batch, List<RuleSummary> scratch)
    {
        try
        {
            for (int i = 0; i < batch.Count; i++)
                batch.Outcomes[i] = Match(batch.Records[i], batch.Matches, scratch);
        }
        catch (Exception e)
        {
            batch.Failure = e;
        }
    }

    private RecordOutcome Match(in InputRecord record, List<MatchedRule> matches, List<RuleSummary> scratch)
    {
        switch (record.Kind)
        {
            case RecordKind.Line:
                if (!RecordReader.TryParse(record, out JsonDocument? document, out string problem))
                    return new RecordOutcome(matches.Count, 0, problem, Unreadable: false);
                using (document)
                    return Match(document.RootElement, matches, scratch);
            case RecordKind.Event:
                return Match(record.Event, matches, scratch);
            default:
                return new RecordOutcome(matches.Count, 0, record.Problem, record.Kind == RecordKind.Unreadable);
        }
    }

    private RecordOutcome Match(JsonElement evt, List<MatchedRule> matches, List<RuleSummary> scratch)
    {
        int first = matches.Count;
        scratch.Clear();
        rules.MatchSummaries(evt, scratch); // no rule class is created to report a match
        EventFacts? facts = null;
        foreach (RuleSummary rule in scratch)
        {
            bool shown = rule.Level >= minimumLevel;
            if (!shown && correlations is null)
                continue;
            if (readFacts && shown)
                facts ??= EventFactsReader.Read(evt);
            matches.Add(new MatchedRule(rule, facts));
        }
        EventForCorrelation forCorrelation = correlations?.Read(evt, matches, first) ?? default;
        return new RecordOutcome(first, matches.Count - first, null, Unreadable: false, forCorrelation);
    }
}
