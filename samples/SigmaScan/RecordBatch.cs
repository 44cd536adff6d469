using System;
using System.Collections.Generic;
using System.Threading;
using SigmaCompile.RuleSets;
using SigmaScan.Correlating;
using SigmaScan.Output;

namespace SigmaScan;

/// <summary>What became of one record of a batch.</summary>
/// <param name="FirstMatch">Where its matches start in <see cref="RecordBatch.Matches"/>.</param>
/// <param name="MatchCount">How many rules matched it (at or above the minimum level).</param>
/// <param name="Problem">Why it could not be matched (malformed or unreadable), else null.</param>
/// <param name="Unreadable">Whether <paramref name="Problem"/> is an input error rather than a malformed record.</param>
/// <param name="Correlation">What correlations need of the event (when the scan correlates).</param>
internal readonly record struct RecordOutcome(int FirstMatch, int MatchCount, string? Problem, bool Unreadable, EventForCorrelation Correlation = default);

/// <summary>A rule that matched a record, with what the output shows of the event.</summary>
internal readonly record struct MatchedRule(RuleSummary Rule, EventFacts? Facts);

/// <summary>
/// A run of consecutive records of one input file: the unit that is matched on one thread and then written, in
/// input order. Batches are reused, so a scan allocates a few of them, not one per record.
/// </summary>
internal sealed class RecordBatch
{
    /// <summary>Records per batch: enough to make handing a batch between threads cheap, few enough to bound memory.</summary>
    public const int Capacity = 256;

    private readonly ManualResetEventSlim _matched = new(initialState: false);

    public InputFile File { get; private set; } = null!;

    public InputRecord[] Records { get; } = new InputRecord[Capacity];

    public RecordOutcome[] Outcomes { get; } = new RecordOutcome[Capacity];

    /// <summary>The matches of every record of the batch, in record order, then in rule set order.</summary>
    public List<MatchedRule> Matches { get; } = new();

    public int Count { get; private set; }

    public bool IsFull => Count == Capacity;

    /// <summary>An unexpected exception while matching (a bug): the batch is reported, not written.</summary>
    public Exception? Failure { get; set; }

    /// <summary>Empties the batch for records of <paramref name="file"/>.</summary>
    public RecordBatch Reset(InputFile file)
    {
        Array.Clear(Records, 0, Count);
        File = file;
        Count = 0;
        Matches.Clear();
        Failure = null;
        _matched.Reset();
        return this;
    }

    public void Add(in InputRecord record) => Records[Count++] = record;

    /// <summary>Called by the thread that matched the batch.</summary>
    public void MarkMatched() => _matched.Set();

    /// <summary>Waits until the batch has been matched.</summary>
    public void WaitMatched(CancellationToken cancellationToken) => _matched.Wait(cancellationToken);
}
