using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SigmaCompile.Generator.Lowering;

/// <summary>Checks CIDR notation at build time, so a typo is a diagnostic rather than a rule that never matches.</summary>
internal static class Cidr
{
    public static bool IsValid(string text)
    {
        text = text.Trim();
        int slash = text.IndexOf('/');
        string address = slash < 0 ? text : text.Substring(0, slash);
        if (!IPAddress.TryParse(address, out IPAddress? ip) || address.IndexOf('%') >= 0)
            return false;
        // IPAddress accepts shorthand such as "10" or "10.1"; a network must be written out.
        if (ip.AddressFamily == AddressFamily.InterNetwork && address.Split('.').Length != 4)
            return false;
        if (slash < 0)
            return true;
        int maxBits = ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        return int.TryParse(text.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int bits) && bits <= maxBits;
    }
}
