using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using SigmaCompile;
using SigmaCompile.RuleSets;

namespace SigmaScan;

/// <summary>Runs the rule set on every record of the inputs and reports detections and problems.</summary>
internal sealed class Scanner
{
    private readonly RuleSet _rules;
    private readonly DetectionWriter _output;
    private readonly TextWriter _diagnostics;
    // Reused for every record: matching then allocates nothing.
    private readonly List<IDetectionRule> _matches = new();

    /// <param name="rules">The rule set to run; detections of one record are written in its order.</param>
    /// <param name="output">Where detections go.</param>
    /// <param name="diagnostics">Where malformed records and unreadable inputs are reported.</param>
    public Scanner(RuleSet rules, DetectionWriter output, TextWriter diagnostics)
    {
        _rules = rules;
        _output = output;
        _diagnostics = diagnostics;
    }

    /// <summary>Scans the files of <paramref name="inputs"/> after reporting its problems.</summary>
    public ScanTotals Scan(InputSelection inputs)
    {
        foreach (string problem in inputs.Problems)
            Report(problem);

        long events = 0;
        long detections = 0;
        long malformed = 0;
        int inputErrors = inputs.Problems.Count;
        Stopwatch clock = Stopwatch.StartNew();

        foreach (InputFile file in inputs.Files)
        {
            foreach (InputRecord record in RecordReader.Read(file))
            {
                switch (record.Kind)
                {
                    case RecordKind.Event:
                        events++;
                        _matches.Clear();
                        _rules.Match(record.Event, _matches);
                        foreach (IDetectionRule rule in _matches)
                        {
                            detections++;
                            _output.Write(rule, file.Source, record.Number);
                        }

                        break;
                    case RecordKind.Malformed:
                        malformed++;
                        Report(file, record);
                        break;
                    case RecordKind.Unreadable:
                        inputErrors++;
                        Report(file, record);
                        break;
                }
            }
        }

        _output.Flush();
        return new ScanTotals(inputs.Files.Count, events, detections, malformed, inputErrors, clock.Elapsed);
    }

    private void Report(InputFile file, InputRecord record) =>
        Report(record.Number > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{file.Source}: record {record.Number}: {record.Problem}")
            : $"{file.Source}: {record.Problem}");

    private void Report(string message)
    {
        // Detections written so far go out first, so that both streams read in order on a terminal.
        _output.Flush();
        _diagnostics.WriteLine($"{Program.Name}: {message}");
    }
}
