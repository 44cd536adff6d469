using System;
using System.Collections.Generic;
using System.Linq;

namespace SigmaCompile.PackageTests.Infrastructure;

/// <summary>Runs the dotnet CLI the way a user's shell would: no telemetry or banners, none of the test host's MSBuild settings.</summary>
internal static class Dotnet
{
    public static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(8);
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(4);
    public static readonly TimeSpan AppTimeout = TimeSpan.FromMinutes(1);

    /// <summary>The dotnet that runs these tests (DOTNET_HOST_PATH), else the one on PATH.</summary>
    public static string Executable { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    public static CommandResult Run(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? extraEnvironment = null, TimeSpan? timeout = null, string? standardInput = null)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["DOTNET_CLI_UI_LANGUAGE"] = "en",
            // Plain text output (no terminal logger), as CI and the assertions expect.
            ["MSBUILDTERMINALLOGGER"] = "off",
        };
        // `dotnet test` hands its MSBuild settings down to the test host; a user's shell has none of them.
        foreach (string key in Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) && key != "MSBUILDTERMINALLOGGER")
                environment[key] = null;
        }
        if (extraEnvironment is not null)
        {
            foreach ((string key, string? value) in extraEnvironment)
                environment[key] = value;
        }
        return CommandRunner.Run(Executable, arguments, workingDirectory, environment, timeout ?? CommandTimeout, standardInput);
    }
}
