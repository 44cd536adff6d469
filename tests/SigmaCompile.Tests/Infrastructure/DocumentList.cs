using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace SigmaCompile.Tests.Infrastructure;

/// <summary>Events parsed once and matched in several rounds, disposed together.</summary>
internal sealed class DocumentList(IEnumerable<string> json) : IDisposable
{
    public List<JsonDocument> Items { get; } = json.Select(j => JsonDocument.Parse(j)).ToList();

    public void Dispose() => Items.ForEach(d => d.Dispose());
}
