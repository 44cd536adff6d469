using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace SigmaScan.RuntimeRules;

/// <summary>
/// Everything the generator is given for a <see cref="CompileRequest"/>, read from disk once: the AdditionalFiles
/// and the MSBuild properties, as <c>SigmaCompile.targets</c> hands them to the compiler in a build. The cache key is
/// computed over exactly this, so whatever can change the compiled rules is part of it.
/// </summary>
internal sealed class GeneratorInputs
{
    private GeneratorInputs(string rulesDirectory, IReadOnlyList<GeneratorInputFile> files, IReadOnlyDictionary<string, string> properties)
    {
        RulesDirectory = rulesDirectory;
        Files = files;
        Properties = properties;
    }

    /// <summary>The rules folder as a full path ending in a separator.</summary>
    public string RulesDirectory { get; }

    /// <summary>The rule files in ordinal order of their paths, then the pipeline files in the order given, then the placeholders file.</summary>
    public IReadOnlyList<GeneratorInputFile> Files { get; }

    /// <summary>The <c>build_property.*</c> values, by key.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; }

    public int RuleFileCount => Files.Count(f => f.Kind == SigmaFileKind.Rule);

    /// <summary>
    /// Reads the files of <paramref name="request"/>. Returns null, with what to fix in <paramref name="problems"/>,
    /// when a named folder or file cannot be read.
    /// </summary>
    /// <param name="request">What to compile.</param>
    /// <param name="rootNamespace">The RootNamespace the generated classes go under (as <c>&lt;RootNamespace&gt;.Rules</c>).</param>
    /// <param name="problems">Receives one message per input that cannot be used.</param>
    /// <param name="onRuleFileRead">Called after each rule file is read (for progress).</param>
    public static GeneratorInputs? Read(CompileRequest request, string rootNamespace, List<string> problems, Action<int>? onRuleFileRead = null)
    {
        string rulesDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(request.RulesDirectory)) + Path.DirectorySeparatorChar;
        if (!Directory.Exists(rulesDirectory))
        {
            problems.Add($"--rules {request.RulesDirectory}: no such folder");
            return null;
        }

        var pipelineEntries = new List<string>();
        var pipelineFiles = new List<GeneratorInputFile>();
        foreach (string pipeline in request.Pipelines)
        {
            if (!IsFileName(pipeline))
            {
                pipelineEntries.Add(pipeline); // a built-in name; an unknown one is the generator's SIGMA021
                continue;
            }

            string path = Path.GetFullPath(pipeline);
            if (path.Contains(';', StringComparison.Ordinal))
            {
                problems.Add($"--pipeline {pipeline}: a pipeline file's path cannot hold ';' (it separates SigmaPipelines entries)");
                continue;
            }

            if (TryRead(path, SigmaFileKind.Pipeline, $"--pipeline {pipeline}", problems) is { } file)
            {
                pipelineEntries.Add(path);
                pipelineFiles.Add(file);
            }
        }

        GeneratorInputFile? placeholders = null;
        if (request.PlaceholdersFile is { } placeholdersFile)
            placeholders = TryRead(Path.GetFullPath(placeholdersFile), SigmaFileKind.Placeholders, $"--placeholders {placeholdersFile}", problems);

        if (problems.Count > 0)
            return null;

        // As in the build, a pipeline or placeholders file kept in the rules folder is that, not a rule.
        var notRules = new HashSet<string>(pipelineFiles.Select(f => f.Path), StringComparer.Ordinal);
        if (placeholders is not null)
            notRules.Add(placeholders.Path);

        var files = new List<GeneratorInputFile>();
        var folderProblems = new List<string>();
        foreach (string path in FolderWalk.Files(rulesDirectory, folderProblems))
        {
            if (!IsYaml(path) || notRules.Contains(path))
                continue;
            if (TryRead(path, SigmaFileKind.Rule, path, problems) is { } rule)
            {
                files.Add(rule);
                onRuleFileRead?.Invoke(files.Count);
            }
        }

        problems.AddRange(folderProblems);
        if (problems.Count > 0)
            return null;

        files.AddRange(pipelineFiles);
        if (placeholders is not null)
            files.Add(placeholders);

        // The properties SigmaCompile.targets makes visible to the compiler. ProjectDir is left out: there is no
        // project, so rule paths are shown under the rules folder's name, as a build shows a folder outside its project.
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["build_property.RootNamespace"] = rootNamespace,
            ["build_property.SigmaRulesDirectory"] = rulesDirectory,
            ["build_property.SigmaPipelines"] = string.Join(";", pipelineEntries),
            ["build_property.SigmaPlaceholders"] = placeholders?.Path ?? "",
        };
        return new GeneratorInputs(rulesDirectory, files, properties);
    }

    private static bool IsFileName(string pipeline) =>
        IsYaml(pipeline) || pipeline.Contains('/', StringComparison.Ordinal) || pipeline.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static bool IsYaml(string path) =>
        path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);

    private static GeneratorInputFile? TryRead(string path, SigmaFileKind kind, string name, List<string> problems)
    {
        try
        {
            return new GeneratorInputFile(path, kind, File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(e is FileNotFoundException or DirectoryNotFoundException ? $"{name}: no such file" : $"{name}: cannot read: {e.Message}");
            return null;
        }
    }
}
