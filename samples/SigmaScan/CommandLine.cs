using System;
using System.Collections.Generic;
using System.Globalization;
using SigmaCompile;
using SigmaScan.Output;

namespace SigmaScan;

/// <summary>SigmaScan's command line, read.</summary>
internal sealed class CommandLine
{
    public const string Usage = """
        Usage: sigmascan [options] [--] [INPUT]...
               sigmascan --rules DIR [--pipeline NAME|FILE]... [--placeholders FILE] [options] INPUT...
               sigmascan [--rules DIR ...] --list-rules | --describe RULE | --catalog FOLDER

        Matches JSON events against Sigma rules and reports each detection. Without --rules, the rules are
        those compiled into this program; with --rules, the rules of DIR are compiled at run time by the
        SigmaCompile generator and cached, so later runs with the same rules start at once.

        Inputs:
          *.jsonl              one event per line (record = line number; blank lines are skipped)
          *.json               an object (record 1), an array of events, or CloudTrail's
                               {"Records":[...]} (record = position in the array, from 1)
          *.jsonl.gz, *.json.gz  the same, gzip-compressed
          FOLDER               every file of these kinds under the folder, recursively
          -                    standard input, as JSON Lines (reported as "stdin")
        Without inputs and without --rules, the sample data bundled with the program (data/) is scanned.

        Rules:
          --rules DIR          compile the *.yml and *.yaml files under DIR (recursively) and scan with them
          --pipeline P         a field-mapping pipeline: a built-in name (windows-evtx, cloudtrail) or a YAML
                               file; repeat for several (applied by priority, then in the order given)
          --placeholders F     a YAML file with the values of %placeholders% for |expand
          --strict             stop with exit code 2, before scanning, if any rule has an error (rules with
                               errors are otherwise left out and the others scan)
          --no-cache           compile, and neither read nor write the cache
          --cache-dir D        keep the cache in D (default: $XDG_CACHE_HOME/sigmascan, else
                               ~/.cache/sigmascan; on Windows %LOCALAPPDATA%\sigmascan)
          --logsource F        use only the rules written for that logsource, e.g.
                               --logsource product=aws,service=cloudtrail (also limits the rule listings)

        Output:
          --format F           jsonl: one JSON object per detection (default when stdout is not a terminal):
                                 {"rule_id":"<uuid>","title":"...","level":"<level>","source":"<file>","record":<n>}
                               table: time, level, title, source:record and key fields (default on a terminal)
                               csv: the table's columns and the rule id, RFC 4180
          --min-level L        report only rules of level L or higher
                               (informational, low, medium, high, critical)
          --output FILE        write detections to FILE instead of stdout (jsonl unless --format says otherwise)
          --threads N          match on N threads (default: one per processor; 1 scans sequentially)

        Correlations (the rules' correlation: documents) run on every scan. Each alert is one line:
          {"rule_id":"<uuid>","title":"...","level":"<level>","correlation":"event_count","group":{...},
           "value":<n>,"first_time":"...","last_time":"...","records":[{"source":"<file>","record":<n>},...]}
        A rule that feeds a correlation reports its own matches only if the correlation says generate: true.
          --timestamp-field F  read events' times from field F (repeat for several, first present wins);
                               default: @timestamp, timestamp, eventTime, TimeCreated,
                               Event.System.TimeCreated.#attributes.SystemTime, UtcTime
          --lateness D         how far behind the latest time seen an event may be and still count, as 30s, 10m,
                               2h or 7d (default: each correlation's timespan). Files are read in order, so when
                               they cover different times, raise it to their whole span; older events are
                               counted as late in the summary and skipped

        Rule listings:
          --list-rules         print the id, level and title of every rule, tab-separated
          --describe R         print the catalog page of rule R (id, title or part of a title): metadata,
                               ATT&CK coverage, stages, indicators and the rules detecting the same action
          --catalog D          write a static HTML catalog (D/index.html) and the same as Markdown (D/index.md)

          -h, --help           print this help
          --                   take every later argument as an input, even one starting with '-'

        Diagnostics of rules, malformed records, unreadable inputs, progress and a summary go to stderr.
        The exit code is 0 after a scan, with or without detections, and 2 when an input could not be
        read, the rules could not be compiled (or had errors, with --strict), or the command line is wrong.
        """;

    public List<string> Inputs { get; } = new();

    public bool Help { get; private set; }

    public bool ListRules { get; private set; }

    public string? Describe { get; private set; }

    public string? CatalogFolder { get; private set; }

    /// <summary>Whether the command scans inputs (rather than listing, describing or cataloguing rules).</summary>
    public bool Scans => Describe is null && CatalogFolder is null && !ListRules;

    public LogSource? LogSource { get; private set; }

    public string? RulesDirectory { get; private set; }

    public List<string> Pipelines { get; } = new();

    public string? PlaceholdersFile { get; private set; }

    public bool Strict { get; private set; }

    public bool NoCache { get; private set; }

    public string? CacheDirectory { get; private set; }

    public OutputFormat? Format { get; private set; }

