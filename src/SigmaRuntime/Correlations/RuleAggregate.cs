namespace SigmaCompile.Correlations;

/// <summary><c>temporal</c>: how many distinct referenced rules have an entry.</summary>
internal sealed class RuleAggregate : WindowAggregate
{
    private readonly int[] _perSource;
    private int _distinct;

    public RuleAggregate(int sourceCount) => _perSource = new int[sourceCount];

    public override void Add(in WindowEntry entry)
    {
        if (_perSource[entry.Source]++ == 0)
            _distinct++;
    }

    public override void Remove(in WindowEntry entry)
    {
        if (--_perSource[entry.Source] == 0)
            _distinct--;
    }

    public override void Clear()
    {
        System.Array.Clear(_perSource);
        _distinct = 0;
    }

    public override double Value => _distinct;
}
