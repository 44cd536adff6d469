using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using SigmaCompile;
using SigmaCompile.Correlations;
using SigmaCompile.RuleSets;
using SigmaScan.Correlating;
using SigmaScan.Output;

namespace SigmaScan;

/// <summary>How a scan runs.</summary>
/// <param name="Threads">Matching threads (1: everything on the calling thread).</param>
/// <param name="MinimumLevel">Detections of rules below this level are not reported.</param>
/// <param name="Progress">Where progress is shown while scanning (a terminal's stderr), or null.</param>
/// <param name="OutputIsTerminal">Whether detections go to the same terminal as the progress line.</param>
internal sealed record ScanSettings(int Threads, RuleLevel MinimumLevel = RuleLevel.Unknown, StatusLine? Progress = null, bool OutputIsTerminal = false)
{
    /// <summary>The correlation rules to run over the detections (none: detections only).</summary>
    public IReadOnlyList<ICorrelationRule> Correlations { get; init; } = Array.Empty<ICorrelationRule>();

    /// <summary>Where events' times are read for correlations (<c>--timestamp-field</c>).</summary>
    public IReadOnlyList<string> TimeFields { get; init; } = CorrelatorOptions.DefaultTimeFields;

    /// <summary>How far behind the latest event time an event still counts (<c>--lateness</c>); null: each correlation's timespan.</summary>
    public TimeSpan? Lateness { get; init; }
}

/// <summary>
/// Runs the rule set on every record of the inputs (see <see cref="ScanPipeline"/>) and reports detections and
/// problems in input order.
/// </summary>
internal sealed class Scanner
{
    private readonly RuleSet _rules;
    private readonly IDetectionOutput _output;
    private readonly TextWriter _diagnostics;
    private readonly ScanSettings _settings;
    private readonly CorrelationStep? _correlations;
    private readonly Stopwatch _clock = new();
    private long _events;
    private long _detections;
    private long _alerts;
    private long _malformed;
    private int _inputErrors;

    /// <param name="rules">The rule set to run; detections of one record are written in its order.</param>
    /// <param name="output">Where detections go.</param>
    /// <param name="diagnostics">Where malformed records and unreadable inputs are reported.</param>
    /// <param name="settings">Threads, minimum level, progress and correlations.</param>
    /// <exception cref="ArgumentException">A correlation is invalid or refers to a rule that is not in <paramref name="rules"/>.</exception>
    public Scanner(RuleSet rules, IDetectionOutput output, TextWriter diagnostics, ScanSettings settings)
    {
        _rules = rules;
        _output = output;
        _diagnostics = diagnostics;
        _settings = settings;
        if (settings.Correlations.Count > 0)
            _correlations = new CorrelationStep(rules, settings.Correlations, new CorrelatorOptions { TimeFields = settings.TimeFields, AllowedLateness = settings.Lateness });
    }

    /// <summary>Detections per level and per rule, for the end-of-scan summary.</summary>
    public DetectionSummary Summary { get; } = new();

    /// <summary>Scans the files of <paramref name="inputs"/> after reporting its problems.</summary>
    public ScanTotals Scan(InputSelection inputs)
    {
        foreach (string problem in inputs.Problems)
            Report(problem);
        _inputErrors = inputs.Problems.Count;
        _clock.Start();

        var matcher = new BatchMatcher(_rules, _settings.MinimumLevel, _output.NeedsEventFacts, _correlations);
        ScanPipeline.Run(inputs.Files, _settings.Threads, matcher, Write);

        // The end of input decides the windows still open (conditions such as lt that wait for a window to close).
        if (_correlations is not null)
            WriteAlerts(_correlations.Flush());
        _settings.Progress?.Clear();
        _output.Flush();
        Correlator? correlator = _correlations?.Correlator;
        CorrelationTotals? correlation = correlator is null ? null
            : new CorrelationTotals(_alerts, correlator.EventsWithoutTime, correlator.LateEvents, correlator.EvictedGroups, correlator.DroppedEvents);
        return new ScanTotals(inputs.Files.Count, _events, _detections, _malformed, _inputErrors, _clock.Elapsed) { Correlation = correlation };
    }

    private void Write(RecordBatch batch)
    {
        InputFile file = batch.File;
        if (batch.Failure is not null)
        {
            _inputErrors++;
            Report($"{file.Source}: matching failed, {batch.Count} records from record {batch.Records[0].Number} skipped: {batch.Failure.Message}");
        }
        else
        {
            bool mayWrite = batch.Matches.Count > 0 || _correlations is not null;
            if (_settings.OutputIsTerminal && mayWrite)
                _settings.Progress?.Clear();
            for (int i = 0; i < batch.Count; i++)
            {
                RecordOutcome outcome = batch.Outcomes[i];
                long number = batch.Records[i].Number;
                if (outcome.Problem is not null)
                {
                    if (outcome.Unreadable)
                        _inputErrors++;
                    else
                        _malformed++;
                    Report(number > 0
                        ? string.Create(CultureInfo.InvariantCulture, $"{file.Source}: record {number}: {outcome.Problem}")
                        : $"{file.Source}: {outcome.Problem}");
                    continue;
                }

                _events++;
                CorrelatorOutput? correlated = _correlations?.Process(outcome.Correlation, batch.Matches, outcome.FirstMatch, outcome.MatchCount, new EventReference(file.Source, number));
                for (int m = outcome.FirstMatch; m < outcome.FirstMatch + outcome.MatchCount; m++)
                {
                    MatchedRule match = batch.Matches[m];
                    if (match.Rule.Level < _settings.MinimumLevel || (correlated is not null && !_correlations!.IsReported(outcome.Correlation, match.Rule)))
                        continue;
                    _detections++;
                    Summary.Add(match.Rule);
                    _output.Write(new Detection(match.Rule, file.Source, number, match.Facts));
                }
                if (correlated is not null)
                    WriteAlerts(correlated);
            }
            if (_settings.OutputIsTerminal && mayWrite)
                _output.Flush();
        }

        // Only now are the batch's events no longer read: their document can go.
        for (int i = 0; i < batch.Count; i++)
            batch.Records[i].Release?.Dispose();

        ShowProgress(file);
    }

    private void WriteAlerts(CorrelatorOutput correlated)
    {
        foreach (CorrelationAlert alert in correlated.Alerts)
        {
            if (alert.Rule.Level < _settings.MinimumLevel)
                continue;
            _alerts++;
            _output.WriteAlert(alert);
        }
    }

    private void ShowProgress(InputFile file)
    {
        if (_settings.Progress is not { } progress)
            return;
        double seconds = _clock.Elapsed.TotalSeconds;
        progress.Show(string.Create(CultureInfo.InvariantCulture,
            $"{_events:N0} events ({(seconds > 0 ? _events / seconds : 0):N0}/s), {_detections:N0} detections{(_alerts > 0 ? $", {_alerts:N0} correlation alerts" : "")}; reading {file.Source}"));
    }

    private void Report(string message)
    {
        // Detections written so far go out first, so that both streams read in order on a terminal.
        _settings.Progress?.Clear();
        _output.Flush();
        _diagnostics.WriteLine($"{Program.Name}: {message}");
    }
}
