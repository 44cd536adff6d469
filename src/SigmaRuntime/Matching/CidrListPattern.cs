using System;

namespace SigmaCompile.Matching;

/// <summary>
/// Several networks of one predicate (a <c>|cidr</c> list): the text is read as an address once, then each network
/// is asked whether it holds it. The same answers as each <see cref="CidrPattern"/> on its own, which would read
/// the address once per network.
/// </summary>
internal sealed class CidrListPattern(CidrPattern[] networks) : TextPattern
{
    public override bool IsMatch(ReadOnlySpan<char> text)
    {
        Span<byte> address = stackalloc byte[16];
        if (!CidrPattern.TryParse(text.Trim(), address, out bool isV4))
            return false;
        foreach (CidrPattern network in networks)
        {
            if (network.Holds(address, isV4))
                return true;
        }
        return false;
    }
}
