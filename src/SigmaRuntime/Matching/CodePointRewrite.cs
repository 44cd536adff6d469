namespace SigmaCompile.Matching;

/// <summary>
/// A pattern rewritten by <see cref="CodePointRegex"/>, to run over text written by <see cref="CodePointText"/> with
/// <see cref="Partition"/>. <see cref="Changed"/> is false when nothing in it tells the two readings apart (the
/// pattern is then the original). <see cref="AppliesToBmpText"/> is true when the original reads differently even on
/// text without surrogates (a class range ending above the BMP), so the rewrite is used for all text.
/// </summary>
internal sealed record CodePointRewrite(string Pattern, bool Changed, bool AppliesToBmpText, SupplementaryPartition Partition);
