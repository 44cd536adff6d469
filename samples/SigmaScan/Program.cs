using System;
using System.Collections.Generic;
using System.IO;
using SigmaCompile;
using SigmaCompile.Correlations;
using SigmaCompile.RuleSets;
using SigmaScan.Output;
using SigmaScan.RuntimeRules;

namespace SigmaScan;

/// <summary>Entry point: reads the command line, gets the rules (built in or from --rules), then lists them or scans.</summary>
internal static class Program
{
    /// <summary>The prefix of every message written to stderr.</summary>
    internal const string Name = "SigmaScan";

    internal const int ExitOk = 0;
    internal const int ExitFailure = 2;

    private static int Main(string[] args)
    {
        // The rule set's first use starts on a spare core while the rest of the process sets up (see ScanPrimer).
        ScanPrimer.StartFor(args);
        return Run(args, ConsoleStreams.OfProcess());
    }

    /// <summary>Runs SigmaScan with <paramref name="args"/> on <paramref name="console"/>; returns the exit code.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="console">The standard streams.</param>
    /// <param name="cacheIdentity">The compiler identity in cache keys (tests give another generator version); null for this process's.</param>
    internal static int Run(IReadOnlyList<string> args, ConsoleStreams console, CompilerIdentity? cacheIdentity = null)
    {
        TextWriter error = console.Error;
        CommandLine? command = CommandLine.Parse(args, out string problem);
        if (command is null)
        {
            error.WriteLine($"{Name}: {problem}");
            error.WriteLine("Run 'sigmascan --help' for the options.");
            return ExitFailure;
        }
        if (command.Help)
        {
            console.Out.WriteLine(CommandLine.Usage);
            return ExitOk;
        }

        if (command.Scans && command.RulesDirectory is not null && command.Inputs.Count == 0)
        {
            error.WriteLine($"{Name}: nothing to scan: name files or folders, or - for standard input");
            return ExitFailure;
        }

        CompiledRules? rules = command.RulesDirectory is null
            ? CompiledRules.BuiltIn
            : RulesFolderCommand.Compile(command, console, cacheIdentity);
        if (rules is null)
            return ExitFailure;

        IReadOnlyList<IDetectionRule> selected = command.LogSource is null ? rules.All : rules.All.ForLogSource(command.LogSource);
        if (command.Describe is not null)
            return Catalog.CatalogCommands.Describe(command.Describe, selected, rules.Catalog, console.Out, error);
        if (command.CatalogFolder is not null)
            return Catalog.CatalogCommands.WriteCatalog(command.CatalogFolder, selected, rules.Catalog, error);
        if (command.ListRules)
        {
            foreach (IDetectionRule rule in selected)
                console.Out.WriteLine($"{rule.Id:D}\t{LevelNames.Text(rule.Level)}\t{rule.Title}");
            return ExitOk;
        }

        RuleSet set = command.LogSource is null ? rules.Set : rules.Set.ForLogSource(command.LogSource);
        return Scan(command, set, rules.Correlations, console);
    }

    private static int Scan(CommandLine command, RuleSet rules, IReadOnlyList<ICorrelationRule> correlations, ConsoleStreams console)
    {
        TextWriter error = console.Error;
        InputSelection inputs = command.Inputs.Count == 0
            ? InputSelection.FromBundledData(Path.Combine(AppContext.BaseDirectory, "data"))
            : InputSelection.FromArguments(command.Inputs, console.Input);

        Stream destination;
        try
        {
            destination = command.OutputFile is null ? console.Output : new FileStream(command.OutputFile, FileMode.Create, FileAccess.Write, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{Name}: --output {command.OutputFile}: cannot write: {e.Message}");
            return ExitFailure;
        }

        bool toTerminal = command.OutputFile is null && console.OutputIsTerminal;
        OutputFormat format = command.Format ?? (toTerminal ? OutputFormat.Table : OutputFormat.JsonLines);
        ScanTotals totals;
        Scanner scanner;
        try
        {
            using StatusLine? status = console.ErrorIsTerminal ? StatusLine.Create(error) : null;
            using IDetectionOutput output = DetectionOutputs.Create(format, destination);
            var settings = new ScanSettings(command.Threads, command.MinimumLevel, status, toTerminal) { Correlations = correlations, Lateness = command.Lateness };
            if (command.TimestampFields.Count > 0)
                settings = settings with { TimeFields = command.TimestampFields };
            try
            {
                scanner = new Scanner(rules, output, error, settings);
            }
            catch (ArgumentException e)
            {
                // The generator checks correlations at build time; this is a hand-built or damaged rules assembly.
                error.WriteLine($"{Name}: the correlation rules cannot run: {e.Message}");
                return ExitFailure;
            }
            totals = scanner.Scan(inputs);
        }
        catch (IOException e)
        {
            // The output went away (a pipe into `head` that closed, a full disk): nothing more can be reported there.
            error.WriteLine($"{Name}: cannot write the detections: {e.Message}");
            return ExitFailure;
        }

        error.WriteLine(totals.Summary());
        foreach (string line in scanner.Summary.Lines())
            error.WriteLine($"{Name}: {line}");
        return totals.InputErrors == 0 ? ExitOk : ExitFailure;
    }
}
