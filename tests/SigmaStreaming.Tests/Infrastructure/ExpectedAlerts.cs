using System.Collections.Generic;
using System.Text.Json;
using SigmaCompile;
using SigmaCompile.Streaming.Input;
using SigmaStreaming.TestWorker;
using SigmaStreaming.TestWorker.Rules;

namespace SigmaStreaming.Tests.Infrastructure;

/// <summary>
/// The alerts SigmaScan would write for the same events and rules, computed in-process the way SigmaScan does it:
/// <c>SigmaRules.Set.Match</c> on each record. The one rule that only feeds a correlation without <c>generate</c>
/// (Test Login Failed) reports no alerts of its own.
/// </summary>
public static class ExpectedAlerts
{
    /// <summary>The (source, record, rule id) of every detection in <paramref name="records"/>.</summary>
    public static IReadOnlyList<AlertKey> Of(IEnumerable<EventRecord> records)
    {
        var expected = new List<AlertKey>();
        var matches = new List<IDetectionRule>();
        foreach (EventRecord record in records)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(record.Data);
            }
            catch (JsonException)
            {
                continue; // SigmaScan reports a malformed record and goes on.
            }
            using (document)
            {
                matches.Clear();
                SigmaRules.Set.Match(document.RootElement, matches);
                foreach (IDetectionRule rule in matches)
                {
                    if (rule.Id != TestCorrelations.LoginFailedRule)
                        expected.Add(new AlertKey(record.Source, record.Number, rule.Id.ToString("D")));
                }
            }
        }
        return expected;
    }
}
