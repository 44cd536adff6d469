using System.Collections.Generic;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SigmaCompile.Tests.Infrastructure;

/// <summary>
/// An AdditionalFile held in memory, optionally with a SigmaKind item metadata value and the keys an .editorconfig
/// section would give it.
/// </summary>
internal sealed class InMemoryAdditionalText(string path, string text, string? kind = null, Encoding? encoding = null, IReadOnlyDictionary<string, string>? editorConfig = null) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text, encoding ?? Encoding.UTF8);

    public override string Path { get; } = path;

    public string? Kind { get; } = kind;

    /// <summary>Keys an .editorconfig section gives this file (lower-cased, as the compiler hands them).</summary>
    public IReadOnlyDictionary<string, string> EditorConfig { get; } = editorConfig ?? new Dictionary<string, string>();

    public string Content => text;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
