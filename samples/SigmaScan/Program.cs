using System;
using System.Collections.Generic;
using System.IO;
using SigmaCompile;
using SigmaCompile.RuleSets;
using SigmaScan.Rules;

namespace SigmaScan;

/// <summary>Entry point: reads the command line, then lists the compiled rules or scans the inputs.</summary>
internal static class Program
{
    /// <summary>The prefix of every message written to stderr.</summary>
    internal const string Name = "SigmaScan";

    private const int ExitOk = 0;
    private const int ExitFailure = 2;

    private const string Usage = """
        Usage: SigmaScan [--list-rules] [--logsource product=P,category=C,service=S] [--help] [--] [FILE|FOLDER]...
               SigmaScan --describe RULE | --catalog FOLDER [--logsource ...]

        Matches JSON events against the Sigma rules compiled into this program and prints one
        JSON object per detection on stdout:
          {"rule_id":"<uuid>","title":"...","level":"<level>","source":"<file>","record":<n>}

        Inputs:
          *.jsonl              one event per line (record = line number; blank lines are skipped)
          *.json               an object (record 1), an array of events, or CloudTrail's
                               {"Records":[...]} (record = position in the array, from 1)
          *.jsonl.gz, *.json.gz  the same, gzip-compressed
          FOLDER               every file of these kinds under the folder, recursively
        With no inputs, the sample data bundled next to the program (data/) is scanned.

        Options:
          --list-rules   print the id, level and title of every compiled rule, tab-separated
          --logsource F  use only the rules written for that logsource, e.g.
                         --logsource product=aws,service=cloudtrail (also limits --list-rules)
          --describe R   print the catalog page of rule R (id, title or part of a title): metadata,
                         ATT&CK coverage, stages, indicators and the rules detecting the same action
          --catalog D    write a static HTML catalog (D/index.html) and the same as Markdown (D/index.md)
          -h, --help     print this help
          --             take every later argument as an input, even one starting with '-'

        Malformed records, unreadable inputs and a summary are written to stderr. The exit code
        is 0 after a scan, with or without detections, and 2 when an input could not be read or
        the command line is wrong.
        """;

    private static int Main(string[] args)
    {
        var inputs = new List<string>();
        bool listRules = false;
        bool optionsEnded = false;
        string? describe = null, catalogFolder = null;
        RuleSet rules = SigmaRules.Set;
        LogSource? logSource = null;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            // "-" alone is not an option; it is taken (and rejected) as a file name.
            if (optionsEnded || arg.Length < 2 || arg[0] != '-')
            {
                inputs.Add(arg);
                continue;
            }

            switch (arg)
            {
                case "--":
                    optionsEnded = true;
                    break;
                case "-h":
                case "--help":
                    Console.Out.WriteLine(Usage);
                    return ExitOk;
                case "--list-rules":
                    listRules = true;
                    break;
                case "--describe" or "--catalog":
                    if (i + 1 == args.Length)
                    {
                        Console.Error.WriteLine($"{Name}: {arg} takes {(arg == "--describe" ? "a rule id or title" : "a folder")}");
                        return ExitFailure;
                    }
                    if (arg == "--describe")
                        describe = args[++i];
                    else
                        catalogFolder = args[++i];
                    break;
                case "--logsource":
                    if (i + 1 == args.Length || !TryParseLogSource(args[++i], out LogSource? filter))
                    {
                        Console.Error.WriteLine($"{Name}: --logsource takes product=...,category=...,service=...");
                        return ExitFailure;
                    }
                    rules = rules.ForLogSource(filter);
                    logSource = filter;
                    break;
                default:
                    Console.Error.WriteLine($"{Name}: unknown option '{arg}'");
                    Console.Error.WriteLine(Usage);
                    return ExitFailure;
            }
        }

        if (describe is not null)
            return Catalog.CatalogCommands.Describe(describe, Selected(logSource), SigmaRules.Catalog, Console.Out, Console.Error);
        if (catalogFolder is not null)
            return Catalog.CatalogCommands.WriteCatalog(catalogFolder, Selected(logSource), SigmaRules.Catalog, Console.Error);

        if (listRules)
        {
            ListRules(Selected(logSource));
            return ExitOk;
        }

        return Scan(inputs, rules);
    }

    private static bool TryParseLogSource(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LogSource? filter)
    {
        try
        {
            filter = LogSource.Parse(text);
            return true;
        }
        catch (FormatException)
        {
            filter = null;
            return false;
        }
    }

    private static IReadOnlyList<IDetectionRule> Selected(LogSource? logSource) =>
        logSource is null ? SigmaRules.All : SigmaRules.All.ForLogSource(logSource);

    private static void ListRules(IReadOnlyList<IDetectionRule> rules)
    {
        foreach (IDetectionRule rule in rules)
            Console.Out.WriteLine($"{rule.Id:D}\t{DetectionWriter.LevelText(rule.Level)}\t{rule.Title}");
    }

    private static int Scan(List<string> arguments, RuleSet rules)
    {
        InputSelection inputs = arguments.Count == 0
            ? InputSelection.FromBundledData(Path.Combine(AppContext.BaseDirectory, "data"))
            : InputSelection.FromArguments(arguments);

        ScanTotals totals;
        using (var output = new DetectionWriter(Console.OpenStandardOutput()))
            totals = new Scanner(rules, output, Console.Error).Scan(inputs);

        Console.Error.WriteLine(totals.Summary());
        return totals.InputErrors == 0 ? ExitOk : ExitFailure;
    }
}
