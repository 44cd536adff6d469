namespace SigmaCompile.Generator.Lowering;

/// <summary>
/// How likely a needle is to occur in an event's value, by the rough model the prefilter's choices share: 0.6 per
/// character, and 0.1 per character of the punctuation seldom seen in event text, in a needle of two characters or
/// more. It only ranks choices (which operand of an <c>and</c> gives a rule's atoms, which literals of a regex are
/// searched for); any choice is correct.
/// </summary>
/// <remarks>
/// Measured on the 2,825 command lines of the shared Windows events: '.', ' ', '\', ':', '"', '-', '/', '_', '|' and
/// '?' are each in 14–93 % of them, and each of the characters below in at most 4 %. Under the plain model a regex
/// whose only literals are short, such as <c>"(?:\{\d\})+"\s*-f</c>, gave none worth searching for, and a rule that
/// needs such a regex was a candidate on every event of its logsource (the pipeline's conditions counted 0.25). A
/// single character keeps the plain model: a one-character needle costs every scan of its field a probe at every
/// position.
/// </remarks>
internal static class NeedleOdds
{
    private const string Rare = "{}$`^~[]@#;<>()%,=+&*'";

    /// <summary>The odds of a plain character.</summary>
    public const double PlainCharacter = 0.6;

    // The odds of a seldom-seen mark, in a needle of two characters or more.
    private const double RareMark = 0.1;

    /// <summary>The estimated probability that <paramref name="needle"/> occurs in a value.</summary>
    public static double Of(string needle)
    {
        double odds = 1;
        foreach (char c in needle)
            odds *= needle.Length >= 2 && Rare.IndexOf(c) >= 0 ? RareMark : PlainCharacter;
        return odds;
    }
}
