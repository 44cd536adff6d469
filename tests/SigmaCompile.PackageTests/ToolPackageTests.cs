using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using SigmaCompile.PackageTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SigmaCompile.PackageTests;

/// <summary>
/// SigmaScan as the .NET tool an analyst installs: packed, installed from the feed, and run with <c>--rules</c> on a
/// folder holding the seed rule, twice; the second run loads the compiled rules from the cache.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class ToolPackageTests(PackedTool tool, ITestOutputHelper log) : IClassFixture<PackedTool>
{
    private const string SeedRule = "97fbabf8-8e1b-47a2-b7d5-a418d2b95e3d";

    [Fact]
    public void The_tool_package_declares_the_sigmascan_command_and_no_dependencies()
    {
        using ZipArchive zip = ZipFile.OpenRead(tool.PackagePath);
        string[] entries = zip.Entries.Select(e => e.FullName).ToArray();
        Assert.Contains("tools/net10.0/any/SigmaScan.dll", entries);
        Assert.Contains("tools/net10.0/any/SigmaGenerator.dll", entries);
        Assert.Contains("tools/net10.0/any/Microsoft.CodeAnalysis.CSharp.dll", entries);
        Assert.Contains("tools/net10.0/any/YamlDotNet.dll", entries);
        // Roslyn's messages in other languages are left out.
        Assert.DoesNotContain(entries, e => e.EndsWith(".resources.dll", StringComparison.Ordinal));

        using Stream settings = zip.GetEntry("tools/net10.0/any/DotnetToolSettings.xml")!.Open();
        Assert.Equal("sigmascan", XDocument.Load(settings).Descendants("Command").Single().Attribute("Name")?.Value);

        using Stream nuspec = zip.GetEntry("SigmaScan.nuspec")!.Open();
        XElement metadata = XDocument.Load(nuspec).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        Assert.Equal("SigmaScan", metadata.Elements().Single(e => e.Name.LocalName == "id").Value);
        Assert.DoesNotContain(metadata.Descendants(), e => e.Name.LocalName == "dependency");
        log.WriteLine($"tool package: {new FileInfo(tool.PackagePath).Length / 1_000_000.0:0.0} MB");
    }

    [Fact]
    public void The_installed_tool_compiles_a_rules_folder_scans_and_starts_from_the_cache_the_second_time()
    {
        log.WriteLine(tool.InstallResult.ToString());
        Assert.True(tool.InstallResult.Succeeded, "dotnet tool install failed:\n" + tool.InstallResult);

        string rules = Path.Combine(tool.WorkRoot, "rules");
        Directory.CreateDirectory(rules);
        File.Copy(Repository.File("rules/aws/aws_lambda_layer_attached.yml"), Path.Combine(rules, "aws_lambda_layer_attached.yml"));
        string events = Repository.Fixture("tool/events.jsonl");
        string cache = Path.Combine(tool.WorkRoot, "cache");

        CommandResult first = Run("--rules", rules, "--cache-dir", cache, events);
        CommandResult second = Run("--rules", rules, "--cache-dir", cache, events);

        foreach (CommandResult run in new[] { first, second })
        {
            Assert.True(run.Succeeded, "sigmascan failed:\n" + run);
            Assert.Equal(
                new[] { 1, 3 }.Select(record => $"{{\"rule_id\":\"{SeedRule}\",\"title\":\"AWS New Lambda Layer Attached\",\"level\":\"low\",\"source\":\"{events}\",\"record\":{record}}}"),
                run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        Assert.Contains("1 rule from " + rules + " (1 file) compiled in ", first.Output);
        Assert.Contains("(cache: miss, stored)", first.Output);
        Assert.Contains("1 rule from " + rules + " (1 file) loaded in ", second.Output);
        Assert.Contains("(cache: hit)", second.Output);
    }

    private CommandResult Run(params string[] arguments)
    {
        // A user's shell: none of the test host's MSBuild or dotnet settings, stdout redirected (so JSON Lines).
        CommandResult result = CommandRunner.Run(tool.Command, arguments, tool.WorkRoot, new Dictionary<string, string?>
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        }, Dotnet.CommandTimeout);
        log.WriteLine(result.ToString());
        return result;
    }
}
