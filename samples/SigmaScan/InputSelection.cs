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
internal sealed record InputFile(string Path, string Source, InputFormat Format, bool Compressed);

/// <summary>
/// The files named by the command line (folders expanded), and the arguments that could not be used.
/// </summary>
internal sealed class InputSelection
{
    // Symbolic links to folders are not followed, so a link cycle cannot make the walk endless.
    private static readonly EnumerationOptions FileOptions = new() { IgnoreInaccessible = false };
    private static readonly EnumerationOptions FolderOptions = new()
    {
        IgnoreInaccessible = false,
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.ReparsePoint,
    };

    private readonly List<InputFile> _files = new();
    private readonly List<string> _problems = new();

    private InputSelection()
    {
    }

    /// <summary>The files to scan, in the order given; a folder's files in ordinal order of their paths.</summary>
    public IReadOnlyList<InputFile> Files => _files;

    /// <summary>One message per input that cannot be scanned (missing, unreadable folder, unsupported type).</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>
    /// The inputs named on the command line. Files keep the path as given; files found in a folder are named
    /// by the folder as given joined with their path under it.
    /// </summary>
    public static InputSelection FromArguments(IEnumerable<string> arguments)
    {
        var selection = new InputSelection();
        foreach (string argument in arguments)
        {
            if (Directory.Exists(argument))
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

    /// <summary>
    /// Adds the supported files under <paramref name="folder"/>, depth first: a folder's files, then its
    /// subfolders, each in ordinal order so that the output does not depend on the file system's order.
    /// </summary>
    private void AddFolder(string folder, string? namesRelativeTo)
    {
        var pending = new Stack<string>();
        pending.Push(folder);
        while (pending.TryPop(out string? current))
        {
            string[] files;
            string[] subfolders;
            try
            {
                files = Directory.GetFiles(current, "*", FileOptions);
                subfolders = Directory.GetDirectories(current, "*", FolderOptions);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _problems.Add($"{current}: cannot read folder: {e.Message}");
                continue;
            }

            Array.Sort(files, StringComparer.Ordinal);
            foreach (string file in files)
            {
                if (TryGetFormat(file, out InputFormat format, out bool compressed))
                {
                    string source = namesRelativeTo is null ? file : Path.GetRelativePath(namesRelativeTo, file);
                    _files.Add(new InputFile(file, source, format, compressed));
                }
            }

            // Pushed last to first so that the first subfolder is walked next.
            Array.Sort(subfolders, StringComparer.Ordinal);
            for (int i = subfolders.Length - 1; i >= 0; i--)
                pending.Push(subfolders[i]);
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
