using System.Globalization;

namespace CyDef.Storage.Tests;

/// <summary>A feed of many distinct valid objects, as NDJSON: indicators and the addresses they name.</summary>
internal static class Feed
{
    public static string Objects(int count)
    {
        var lines = new string[count];
        for (var i = 0; i < count; i++)
        {
            var address = Address(i);
            lines[i] = i % 2 == 0
                ? Stix.Indicator(Stix.IndicatorId(i + 1), Stix.Timestamp(i % 60), $"[ipv4-addr:value = '{address}']", name: "feed item " + i.ToString(CultureInfo.InvariantCulture))
                : Stix.Observable("ipv4-addr", address);
        }

        return Stix.Ndjson(lines);
    }

    public static string Address(int i) => $"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}";
}
