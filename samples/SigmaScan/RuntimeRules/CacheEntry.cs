using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace SigmaScan.RuntimeRules;

/// <summary>
/// One cached compile: the compiled rules assembly and the diagnostics of the compile (printed again on a hit, so
/// a broken rule stays visible). Stored as one file that checks itself: a header with a magic number, the layout
/// version, the payload's length and its SHA-256; a file that is cut short, altered, or of another layout is
/// detected and never used.
/// </summary>
internal sealed record CacheEntry(string Key, IReadOnlyList<RuleDiagnostic> Diagnostics, byte[] Image)
{
    private static readonly byte[] Magic = "SIGMASCAN-RULES\n"u8.ToArray();
    private const int LayoutVersion = 1;
    private const int HeaderLength = 16 + 4 + 8 + 32; // magic, layout version, payload length, payload SHA-256

    /// <summary>The entry as file content.</summary>
    public byte[] Serialize()
    {
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Key);
            writer.Write(Diagnostics.Count);
            foreach (RuleDiagnostic d in Diagnostics)
            {
                writer.Write(d.IsError);
                writer.Write(d.Id);
                writer.Write(d.Path);
                writer.Write(d.Line);
                writer.Write(d.Column);
                writer.Write(d.Message);
            }
            writer.Write(Image.Length);
            writer.Write(Image);
        }

        byte[] body = payload.ToArray();
        byte[] file = new byte[HeaderLength + body.Length];
        Magic.CopyTo(file, 0);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(16), LayoutVersion);
        BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(20), body.Length);
        SHA256.HashData(body, file.AsSpan(28, 32));
        body.CopyTo(file, HeaderLength);
        return file;
    }

    /// <summary>Reads an entry written by <see cref="Serialize"/>; null, with the reason, when the content is not a whole, intact entry for <paramref name="key"/>.</summary>
    public static CacheEntry? Deserialize(byte[] file, string key, out string problem)
    {
        problem = "";
        if (file.Length < HeaderLength || !file.AsSpan(0, 16).SequenceEqual(Magic))
            problem = "not a SigmaScan cache entry";
        else if (BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(16)) != LayoutVersion)
            problem = "written by another version of SigmaScan";
        else if (BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(20)) != file.Length - HeaderLength)
            problem = "truncated";
        else if (!SHA256.HashData(file.AsSpan(HeaderLength)).AsSpan().SequenceEqual(file.AsSpan(28, 32)))
            problem = "checksum mismatch";
        if (problem.Length > 0)
            return null;

        try
        {
            using var reader = new BinaryReader(new MemoryStream(file, HeaderLength, file.Length - HeaderLength, writable: false), Encoding.UTF8);
            string storedKey = reader.ReadString();
            if (storedKey != key)
            {
                problem = "holds another compile";
                return null;
            }
            int count = reader.ReadInt32();
            var diagnostics = new List<RuleDiagnostic>();
            for (int i = 0; i < count; i++)
                diagnostics.Add(new RuleDiagnostic(reader.ReadBoolean(), reader.ReadString(), reader.ReadString(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadString()));
            byte[] image = reader.ReadBytes(reader.ReadInt32());
            return new CacheEntry(storedKey, diagnostics, image);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or ArgumentException or FormatException or OverflowException)
        {
            // The checksum held, so only a bug or a crafted file gets here; either way the entry is not used.
            problem = "unreadable: " + e.Message;
            return null;
        }
    }
}
