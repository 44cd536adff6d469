using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using SigmaCompile.PackageTests.Infrastructure;
using Xunit;

namespace SigmaCompile.PackageTests;

/// <summary>What the one package holds, and what it does not hand on to a consuming app.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageContentTests(PackedPackage package)
{
    // The project's intended public home (docs/package.md): the repository has no public address yet.
    private const string ProjectHome = "https://github.com/sigmacompile/sigmacompile";

    private static readonly string[] ExpectedEntries =
    {
        "LICENSE",
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
    public void The_package_carries_the_repositorys_MIT_licence_text()
    {
        using ZipArchive zip = ZipFile.OpenRead(package.PackagePath);
        using var reader = new StreamReader(zip.GetEntry("LICENSE")!.Open());
        string packed = reader.ReadToEnd();
        Assert.Equal(File.ReadAllText(Repository.File("LICENSE")), packed);
        Assert.StartsWith("MIT License\n\nCopyright (c) 2026 SigmaCompile contributors\n", packed.ReplaceLineEndings("\n"), System.StringComparison.Ordinal);
    }

    [Fact]
    public void The_package_declares_its_metadata_and_no_dependencies()
    {
        using ZipArchive zip = ZipFile.OpenRead(package.PackagePath);
        using Stream stream = zip.GetEntry("SigmaCompile.nuspec")!.Open();
        XElement metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        XElement Element(string name) => metadata.Elements().Single(e => e.Name.LocalName == name);
        string Value(string name) => Element(name).Value;

        Assert.Equal("SigmaCompile", Value("id"));
        Assert.Equal(package.Version, Value("version"));
        Assert.Equal(("expression", "MIT"), (Element("license").Attribute("type")?.Value, Value("license")));
        Assert.Equal("README.md", Value("readme"));
        Assert.False(string.IsNullOrWhiteSpace(Value("authors")));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        Assert.Contains("sigma", Value("tags").Split(' '));
        Assert.Equal(ProjectHome, Value("projectUrl"));
        XElement repository = Element("repository");
        Assert.Equal(("git", ProjectHome), (repository.Attribute("type")?.Value, repository.Attribute("url")?.Value));

        // Release notes name the version they describe and point to the full changelog, which has its entry.
        string releaseNotes = Value("releaseNotes");
        string version = XDocument.Load(Repository.File("Directory.Build.props")).Descendants("Version").Single().Value;
        Assert.StartsWith(version + ",", releaseNotes, System.StringComparison.Ordinal);
        Assert.Contains(ProjectHome + "/blob/main/CHANGELOG.md", releaseNotes, System.StringComparison.Ordinal);
        Assert.Contains("\n## " + version + " ", File.ReadAllText(Repository.File("CHANGELOG.md")).ReplaceLineEndings("\n"), System.StringComparison.Ordinal);

        // YamlDotNet and the generator travel inside analyzers/: nothing becomes a dependency of the consuming app.
        XElement dependencies = metadata.Elements().Single(e => e.Name.LocalName == "dependencies");
        Assert.DoesNotContain(dependencies.Descendants(), e => e.Name.LocalName == "dependency");
    }

    [Fact]
    public void The_packed_runtime_is_precompiled_for_the_packing_machine_and_keeps_all_its_IL()
    {
        using ZipArchive zip = ZipFile.OpenRead(package.PackagePath);
        using var image = new MemoryStream();
        using (Stream packed = zip.GetEntry("lib/net10.0/SigmaRuntime.dll")!.Open())
            packed.CopyTo(image);
        image.Position = 0;
        using var reader = new PEReader(image);

        Assert.True(ReadyToRunImage.IsPrecompiled(reader), "the packed SigmaRuntime.dll is not a ReadyToRun image");

        // Every method with code still has its IL, which the JIT compiles where the precompiled code does not apply
        // (another system or processor) and for the per-event methods, which are never precompiled.
        MetadataReader metadata = reader.GetMetadataReader();
        MethodDefinition[] methods = metadata.MethodDefinitions.Select(metadata.GetMethodDefinition).ToArray();
        Assert.Contains(methods, m => metadata.GetString(m.Name) == "Walk");
        Assert.All(methods.Where(m => (m.Attributes & System.Reflection.MethodAttributes.Abstract) == 0 && (m.ImplAttributes & System.Reflection.MethodImplAttributes.Runtime) == 0),
            m => Assert.True(m.RelativeVirtualAddress != 0 && reader.GetMethodBody(m.RelativeVirtualAddress).Size > 0, metadata.GetString(m.Name) + " has no IL"));
    }
}
