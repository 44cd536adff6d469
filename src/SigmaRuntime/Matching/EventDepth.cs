namespace SigmaCompile.Matching;

/// <summary>
/// How deep matching looks into an event. Values nested more than <see cref="Limit"/> levels below the event's
/// root are not read: by rules, by keyword search or by the rule set's prefilter, which all count levels the same
/// way (an object's property values and an array's elements are one level below it).
/// </summary>
/// <remarks>
/// Without a limit, an event nested thousands of levels deep (JsonDocument allows it when the host raises
/// <c>MaxDepth</c>) overflowed the stack, which ends the process. With JsonDocument's default <c>MaxDepth</c> of 64
/// no event reaches the limit.
/// </remarks>
internal static class EventDepth
{
    public const int Limit = 128;
}
