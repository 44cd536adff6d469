using System.IO;
using SigmaCompile.PackageTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SigmaCompile.PackageTests;

/// <summary>
/// A new console app that references the packed package, as the README tells a user to: rules dropped into its
/// rules/ folder are compiled, matched at run time, and picked up by the next build when added, changed or deleted.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class ConsumingAppTests(PackedPackage package, ITestOutputHelper log)
{
    private const string StopLogging = "b3c198b0-6b70-4c7d-b34c-5ae510de47c7";
    private const string Whoami = "27f1e6f7-49a3-46c0-a991-9f78caf7bce1";
    private const string ShadowCopyDeletion = "a740154b-3f42-40c8-bb23-702377273e97";

    private const string StopLoggingEvent = """{"eventVersion":"1.08","eventSource":"cloudtrail.amazonaws.com","eventName":"StopLogging","awsRegion":"eu-west-1","requestParameters":{"name":"management-events"}}""";
    private const string UpdateTrailEvent = """{"eventVersion":"1.08","eventSource":"cloudtrail.amazonaws.com","eventName":"UpdateTrail","awsRegion":"eu-west-1"}""";
    private const string DescribeTrailsEvent = """{"eventVersion":"1.08","eventSource":"cloudtrail.amazonaws.com","eventName":"DescribeTrails","awsRegion":"eu-west-1"}""";
    private const string WhoamiEvent = """{"EventID":1,"Image":"C:\\Windows\\System32\\whoami.exe","CommandLine":"whoami /all","OriginalFileName":"whoami.exe"}""";
    private const string VssadminEvent = """{"EventID":1,"Image":"C:\\Windows\\System32\\vssadmin.exe","CommandLine":"vssadmin.exe Delete Shadows /All /Quiet"}""";

    [Fact]
    public void Rules_in_the_rules_folder_compile_match_and_follow_edits_without_a_clean()
    {
        ConsumerApp app = ConsumerApp.Create(package, "rules-folder", log);
        app.CopyFixture("rules/cloudtrail_logging_stopped.yml", "rules/aws/cloudtrail_logging_stopped.yml");
        app.CopyFixture("rules/win_whoami.yml", "rules/windows/win_whoami.yml");

        CommandResult build = app.BuildSucceeds();
        Assert.DoesNotContain("SIGMA", build.Output);
        Assert.Equal(new[] { StopLogging }, app.Matches(StopLoggingEvent));
        Assert.Equal(new[] { Whoami }, app.Matches(WhoamiEvent, viaStandardInput: true));
        Assert.Empty(app.Matches(DescribeTrailsEvent));

        // The runtime is the app's only dependency: neither the generator nor YamlDotNet reach its output.
        string output = app.PathOf("bin/Debug/net10.0");
        Assert.True(File.Exists(Path.Combine(output, "SigmaRuntime.dll")));
        Assert.False(File.Exists(Path.Combine(output, "SigmaGenerator.dll")));
        Assert.False(File.Exists(Path.Combine(output, "YamlDotNet.dll")));
        string deps = File.ReadAllText(Path.Combine(output, app.Name + ".deps.json"));
        Assert.DoesNotContain("YamlDotNet", deps);
        Assert.DoesNotContain("SigmaGenerator", deps);

        // A third rule dropped in: the next build compiles it.
        app.CopyFixture("more-rules/win_shadow_copy_deletion.yml", "rules/windows/win_shadow_copy_deletion.yml");
        app.BuildSucceeds();
        Assert.Equal(new[] { ShadowCopyDeletion }, app.Matches(VssadminEvent));
        Assert.Equal(new[] { Whoami }, app.Matches(WhoamiEvent));

        // A changed rule.
        Assert.Empty(app.Matches(UpdateTrailEvent));
        string rule = app.PathOf("rules/aws/cloudtrail_logging_stopped.yml");
        File.WriteAllText(rule, File.ReadAllText(rule).Replace("      - DeleteTrail\n", "      - DeleteTrail\n      - UpdateTrail\n", System.StringComparison.Ordinal));
        app.BuildSucceeds();
        Assert.Equal(new[] { StopLogging }, app.Matches(UpdateTrailEvent));

        // A deleted rule.
        app.DeleteFile("rules/windows/win_whoami.yml");
        app.BuildSucceeds();
        Assert.Empty(app.Matches(WhoamiEvent));
        Assert.Equal(new[] { ShadowCopyDeletion }, app.Matches(VssadminEvent));

        // A broken rule fails the build with the diagnostic at its file, line and column; also with the SDK's
        // analyzers skipped (as SigmaScan builds a rules folder of the user's), since the generator still runs.
        app.CopyFixture("more-rules/broken.yml", "rules/broken.yml");
        foreach (string[] command in new[] { new[] { "build" }, new[] { "build", "-p:RunAnalyzers=false" } })
        {
            CommandResult broken = app.Dotnet(command);
            Assert.False(broken.Succeeded, $"A broken rule must fail `dotnet {string.Join(' ', command)}`:\n" + broken);
            Assert.Contains("rules/broken.yml(9,5): error SIGMA005: Unknown modifier 'contians' (did you mean 'contains'?)", broken.Output);
        }
    }

    [Fact]
    public void SigmaRulesDirectory_outside_the_project_replaces_the_rules_folder()
    {
        ConsumerApp app = ConsumerApp.Create(package, "rules-elsewhere", log);
        app.CopyFixture("rules/win_whoami.yml", "rules/win_whoami.yml");
        app.CopyFixture("rules/cloudtrail_logging_stopped.yml", "../detections/aws/cloudtrail_logging_stopped.yml");
        app.AddToProject("""
              <PropertyGroup>
                <SigmaRulesDirectory>../detections</SigmaRulesDirectory>
              </PropertyGroup>
            """);

        app.BuildSucceeds();
        Assert.Equal(new[] { StopLogging }, app.Matches(StopLoggingEvent));
        Assert.Empty(app.Matches(WhoamiEvent)); // the project's own rules/ folder is not compiled

        // The rules from outside show in the solution tree under their folder's name.
        var rules = app.Items("AdditionalFiles");
        var only = Assert.Single(rules);
        Assert.Equal(app.PathOf("../detections/aws/cloudtrail_logging_stopped.yml"), only["FullPath"]);
        Assert.Equal("detections/aws/cloudtrail_logging_stopped.yml", only["Link"].Replace('\\', '/'));
        Assert.Equal("rule", only["SigmaKind"]);
    }

    [Fact]
    public void Rule_files_added_by_hand_are_compiled_once_and_alone_when_the_default_folder_is_off()
    {
        ConsumerApp app = ConsumerApp.Create(package, "rules-by-hand", log);
        app.CopyFixture("rules/win_whoami.yml", "rules/win_whoami.yml");
        app.CopyFixture("more-rules/win_shadow_copy_deletion.yml", "rules/win_shadow_copy_deletion.yml");
        app.CopyFixture("rules/cloudtrail_logging_stopped.yml", "../elsewhere/cloudtrail_logging_stopped.yml");
        const string handAdded = """
              <ItemGroup>
                <AdditionalFiles Include="rules/win_whoami.yml" />
                <AdditionalFiles Include="../elsewhere/cloudtrail_logging_stopped.yml" />
              </ItemGroup>
            """;
        const string defaultFolderOff = """
              <PropertyGroup>
                <EnableDefaultSigmaRuleItems>false</EnableDefaultSigmaRuleItems>
              </PropertyGroup>
            """;

        // Exactly the hand-added files.
        app.AddToProject(handAdded);
        app.AddToProject(defaultFolderOff);
        app.BuildSucceeds();
        Assert.Equal(new[] { Whoami }, app.Matches(WhoamiEvent));
        Assert.Equal(new[] { StopLogging }, app.Matches(StopLoggingEvent));
        Assert.Empty(app.Matches(VssadminEvent));

        // With the rules/ folder on as well, a file that is in both is compiled once (no SIGMA004 duplicate id).
        app.RemoveFromProject(defaultFolderOff);
        CommandResult build = app.BuildSucceeds();
        Assert.DoesNotContain("SIGMA", build.Output);
        Assert.Equal(new[] { Whoami }, app.Matches(WhoamiEvent));
        Assert.Equal(new[] { StopLogging }, app.Matches(StopLoggingEvent));
        Assert.Equal(new[] { ShadowCopyDeletion }, app.Matches(VssadminEvent));
        Assert.Equal(3, app.Items("AdditionalFiles").Count);
    }
}
