using System;
using System.Collections.Generic;
using System.IO;

namespace SigmaScan;

/// <summary>
/// Lists the files under a folder in an order that does not depend on the file system: depth first, a folder's
/// files before its subfolders, each in ordinal order. Used for input folders and for rules folders.
/// </summary>
internal static class FolderWalk
{
    private static readonly EnumerationOptions FileOptions = new() { IgnoreInaccessible = false };

    // Hidden folders (.git, ...) are skipped, and symbolic links to folders are not followed, so a link cycle cannot
    // make the walk endless.
    private static readonly EnumerationOptions FolderOptions = new()
    {
        IgnoreInaccessible = false,
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.ReparsePoint,
    };

    /// <summary>The files under <paramref name="folder"/>; a folder that cannot be read is reported to <paramref name="problems"/>.</summary>
    public static IEnumerable<string> Files(string folder, ICollection<string> problems)
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
                problems.Add($"{current}: cannot read folder: {e.Message}");
                continue;
            }

            Array.Sort(files, StringComparer.Ordinal);
            foreach (string file in files)
                yield return file;

            // Pushed last to first so that the first subfolder is walked next.
            Array.Sort(subfolders, StringComparer.Ordinal);
            for (int i = subfolders.Length - 1; i >= 0; i--)
                pending.Push(subfolders[i]);
        }
    }
}
