using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SigmaCompile.PackageTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SigmaCompile.PackageTests;

/// <summary>
/// The README's "Getting started" steps and samples/QuickStart say the same thing, and the steps work: followed in
/// an empty folder named QuickStart against the packed package, the app prints what the README says it prints.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed partial class QuickStartTests(PackedPackage package, ITestOutputHelper log)
{
    private const string RuleFile = "rules/cloudtrail_logging_stopped.yml";
    private const string MatchingEvent = """{"eventSource": "cloudtrail.amazonaws.com", "eventName": "StopLogging"}""";
    private const string OtherEvent = """{"eventSource": "cloudtrail.amazonaws.com", "eventName": "DescribeTrails"}""";
    private const string ExpectedOutput = "High: CloudTrail Logging Stopped (ea9e38f8-7a74-41fb-98e3-d001748ee7f4)";

    private static string GettingStarted()
    {
        string readme = File.ReadAllText(Repository.File("README.md")).ReplaceLineEndings("\n");
        int start = readme.IndexOf("\n## Getting started\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no '## Getting started' section");
        int end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return readme[start..(end < 0 ? readme.Length : end)];
    }

    private static string Block(string section, string language) =>
        Assert.Single(FencedBlock().Matches(section), m => m.Groups[1].Value == language).Groups[2].Value;

    [GeneratedRegex(@"^ *```(\w+)\n(.*?)^ *```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    [Fact]
    public void The_README_steps_show_the_QuickStart_samples_files_word_for_word()
    {
        string section = GettingStarted();
        Assert.Equal(File.ReadAllText(Repository.File("samples/QuickStart/" + RuleFile)).ReplaceLineEndings("\n"), Block(section, "yaml"));
        Assert.Equal(File.ReadAllText(Repository.File("samples/QuickStart/Program.cs")).ReplaceLineEndings("\n"), Block(section, "csharp"));
        foreach (string step in new[] { "dotnet pack SigmaCompile.sln -c Release -o artifacts", "dotnet new console", "dotnet add package SigmaCompile", "mkdir rules", RuleFile, "dotnet run -- '" + MatchingEvent + "'", ExpectedOutput, OtherEvent })
            Assert.Contains(step, section);

        // The sample's nuget.config is the README's, with the path filled in.
        string nugetConfig = File.ReadAllText(Repository.File("samples/QuickStart/nuget.config")).ReplaceLineEndings("\n");
        Assert.Equal(nugetConfig.Replace("../../artifacts", "path/to/SigmaCompile/artifacts", StringComparison.Ordinal).TrimEnd(), Dedent(Block(section, "xml")).TrimEnd());

        // It references the version this repository packs.
        string version = XDocument.Load(Repository.File("Directory.Build.props")).Descendants("Version").Single().Value;
        XElement reference = XDocument.Load(Repository.File("samples/QuickStart/QuickStart.csproj")).Descendants("PackageReference").Single();
        Assert.Equal(("SigmaCompile", version), (reference.Attribute("Include")?.Value, reference.Attribute("Version")?.Value));
        Assert.Contains("artifacts/SigmaCompile." + version + ".nupkg", section);
    }

    [Fact]
    public void The_README_steps_work_in_an_empty_folder_with_the_packed_package()
    {
        // Steps 1-3: dotnet new console, nuget.config (naming the test's feed), dotnet add package.
        ConsumerApp app = ConsumerApp.Create(package, "quickstart", log, name: "QuickStart", programFile: Repository.File("samples/QuickStart/Program.cs"));
        // Step 4: the rule.
        app.CopyFile(Repository.File("samples/QuickStart/" + RuleFile), RuleFile);

        // Step 6: dotnet run, which builds first.
        CommandResult matching = app.Dotnet("run", "--", MatchingEvent);
        app.Expect(matching);
        Assert.Equal(ExpectedOutput, matching.StandardOutput.Trim());

        CommandResult other = app.Dotnet("run", "--", OtherEvent);
        app.Expect(other);
        Assert.Equal("", other.StandardOutput.Trim());
    }

    private static string Dedent(string text)
    {
        string[] lines = text.Split('\n');
        int indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart(' ').Length);
        return string.Join("\n", lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart(' ')));
    }
}
