using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using SigmaCompile.RuleSets;

namespace SigmaScan;

/// <summary>
/// Reads the inputs into <see cref="RecordBatch"/>es, matches the batches on several threads, and hands them to the
/// writer in input order, so the output is the same as a scan on one thread. One thread reads (reading and
/// decompressing is cheap next to parsing and matching, which the matching threads do); the calling thread writes.
/// Memory stays bounded: the reader blocks once a few batches per thread are waiting to be written.
/// </summary>
internal static class ScanPipeline
{
    /// <param name="files">The files to read, in order.</param>
    /// <param name="threads">The matching threads; 1 reads, matches and writes on the calling thread alone.</param>
    /// <param name="matcher">Matches a batch.</param>
    /// <param name="write">Writes a matched batch (on the calling thread, in input order).</param>
    public static void Run(IReadOnlyList<InputFile> files, int threads, BatchMatcher matcher, Action<RecordBatch> write)
    {
        if (threads <= 1)
        {
            var scratch = new List<RuleSummary>();
            var batch = new RecordBatch();
            ReadBatches(files, () => batch, full =>
            {
                matcher.Match(full, scratch);
                write(full);
            }, CancellationToken.None);
            return;
        }

        RunParallel(files, threads, matcher, write);
    }

    private static void RunParallel(IReadOnlyList<InputFile> files, int threads, BatchMatcher matcher, Action<RecordBatch> write)
    {
        using var cancel = new CancellationTokenSource();
        using var toMatch = new BlockingCollection<RecordBatch>(threads * 2);
        using var toWrite = new BlockingCollection<RecordBatch>(threads * 4);
        var spare = new ConcurrentBag<RecordBatch>();
        Exception? readFailure = null;

        var workers = new List<Thread>();
        for (int i = 0; i < threads; i++)
        {
            workers.Add(new Thread(() =>
            {
                var scratch = new List<RuleSummary>();
                try
                {
                    foreach (RecordBatch batch in toMatch.GetConsumingEnumerable(cancel.Token))
                    {
                        matcher.Match(batch, scratch);
                        batch.MarkMatched();
                    }
                }
                catch (OperationCanceledException)
                {
                    // The writer stopped; so do we.
                }
            }) { IsBackground = true, Name = "SigmaScan matcher " + i });
        }

        var reader = new Thread(() =>
        {
            try
            {
                // A batch is queued for writing before it is queued for matching, so the writer sees input order.
                ReadBatches(files, () => spare.TryTake(out RecordBatch? reused) ? reused : new RecordBatch(), batch =>
                {
                    toWrite.Add(batch, cancel.Token);
                    toMatch.Add(batch, cancel.Token);
                }, cancel.Token);
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception e)
            {
                readFailure = e;
            }
            finally
            {
                toMatch.CompleteAdding();
                toWrite.CompleteAdding();
            }
        }) { IsBackground = true, Name = "SigmaScan reader" };

        workers.ForEach(w => w.Start());
        reader.Start();
        try
        {
            foreach (RecordBatch batch in toWrite.GetConsumingEnumerable())
            {
                batch.WaitMatched(cancel.Token);
                write(batch);
                spare.Add(batch);
            }
        }
        finally
        {
            cancel.Cancel();
            reader.Join();
            workers.ForEach(w => w.Join());
        }

        if (readFailure is not null)
            ExceptionDispatchInfo.Throw(readFailure);
    }

    // Fills batches from the files and hands each one on when it is full or its file ends.
    private static void ReadBatches(IReadOnlyList<InputFile> files, Func<RecordBatch> nextBatch, Action<RecordBatch> dispatch, CancellationToken cancellationToken)
    {
        foreach (InputFile file in files)
        {
            RecordBatch batch = nextBatch().Reset(file);
            foreach (InputRecord record in RecordReader.Read(file))
            {
                batch.Add(record);
                if (batch.IsFull)
                {
                    dispatch(batch);
                    cancellationToken.ThrowIfCancellationRequested();
                    batch = nextBatch().Reset(file);
                }
            }
            if (batch.Count > 0)
                dispatch(batch);
        }
    }
}
