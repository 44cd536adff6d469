using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;

namespace SigmaCompile.Streaming.CommandLine;

/// <summary>A command line split into its command, its options (as configuration arguments) and its other arguments.</summary>
internal sealed class CommandArguments
{
    /// <summary>Short options and the configuration key each sets.</summary>
    public static readonly IReadOnlyDictionary<string, string> Switches = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--nats"] = "SigmaStream:Nats",
        ["--partitions"] = "SigmaStream:OwnedPartitions",
        ["--partition-count"] = "SigmaStream:Partitions",
        ["--batch-size"] = "SigmaStream:BatchSize",
        ["--ack-wait"] = "SigmaStream:AckWait",
        ["--consumer"] = "SigmaStream:DetectionConsumer",
        ["--logsource"] = "SigmaStream:LogSource",
        ["--metrics-interval"] = "SigmaStream:MetricsInterval",
    };

    private CommandArguments(string command, IReadOnlyList<string> configuration, IReadOnlyList<string> positional, TimeSpan? idle, bool preloaded, int? rate)
    {
        Rate = rate;
        Preloaded = preloaded;
        Command = command;
        Configuration = configuration;
        Positional = positional;
        Idle = idle;
    }

    /// <summary>The command: <c>detect</c>, <c>correlate</c>, <c>publish</c>, <c>alerts</c>, <c>setup</c> or <c>bench</c>.</summary>
    public string Command { get; }

    /// <summary>The options, as arguments for the command-line configuration provider (with <see cref="Switches"/>).</summary>
    public IReadOnlyList<string> Configuration { get; }

    /// <summary>The arguments that are not options (the files to publish).</summary>
    public IReadOnlyList<string> Positional { get; }

    /// <summary>The <c>--idle</c> seconds of <c>alerts</c>.</summary>
    public TimeSpan? Idle { get; }

    /// <summary>The <c>--rate</c> (events per second) of <c>bench</c>.</summary>
    public int? Rate { get; }

    /// <summary>The <c>--preloaded</c> flag of <c>bench</c>.</summary>
    public bool Preloaded { get; }

    /// <summary>Splits <paramref name="args"/>; false with a problem when they cannot be used.</summary>
    public static bool TryParse(string[] args, [NotNullWhen(true)] out CommandArguments? parsed, [NotNullWhen(false)] out string? problem)
    {
        parsed = null;
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            problem = "name a command: detect, correlate, publish, alerts, setup or bench";
            return false;
        }
        var configuration = new List<string>();
        var positional = new List<string>();
        TimeSpan? idle = null;
        int? rate = null;
        bool optionsEnded = false, preloaded = false;
        for (int i = 1; i < args.Length; i++)
        {
            string arg = args[i];
            if (optionsEnded || !arg.StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(arg);
                continue;
            }
            if (arg == "--")
            {
                optionsEnded = true;
                continue;
            }
            if (arg == "--preloaded")
            {
                preloaded = true;
                continue;
            }
            int equals = arg.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? arg : arg[..equals];
            string? value = equals < 0 ? (i + 1 < args.Length ? args[++i] : null) : arg[(equals + 1)..];
            if (value is null)
            {
                problem = $"{name} needs a value";
                return false;
            }
            if (name == "--idle")
            {
                if (!double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double seconds) || !(seconds > 0) || seconds > 86_400)
                {
                    problem = $"--idle takes a number of seconds, not '{value}'";
                    return false;
                }
                idle = TimeSpan.FromSeconds(seconds);
                continue;
            }
            if (name == "--rate")
            {
                if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int perSecond) || perSecond < 1)
                {
                    problem = $"--rate takes a number of events per second, not '{value}'";
                    return false;
                }
                rate = perSecond;
                continue;
            }
            // Any configuration key works as --SigmaStream:Key value, besides the short names.
            if (!Switches.ContainsKey(name) && !name.StartsWith("--" + StreamingOptions.Section + ":", StringComparison.OrdinalIgnoreCase)
                && !name.StartsWith("--Logging:", StringComparison.OrdinalIgnoreCase))
            {
                problem = $"unknown option {name}";
                return false;
            }
            configuration.Add(name);
            configuration.Add(value);
        }
        parsed = new CommandArguments(args[0], configuration, positional, idle, preloaded, rate);
        problem = null;
        return true;
    }

    /// <summary>The option names of the usage text.</summary>
    public static string SwitchList => string.Join(", ", Switches.Keys.Order(StringComparer.Ordinal));
}
