using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace SigmaCompile.PackageTests.Infrastructure;

/// <summary>
/// A brand-new console app made the way a user makes one: <c>dotnet new console</c>, a nuget.config naming the
/// local feed (added to the sources the machine already has), <c>dotnet add package SigmaCompile</c>. Its name, and
/// so its root namespace, is <c>SigmaApp</c> unless given. Every command and its output goes to the test's output, which xunit shows when
/// the test fails.
/// </summary>
internal sealed class ConsumerApp
{
    private readonly PackedPackage _package;
    private readonly ITestOutputHelper _log;

    private ConsumerApp(PackedPackage package, string directory, string name, ITestOutputHelper log)
    {
        _package = package;
        Directory = directory;
        Name = name;
        _log = log;
    }

    /// <summary>The project's name and root namespace.</summary>
    public string Name { get; }

    /// <summary>The app's project folder.</summary>
    public string Directory { get; }

    public string ProjectFile => Path.Combine(Directory, Name + ".csproj");

    /// <summary>
    /// Makes the app in a new folder named <paramref name="name"/>, as <c>dotnet new console</c> run in it would,
    /// with the tests' Program.cs unless <paramref name="programFile"/> names another.
    /// </summary>
    public static ConsumerApp Create(PackedPackage package, string scenario, ITestOutputHelper log, string name = "SigmaApp", string? programFile = null)
    {
        string directory = Path.Combine(package.WorkRoot, "apps", scenario, name);
        System.IO.Directory.CreateDirectory(directory);
        var app = new ConsumerApp(package, directory, name, log);

        app.Expect(app.Dotnet("new", "console"));
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="sigmacompile-test-feed" value="{package.FeedDirectory}" />
              </packageSources>
            </configuration>
            """);
        app.Expect(app.Dotnet("add", "package", "SigmaCompile", "--version", package.Version));
        File.Copy(programFile ?? Repository.Fixture("Program.cs"), Path.Combine(directory, "Program.cs"), overwrite: true);
        return app;
    }

    /// <summary>Runs dotnet in the app's folder with the app's own package cache.</summary>
    public CommandResult Dotnet(params string[] arguments)
    {
        CommandResult result = Infrastructure.Dotnet.Run(Directory, arguments, new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = _package.PackagesDirectory,
        });
        _log.WriteLine(result.ToString());
        return result;
    }

    public CommandResult Build() => Dotnet("build");

    /// <summary>Builds and fails the test, showing the build output, unless the build succeeds.</summary>
    public CommandResult BuildSucceeds()
    {
        CommandResult result = Build();
        Expect(result);
        return result;
    }

    /// <summary>Runs the built app on one JSON event and returns the ids of the rules that matched.</summary>
    public IReadOnlyList<string> Matches(string json, bool viaStandardInput = false)
    {
        string dll = Path.Combine("bin", "Debug", "net10.0", Name + ".dll");
        CommandResult result = Infrastructure.Dotnet.Run(
            Directory,
            viaStandardInput ? new[] { dll } : new[] { dll, json },
            timeout: Infrastructure.Dotnet.AppTimeout,
            standardInput: viaStandardInput ? json : null);
        _log.WriteLine(result.ToString());
        Expect(result);
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Copies a file from the test's Fixtures folder into the app.</summary>
    public void CopyFixture(string fixture, string target) => CopyFile(Repository.Fixture(fixture), target);

    /// <summary>Copies a file into the app.</summary>
    public void CopyFile(string source, string target)
    {
        string path = PathOf(target);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(source, path, overwrite: true);
    }

    public void WriteFile(string target, string content)
    {
        string path = PathOf(target);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public void DeleteFile(string target) => File.Delete(PathOf(target));

    public string PathOf(string relative) => Path.GetFullPath(Path.Combine(Directory, relative.Replace('/', Path.DirectorySeparatorChar)));

    /// <summary>Adds XML (property groups, item groups) at the end of the project file.</summary>
    public void AddToProject(string xml)
    {
        string project = File.ReadAllText(ProjectFile);
        int end = project.LastIndexOf("</Project>", StringComparison.Ordinal);
        File.WriteAllText(ProjectFile, project[..end] + xml + "\n" + project[end..]);
    }

    /// <summary>Removes XML that <see cref="AddToProject"/> added.</summary>
    public void RemoveFromProject(string xml)
    {
        string project = File.ReadAllText(ProjectFile);
        Assert.Contains(xml, project);
        File.WriteAllText(ProjectFile, project.Replace(xml + "\n", "", StringComparison.Ordinal));
    }

    /// <summary>The items of one type as MSBuild evaluates the project: each item's identity and metadata.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Items(string itemType)
    {
        CommandResult result = Dotnet("msbuild", "-getItem:" + itemType);
        Expect(result);
        using JsonDocument json = JsonDocument.Parse(result.StandardOutput);
        return json.RootElement.GetProperty("Items").GetProperty(itemType).EnumerateArray()
            .Select(item => (IReadOnlyDictionary<string, string>)item.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? ""))
            .ToList();
    }

    public void Expect(CommandResult result) => Assert.True(result.Succeeded, "The command failed:\n" + result);
}
