using System;
using System.Globalization;

namespace SigmaCompile.Matching;

/// <summary>
/// An IPv4 or IPv6 network. Any textual form of an address is read (compressed or full IPv6, upper or lower
/// case, an embedded IPv4 tail, a zone suffix). An IPv4-mapped IPv6 address (<c>::ffff:a.b.c.d</c>) is inside the
/// IPv4 networks holding <c>a.b.c.d</c>, and a network written in mapped form with a prefix of at least 96 bits
/// (<c>::ffff:10.0.0.0/104</c>) holds the plain IPv4 addresses it maps; otherwise IPv4 and IPv6 do not mix. Text
/// that is not an IP address does not match. Parsing is done here, on the stack, so matching allocates nothing.
/// </summary>
internal sealed class CidrPattern : TextPattern
{
    // The network in IPv6 form (an IPv4 network as ::ffff:a.b.c.d with 96 more prefix bits) ...
    private readonly byte[] _network = new byte[16];
    private readonly int _prefix;
    // ... and the IPv4 network it is, when it is one (_v4Prefix < 0 when not).
    private readonly byte[] _v4Network = new byte[4];
    private readonly int _v4Prefix = -1;

    public CidrPattern(string cidr)
    {
        ReadOnlySpan<char> text = cidr.AsSpan().Trim();
        int slash = text.IndexOf('/');
        ReadOnlySpan<char> address = slash < 0 ? text : text[..slash];
        if (!TryParse(address, _network, out bool isV4))
            throw new ArgumentException($"'{cidr}' is not a CIDR range", nameof(cidr));
        int maxBits = isV4 ? 32 : 128;
        int prefix = slash < 0 ? maxBits : int.Parse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);
        if (prefix > maxBits)
            throw new ArgumentException($"'{cidr}' has a prefix longer than {maxBits} bits", nameof(cidr));
        _prefix = isV4 ? 96 + prefix : prefix;
        if (IsMapped(_network) && _prefix >= 96)
        {
            _network.AsSpan(12, 4).CopyTo(_v4Network);
            _v4Prefix = _prefix - 96;
        }
    }

    public override bool IsMatch(ReadOnlySpan<char> text)
    {
        Span<byte> address = stackalloc byte[16];
        return TryParse(text.Trim(), address, out bool isV4) && Holds(address, isV4);
    }

    /// <summary>Whether the network holds an address as <see cref="TryParse"/> read it.</summary>
    internal bool Holds(ReadOnlySpan<byte> address, bool isV4)
    {
        if (isV4)
            return _v4Prefix >= 0 && InPrefix(address[12..], _v4Network, _v4Prefix);
        return InPrefix(address, _network, _prefix);
    }

    private static bool InPrefix(ReadOnlySpan<byte> address, ReadOnlySpan<byte> network, int prefix)
    {
        int fullBytes = prefix / 8;
        if (!address[..fullBytes].SequenceEqual(network[..fullBytes]))
            return false;
        int rest = prefix % 8;
        if (rest == 0)
            return true;
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    // ::ffff:0:0/96, the IPv4-mapped addresses.
    private static bool IsMapped(ReadOnlySpan<byte> bytes) =>
        bytes[..10].IndexOfAnyExcept((byte)0) < 0 && bytes[10] == 0xFF && bytes[11] == 0xFF;

    /// <summary>
    /// Reads an address into the 16 bytes of <paramref name="bytes"/>; an IPv4 address (<paramref name="isV4"/>)
    /// is stored in its IPv4-mapped form.
    /// </summary>
    internal static bool TryParse(ReadOnlySpan<char> text, Span<byte> bytes, out bool isV4)
    {
        isV4 = false;
        int zone = text.IndexOf('%');
        if (zone >= 0)
            text = text[..zone];
        if (text.Length >= 2 && text[0] == '[' && text[^1] == ']')
            text = text[1..^1];
        if (text.IndexOf(':') < 0)
        {
            isV4 = true;
            bytes[..10].Clear();
            bytes[10] = 0xFF;
            bytes[11] = 0xFF;
            return TryParseV4(text, bytes.Slice(12, 4));
        }
        return TryParseV6(text, bytes);
    }

    private static bool TryParseV4(ReadOnlySpan<char> text, Span<byte> bytes)
    {
        for (int i = 0; i < 4; i++)
        {
            int dot = text.IndexOf('.');
            ReadOnlySpan<char> part = i < 3 ? (dot < 0 ? default : text[..dot]) : text;
            if (part.Length is 0 or > 3 || !byte.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out bytes[i]))
                return false;
            if (i < 3)
                text = text[(dot + 1)..];
        }
        return true;
    }

    private static bool TryParseV6(ReadOnlySpan<char> text, Span<byte> bytes)
    {
        Span<ushort> head = stackalloc ushort[8];
        Span<ushort> tail = stackalloc ushort[8];
        int headCount = 0, tailCount = 0;
        bool compressed = false;
        int gap = text.IndexOf("::");
        ReadOnlySpan<char> first = gap < 0 ? text : text[..gap];
        ReadOnlySpan<char> second = gap < 0 ? default : text[(gap + 2)..];
        if (gap >= 0)
        {
            compressed = true;
            if (second.IndexOf("::") >= 0)
                return false;
        }
        if (!ReadGroups(first, head, ref headCount, allowV4Tail: !compressed) ||
            (compressed && !ReadGroups(second, tail, ref tailCount, allowV4Tail: true)))
            return false;
        int total = headCount + tailCount;
        if (compressed ? total > 7 : total != 8)
            return false;
        bytes[..16].Clear();
        for (int i = 0; i < headCount; i++)
        {
            bytes[i * 2] = (byte)(head[i] >> 8);
            bytes[i * 2 + 1] = (byte)head[i];
        }
        for (int i = 0; i < tailCount; i++)
        {
            int index = 8 - tailCount + i;
            bytes[index * 2] = (byte)(tail[i] >> 8);
            bytes[index * 2 + 1] = (byte)tail[i];
        }
        return true;
    }

    private static bool ReadGroups(ReadOnlySpan<char> text, Span<ushort> groups, ref int count, bool allowV4Tail)
    {
        if (text.IsEmpty)
            return true;
        while (true)
        {
            int colon = text.IndexOf(':');
            ReadOnlySpan<char> part = colon < 0 ? text : text[..colon];
            if (colon < 0 && allowV4Tail && part.IndexOf('.') >= 0)
            {
                Span<byte> v4 = stackalloc byte[4];
                if (count > 6 || !TryParseV4(part, v4))
                    return false;
                groups[count++] = (ushort)(v4[0] << 8 | v4[1]);
                groups[count++] = (ushort)(v4[2] << 8 | v4[3]);
                return true;
            }
            if (part.Length is 0 or > 4 || count >= 8 ||
                !ushort.TryParse(part, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out groups[count]))
                return false;
            count++;
            if (colon < 0)
                return true;
            text = text[(colon + 1)..];
        }
    }
}
