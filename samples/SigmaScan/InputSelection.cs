using System;
using System.Collections.Generic;
using System.IO;

namespace SigmaScan;

/// <summary>How the records of an input file are laid out.</summary>
internal enum InputFormat
{
    /// <summary><c>.jsonl</c>: one JSON value per line.</summary>
    JsonLines,

    /// <summary><c>.json</c>: one JSON document holding an event, an array of events or CloudTrail's envelope.</summary>
    Document,
}

/// <summary>A file to scan.</summary>
/// <param name="Path">Where to open it.</param>
/// <param name="Source">How detections and problems name it.</param>
/// <param name="Format">The layout of its records.</param>
/// <param name="Compressed">Whether it is gzip-compressed (<c>.gz</c>).</param>
/// <param name="StandardInput">For <c>-</c>: the standard input stream, read as JSON Lines instead of a file.</param>
internal sealed record InputFile(string Path, string Source, InputFormat Format, bool Compressed, Stream? StandardInput = null);

/// <summary>
/// The files named by the command line (folders expanded), and the arguments that could not be used.
/// </summary>
internal sealed class InputSelection
{
    private readonly List<InputFile> _files = new();
    private readonly List<string> _problems = new();

    private InputSelection()
    {
    }

    /// <summary>The files to scan, in the order given; a folder's files in ordinal order of their paths.</summary>
    public IReadOnlyList<InputFile> Files => _files;

    /// <summary>One message per input that cannot be scanned (missing, unreadable folder, unsupported type).</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>The name under which detections and problems of standard input (<c>-</c>) are reported.</summary>
    public const string StandardInputName = "stdin";

    /// <summary>
    /// The inputs named on the command line. Files keep the path as given; files found in a folder are named
    /// by the folder as given joined with their path under it; <c>-</c> is <paramref name="standardInput"/>, read as
    /// JSON Lines and named <c>stdin</c>.
    /// </summary>
    public static InputSelection FromArguments(IEnumerable<string> arguments, Stream standardInput)
    {
        var selection = new InputSelection();
        foreach (string argument in arguments)
        {
            if (argument == "-")
                selection._files.Add(new InputFile(argument, StandardInputName, InputFormat.JsonLines, Compressed: false, standardInput));
            else if (Directory.Exists(argument))
            {
                selection.AddFolder(argument, namesRelativeTo: null);
            }
            else if (File.Exists(argument))
            {
                if (TryGetFormat(argument, out InputFormat format, out bool compressed))
                    selection._files.Add(new InputFile(argument, argument, format, compressed));
                else
                    selection._problems.Add($"{argument}: unsupported file type (expected .jsonl, .json, .jsonl.gz or .json.gz)");
            }
            else
            {
                selection._problems.Add($"{argument}: no such file or folder");
            }
        }

        return selection;
    }

    /// <summary>The sample data shipped with the program; its files are named by their path under <paramref name="folder"/>.</summary>
    public static InputSelection FromBundledData(string folder)
    {
        var selection = new InputSelection();
        if (Directory.Exists(folder))
            selection.AddFolder(folder, namesRelativeTo: folder);
        else
            selection._problems.Add($"{folder}: bundled sample data folder not found");
        return selection;
    }

    /// <summary>Adds the supported files under <paramref name="folder"/>, in <see cref="FolderWalk"/> order.</summary>
    private void AddFolder(string folder, string? namesRelativeTo)
    {
        foreach (string file in FolderWalk.Files(folder, _problems))
        {
            if (TryGetFormat(file, out InputFormat format, out bool compressed))
            {
                string source = namesRelativeTo is null ? file : Path.GetRelativePath(namesRelativeTo, file);
                _files.Add(new InputFile(file, source, format, compressed));
            }
        }
    }

    /// <summary>Reads the format from the file name: <c>.jsonl</c> or <c>.json</c>, optionally followed by <c>.gz</c>.</summary>
    private static bool TryGetFormat(string path, out InputFormat format, out bool compressed)
    {
        ReadOnlySpan<char> name = path;
        compressed = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        if (compressed)
            name = name[..^".gz".Length];

        if (name.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            format = InputFormat.JsonLines;
            return true;
        }

        if (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            format = InputFormat.Document;
            return true;
        }

        format = default;
        return false;
    }
}
