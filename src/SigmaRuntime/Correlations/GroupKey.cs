using System.Globalization;
using System.Text;

namespace SigmaCompile.Correlations;

/// <summary>The dictionary key of a group: its values, joined so that no two different value lists give the same key.</summary>
internal static class GroupKey
{
    public static string Of(string[] values)
    {
        switch (values.Length)
        {
            case 0:
                return "";
            case 1:
                return values[0];
            default:
                // Each value preceded by its length, so values holding any separator still cannot collide.
                var key = new StringBuilder();
                foreach (string value in values)
                    key.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
                return key.ToString();
        }
    }
}
