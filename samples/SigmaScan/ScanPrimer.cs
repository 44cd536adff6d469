using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using SigmaCompile.RuleSets;

namespace SigmaScan;

/// <summary>
/// Matches a sample of the input on a spare core while the process sets up, so that the rule set's first use
/// (compiling the matching code, building the tables the input's fields and values need) is paid before the matching
/// threads start instead of on their first events. The sample is the first records of the first few JSON Lines
/// inputs; its answers are dropped, and the scan matches those records again as usual: matching keeps no state a
/// sample could change, only caches and tables built once. Measured in docs/performance.md ("The first records
/// matched ahead").
/// </summary>
internal static class ScanPrimer
{
    /// <summary>Records taken from each input file.</summary>
    internal const int RecordsPerFile = 25;

    /// <summary>Input files sampled: several files of one scan often hold several kinds of events.</summary>
    internal const int MaxFiles = 8;

    // Set by the primer once it has the rule set (or failed to get it): the calling thread stops compiling then.
    private static volatile bool s_setBuilt;

    /// <summary>
    /// Starts priming on a thread of its own when <paramref name="args"/> scan with the built-in rules on more than one
    /// thread of a machine with more than one core, and compiles the matching code on the calling thread until the
    /// primer has the set; otherwise does nothing. The command line is read again by the scan, which reports its
    /// problems: here a command line that does not parse is simply not primed.
    /// </summary>
    public static void StartFor(IReadOnlyList<string> args)
    {
        CommandLine? command = CommandLine.Parse(args, out _);
        if (command is null || !ShouldPrime(command, Environment.ProcessorCount))
            return;
        IReadOnlyList<string> inputs = command.Inputs;
        new Thread(() => Prime(static () => CompiledRules.BuiltIn.Set, inputs)) { IsBackground = true, Name = "SigmaScan primer" }.Start();
        // The calling thread would wait for the set as soon as it asks for the rules: it compiles the matching code
        // meanwhile, which the primer's first record would compile otherwise (docs/performance.md, "The matching code
        // compiled while the set is built").
        MatchingCode.Prepare(static () => s_setBuilt);
    }

    /// <summary>
    /// Whether <paramref name="command"/> is worth priming: a scan with the built-in rules (a rules folder is compiled
    /// first, seconds next to which priming saves nothing), with no log source filter (the sample would evaluate rules
    /// the scan skips), on at least two threads and cores (on one, priming only adds work).
    /// </summary>
    internal static bool ShouldPrime(CommandLine command, int processors) =>
        !command.Help && command.Scans && command.RulesDirectory is null && command.LogSource is null
        && command.Threads > 1 && processors > 1;

    /// <summary>
    /// Matches the first <see cref="RecordsPerFile"/> records of each of the first <see cref="MaxFiles"/> JSON Lines
    /// files named by <paramref name="inputs"/> (the bundled sample data when there are none; standard input and
    /// <c>.json</c> documents are left out: they cannot be read twice, or only whole). Returns how many records were
    /// matched. Never throws: a primer only saves time, and the scan reports any problem with the inputs itself.
    /// </summary>
    internal static int Prime(Func<RuleSet> rules, IReadOnlyList<string> inputs)
    {
        try
        {
            RuleSet set;
            try
            {
                set = rules();
            }
            finally
            {
                s_setBuilt = true;
            }
            InputSelection selection = inputs.Count == 0
                ? InputSelection.FromBundledData(Path.Combine(AppContext.BaseDirectory, "data"))
                : InputSelection.FromArguments(inputs.Where(input => input != "-"), Stream.Null);
            var scratch = new List<RuleSummary>();
            int matched = 0;
            foreach (InputFile file in selection.Files.Where(IsSampled).Take(MaxFiles))
            {
                foreach (InputRecord record in RecordReader.Read(file).Take(RecordsPerFile))
                {
                    if (record.Kind != RecordKind.Line || !RecordReader.TryParse(record, out JsonDocument? document, out _))
                        continue;
                    using (document)
                    {
                        scratch.Clear();
                        set.MatchSummaries(document.RootElement, scratch);
                    }
                    matched++;
                }
            }
            return matched;
        }
        catch (Exception)
        {
            // On a thread of its own an exception would end the process; the scan meets the same problem and reports it.
            return 0;
        }
    }

    // A JSON Lines file that holds data. A named pipe reports no length: reading it here would take records from the scan.
    private static bool IsSampled(InputFile file) => file.Format == InputFormat.JsonLines && new FileInfo(file.Path).Length > 0;
}
