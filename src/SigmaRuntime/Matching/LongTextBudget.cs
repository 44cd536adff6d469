using System.Threading;

namespace SigmaCompile.Matching;

/// <summary>
/// How much long text <see cref="NeedleSearch"/> searches with its own index before it builds the vectorised
/// search of <see cref="System.Buffers.SearchValues{T}"/>. That search is several times faster per character, but
/// the JIT must first compile its code for the process (tens of milliseconds), more than the index costs a scan
/// that meets a few hundred long strings; a stream of long text pays it back soon (docs/performance.md, "Long text
/// searched with the index until it is common").
/// </summary>
internal sealed class LongTextBudget
{
    /// <summary>The process's budget: about as many characters as the index searches in the time the compiles take.</summary>
    public static readonly LongTextBudget Shared = new(16_000_000);

    private readonly long _characters;
    private long _spent;

    public LongTextBudget(long characters) => _characters = characters;

    /// <summary>Counts <paramref name="length"/> characters about to be searched; true once the budget is spent.</summary>
    public bool Spend(int length) => Interlocked.Add(ref _spent, length) > _characters;
}
