using System.IO;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SigmaScan.RuntimeRules;

/// <summary>What a file is to the generator: the <c>SigmaKind</c> item metadata the build gives an AdditionalFile.</summary>
internal enum SigmaFileKind
{
    /// <summary>A Sigma rule (<c>rule</c>).</summary>
    Rule,

    /// <summary>A field-mapping pipeline named by <c>SigmaPipelines</c> (<c>pipeline</c>).</summary>
    Pipeline,

    /// <summary>The <c>SigmaPlaceholders</c> file (<c>placeholders</c>).</summary>
    Placeholders,
}

/// <summary>
/// A file handed to the generator as an AdditionalFile. It is read from disk once: the same bytes feed the cache key
/// and, on a cache miss, the generator.
/// </summary>
internal sealed class GeneratorInputFile : AdditionalText
{
    // The compiler reads an AdditionalFile as UTF-8 unless it has another byte-order mark, and falls back to a
    // single-byte code page when the bytes are not valid UTF-8; the generator reports that as SIGMA013.
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private SourceText? _text;

    public GeneratorInputFile(string fullPath, SigmaFileKind kind, byte[] content)
    {
        Path = fullPath;
        Kind = kind;
        Content = content;
    }

    /// <summary>The full path, as MSBuild passes AdditionalFiles.</summary>
    public override string Path { get; }

    public SigmaFileKind Kind { get; }

    /// <summary>The file's bytes as read.</summary>
    public byte[] Content { get; }

    /// <summary>The value of <c>build_metadata.AdditionalFiles.SigmaKind</c>.</summary>
    public string KindMetadata => Kind switch
    {
        SigmaFileKind.Pipeline => "pipeline",
        SigmaFileKind.Placeholders => "placeholders",
        _ => "rule",
    };

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text ??= Decode(Content);

    private static SourceText Decode(byte[] content)
    {
        try
        {
            return SourceText.From(new MemoryStream(content, writable: false), StrictUtf8);
        }
        catch (DecoderFallbackException)
        {
            return SourceText.From(new MemoryStream(content, writable: false), Encoding.Latin1);
        }
    }
}
