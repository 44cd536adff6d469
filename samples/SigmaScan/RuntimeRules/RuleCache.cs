using System;
using System.IO;
using System.Linq;

namespace SigmaScan.RuntimeRules;

/// <summary>
/// The folder of cached compiles: one <c>&lt;key&gt;.rules</c> file per compile. Entries are written to a temporary
/// file of the writer's own in the same folder and then renamed over the final name, which is atomic: concurrent
/// runs may both write, and a reader only ever sees a whole file. Only the few most recently used entries are kept.
/// </summary>
internal sealed class RuleCache(string directory)
{
    /// <summary>How many compiles are kept; the least recently used beyond that are deleted.</summary>
    public const int MaxEntries = 4;

    private const string Extension = ".rules";
    private const string TemporaryExtension = ".tmp";

    public string Directory { get; } = directory;

    /// <summary>
    /// <c>$XDG_CACHE_HOME/sigmascan</c>, else <c>~/.cache/sigmascan</c>; on Windows <c>%LOCALAPPDATA%\sigmascan</c>.
    /// Null when none of them can be found.
    /// </summary>
    public static string? DefaultDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            string local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            return local.Length == 0 ? null : Path.Combine(local, "sigmascan");
        }

        // The XDG base directory specification ignores a relative value.
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg) && Path.IsPathFullyQualified(xdg))
            return Path.Combine(xdg, "sigmascan");
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return home.Length == 0 ? null : Path.Combine(home, ".cache", "sigmascan");
    }

    public string PathOf(string key) => Path.Combine(Directory, key + Extension);

    /// <summary>
    /// The entry for <paramref name="key"/>, or null. <paramref name="problem"/> says why an entry that exists was not
    /// used (it is deleted then, so that the rebuilt one replaces it); it is empty when there simply is none.
    /// </summary>
    public CacheEntry? TryRead(string key, out string problem)
    {
        problem = "";
        string path = PathOf(key);
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = "cannot read " + path + ": " + e.Message;
            return null;
        }

        CacheEntry? entry = CacheEntry.Deserialize(content, key, out problem);
        if (entry is null)
        {
            Discard(key);
            return null;
        }

        // Marks it recently used, so eviction keeps it.
        TryIgnoringErrors(() => File.SetLastWriteTimeUtc(path, DateTime.UtcNow));
        return entry;
    }

    /// <summary>A cache entry that failed to load: removed, so the next run does not try it again.</summary>
    public void Discard(string key) => TryIgnoringErrors(() => File.Delete(PathOf(key)));

    /// <summary>Stores <paramref name="entry"/>; returns an empty string, or why it could not be stored (the scan goes on without).</summary>
    public string TryStore(CacheEntry entry)
    {
        string temporary = Path.Combine(Directory, $"{entry.Key}.{Guid.NewGuid():N}{TemporaryExtension}");
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(entry.Serialize());
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, PathOf(entry.Key), overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryIgnoringErrors(() => File.Delete(temporary));
            return $"cannot write to {Directory}: {e.Message}";
        }

        Evict();
        return "";
    }

    // Keeps the MaxEntries most recently used entries, and removes temporary files that a run ended before renaming.
    private void Evict()
    {
        TryIgnoringErrors(() =>
        {
            var folder = new DirectoryInfo(Directory);
            foreach (FileInfo stale in folder.EnumerateFiles("*" + Extension).OrderByDescending(f => f.LastWriteTimeUtc).Skip(MaxEntries))
                TryIgnoringErrors(stale.Delete);
            foreach (FileInfo abandoned in folder.EnumerateFiles("*" + TemporaryExtension).Where(f => f.LastWriteTimeUtc < DateTime.UtcNow.AddDays(-1)))
                TryIgnoringErrors(abandoned.Delete);
        });
    }

    // Cache housekeeping is best effort: another run may be using or deleting the same files.
    private static void TryIgnoringErrors(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
