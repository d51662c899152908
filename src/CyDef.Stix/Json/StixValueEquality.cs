namespace CyDef.Stix.Json;

/// <summary>JSON tree equality: property order does not matter, array order and number values do.</summary>
internal static class StixValueEquality
{
    public static bool Equal(StixValue? a, StixValue? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null || a.Kind != b.Kind)
        {
            return false;
        }

        return a.Kind switch
        {
            StixValueKind.Object => ObjectsEqual(a, b),
            StixValueKind.Array => ArraysEqual(a, b),
            StixValueKind.String => a.StringEquals(b),
            StixValueKind.Number => NumbersEqual(a, b),
            StixValueKind.True or StixValueKind.False or StixValueKind.Null => true,
            _ => false,
        };
    }

    private static bool ObjectsEqual(StixValue a, StixValue b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var property in a.Properties)
        {
            if (!b.TryGetProperty(property.Name, out var other) || !Equal(property.Value, other))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ArraysEqual(StixValue a, StixValue b)
    {
        var x = a.Items;
        var y = b.Items;
        if (x.Length != y.Length)
        {
            return false;
        }

        for (var i = 0; i < x.Length; i++)
        {
            if (!Equal(x[i], y[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool NumbersEqual(StixValue a, StixValue b)
    {
        if (a.RawText == b.RawText)
        {
            return true;
        }

        if (a.IsIntegerNumber && b.IsIntegerNumber)
        {
            return decimal.TryParse(a.RawText, out var x) && decimal.TryParse(b.RawText, out var y) && x == y;
        }

        return a.TryGetDouble(out var p) && b.TryGetDouble(out var q) && p.Equals(q);
    }
}
