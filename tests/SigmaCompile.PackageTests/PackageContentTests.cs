using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using SigmaCompile.PackageTests.Infrastructure;
using Xunit;

namespace SigmaCompile.PackageTests;

/// <summary>What the one package holds, and what it does not hand on to a consuming app.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageContentTests(PackedPackage package)
{
    private static readonly string[] ExpectedEntries =
    {
        "README.md",
        "SigmaCompile.nuspec",
        "analyzers/dotnet/cs/SigmaGenerator.dll",
        "analyzers/dotnet/cs/YamlDotNet.dll",
        "build/SigmaCompile.props",
        "build/SigmaCompile.targets",
        "buildTransitive/SigmaCompile.props",
        "buildTransitive/SigmaCompile.targets",
        "lib/net10.0/SigmaRuntime.dll",
        "lib/net10.0/SigmaRuntime.xml",
    };

    [Fact]
    public void The_feed_holds_one_package_named_SigmaCompile() =>
        Assert.Equal(new[] { $"SigmaCompile.{package.Version}.nupkg" }, Directory.GetFiles(package.FeedDirectory).Select(Path.GetFileName));

    [Fact]
    public void The_package_holds_the_runtime_the_generator_with_YamlDotNet_and_the_build_files()
    {
        using ZipArchive zip = ZipFile.OpenRead(package.PackagePath);
        string[] entries = zip.Entries.Select(e => e.FullName)
            .Where(name => !name.StartsWith("_rels/", System.StringComparison.Ordinal)
                && !name.StartsWith("package/", System.StringComparison.Ordinal)
                && name != "[Content_Types].xml")
            .Order(System.StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(ExpectedEntries, entries);
    }

    [Fact]
    public void The_package_declares_its_metadata_and_no_dependencies()
    {
        using ZipArchive zip = ZipFile.OpenRead(package.PackagePath);
        using Stream stream = zip.GetEntry("SigmaCompile.nuspec")!.Open();
        XElement metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;

        Assert.Equal("SigmaCompile", Value("id"));
        Assert.Equal(package.Version, Value("version"));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("README.md", Value("readme"));
        Assert.False(string.IsNullOrWhiteSpace(Value("authors")));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        Assert.Contains("sigma", Value("tags").Split(' '));
        Assert.Equal("git", metadata.Elements().Single(e => e.Name.LocalName == "repository").Attribute("type")?.Value);

        // YamlDotNet and the generator travel inside analyzers/: nothing becomes a dependency of the consuming app.
        XElement dependencies = metadata.Elements().Single(e => e.Name.LocalName == "dependencies");
        Assert.DoesNotContain(dependencies.Descendants(), e => e.Name.LocalName == "dependency");
    }
}
