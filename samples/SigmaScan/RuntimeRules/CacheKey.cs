using System;
using System.Buffers.Binary;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace SigmaScan.RuntimeRules;

/// <summary>
/// The cache key of a run-time compile: SHA-256 over everything that can change its output or its diagnostics: the
/// <see cref="CompilerIdentity"/>, the MSBuild properties, and each file's kind, full path (diagnostics print it) and
/// bytes. Each part is length-prefixed, so no two different inputs hash the same text.
/// </summary>
internal static class CacheKey
{
    /// <summary>Bumped when what is hashed, or the cache entry's layout, changes.</summary>
    private const int Version = 1;

    /// <summary>The key as 64 lowercase hex digits.</summary>
    public static string Compute(GeneratorInputs inputs, CompilerIdentity identity)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Add(hash, Version);
        foreach (string part in new[] { identity.Tool, identity.Generator, identity.Runtime, identity.Compiler, identity.Framework })
            Add(hash, part);

        Add(hash, inputs.Properties.Count);
        foreach ((string key, string value) in inputs.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Add(hash, key);
            Add(hash, value);
        }

        // The files come in a fixed order: rules by path, then pipelines as given (their order matters), then placeholders.
        Add(hash, inputs.Files.Count);
        foreach (GeneratorInputFile file in inputs.Files)
        {
            Add(hash, file.KindMetadata);
            Add(hash, file.Path);
            Add(hash, file.Content.Length);
            hash.AppendData(file.Content);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Add(IncrementalHash hash, int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        hash.AppendData(bytes);
    }

    private static void Add(IncrementalHash hash, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        Add(hash, bytes.Length);
        hash.AppendData(bytes);
    }
}