    public RuleLevel MinimumLevel { get; private set; } = RuleLevel.Unknown;

    public string? OutputFile { get; private set; }

    public int Threads { get; private set; } = Environment.ProcessorCount;

    /// <summary>The <c>--lateness</c>, or null for each correlation's timespan.</summary>
    public TimeSpan? Lateness { get; private set; }

    /// <summary>The <c>--timestamp-field</c>s, in order; empty for the default list.</summary>
    public List<string> TimestampFields { get; } = new();

    private delegate bool TryParser<T>(string text, out T value);

    /// <summary>Reads <paramref name="args"/>; null, with the reason in <paramref name="error"/>, when they are wrong.</summary>
    public static CommandLine? Parse(IReadOnlyList<string> args, out string error)
    {
        var line = new CommandLine();
        string failure = "";
        bool optionsEnded = false;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            // "-" alone is standard input, not an option.
            if (optionsEnded || arg.Length < 2 || arg[0] != '-')
            {
                line.Inputs.Add(arg);
                continue;
            }

            // --name=value is the same as --name value.
            string? inlineValue = null;
            int equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 2)
            {
                inlineValue = arg[(equals + 1)..];
                arg = arg[..equals];
            }

            // The option's value, or null (and a failure saying what it takes) when there is none.
            string? Text(string expected)
            {
                string? value = inlineValue ?? (i + 1 < args.Count ? args[++i] : null);
                if (value is null)
                    failure = $"{arg} takes {expected}";
                return value;
            }

            bool Parsed<T>(TryParser<T> parse, string expected, out T value)
            {
                if (Text(expected) is { } text && parse(text, out value))
                    return true;
                failure = $"{arg} takes {expected}";
                value = default!;
                return false;
            }

            switch (arg)
            {
                case "--":
                    optionsEnded = true;
                    break;
                case "-h" or "--help":
                    line.Help = true;
                    error = "";
                    return line;
                case "--list-rules":
                    line.ListRules = true;
                    break;
                case "--strict":
                    line.Strict = true;
                    break;
                case "--no-cache":
                    line.NoCache = true;
                    break;
                case "--describe":
                    line.Describe = Text("a rule id or title");
                    break;
                case "--catalog":
                    line.CatalogFolder = Text("a folder");
                    break;
                case "--rules":
                    line.RulesDirectory = Text("a folder of Sigma rules");
                    break;
                case "--pipeline":
                    if (Text("a built-in pipeline name or a pipeline file") is { } pipeline)
                        line.Pipelines.Add(pipeline);
                    break;
                case "--placeholders":
                    line.PlaceholdersFile = Text("a YAML file of placeholder values");
                    break;
                case "--cache-dir":
                    line.CacheDirectory = Text("a folder");
                    break;
                case "--timestamp-field":
                    if (Text("a field name") is { } field)
                    {
                        if (field.Trim().Length == 0)
                            failure = $"{arg} takes a field name";
                        else
                            line.TimestampFields.Add(field.Trim());
                    }
                    break;
                case "--lateness":
                    if (Parsed<TimeSpan>(TryParseDuration, "a duration such as 30s, 10m, 2h or 7d", out TimeSpan lateness))
                        line.Lateness = lateness;
                    break;
                case "--output":
                    line.OutputFile = Text("a file");
                    break;
                case "--logsource":
                    if (Parsed<LogSource?>(TryParseLogSource, "product=...,category=...,service=...", out LogSource? filter))
                        line.LogSource = filter;
                    break;
                case "--format":
                    if (Parsed<OutputFormat>(DetectionOutputs.TryParse, "jsonl, table or csv", out OutputFormat format))
                        line.Format = format;
                    break;
                case "--min-level":
                    if (Parsed<RuleLevel>(LevelNames.TryParse, "informational, low, medium, high or critical", out RuleLevel level))
                        line.MinimumLevel = level;
                    break;
                case "--threads":
                    if (Parsed<int>(TryParseThreads, "a number of threads, 1 or more", out int threads))
                        line.Threads = threads;
                    break;
                default:
                    failure = $"unknown option '{arg}'";
                    break;
            }

            if (failure.Length > 0)
            {
                error = failure;
                return null;
            }
        }

        if (line.RulesDirectory is null && (line.Pipelines.Count > 0 || line.PlaceholdersFile is not null || line.Strict || line.NoCache || line.CacheDirectory is not null))
        {
            error = "--pipeline, --placeholders, --strict, --no-cache and --cache-dir go with --rules DIR";
            return null;
        }

        error = "";
        return line;
    }

    private static bool TryParseThreads(string text, out int threads) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out threads) && threads >= 1;

    // A Sigma timespan: a whole number and one of s, m, h, d.
    private static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        text = text.Trim();
        if (text.Length < 2 || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out long count))
            return false;
        long seconds = text[^1] switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, _ => 0 };
        if (seconds == 0 || count > TimeSpan.MaxValue.TotalSeconds / seconds)
            return false;
        duration = TimeSpan.FromSeconds(count * seconds);
        return true;
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
}
