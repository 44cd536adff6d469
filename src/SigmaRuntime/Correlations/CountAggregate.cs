namespace SigmaCompile.Correlations;

/// <summary><c>event_count</c>: how many entries.</summary>
internal sealed class CountAggregate : WindowAggregate
{
    private int _count;

    public override void Add(in WindowEntry entry) => _count++;

    public override void Remove(in WindowEntry entry) => _count--;

    public override void Clear() => _count = 0;

    public override double Value => _count;
}
