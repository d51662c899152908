using CyDef.Stix.Json;

namespace CyDef.Sharing.Tests.Signatures;

/// <summary>One change that alters what a JSON tree means, at the n-th node (pre-order) of the tree.</summary>
internal static class Mutation
{
    public static StixValue Apply(StixValue root, int where, int how)
    {
        var count = Count(root);
        var target = (where & int.MaxValue) % count;
        var seen = 0;
        return Walk(root, target, how, ref seen);
    }

    private static int Count(StixValue value) => 1 + value.Kind switch
    {
        StixValueKind.Object => value.Properties.ToArray().Sum(p => Count(p.Value)),
        StixValueKind.Array => value.Items.ToArray().Sum(Count),
        _ => 0,
    };

    private static StixValue Walk(StixValue value, int target, int how, ref int seen)
    {
        if (seen++ == target)
        {
            return Change(value, how);
        }

        switch (value.Kind)
        {
            case StixValueKind.Object:
                var properties = value.Properties.ToArray();
                for (var i = 0; i < properties.Length; i++)
                {
                    properties[i] = properties[i] with { Value = Walk(properties[i].Value, target, how, ref seen) };
                }

                return StixValue.Object(properties);
            case StixValueKind.Array:
                var items = value.Items.ToArray();
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = Walk(items[i], target, how, ref seen);
                }

                return StixValue.Array(items);
            default:
                return value;
        }
    }

    private static StixValue Change(StixValue value, int how) => value.Kind switch
    {
        StixValueKind.String => StixValue.String(value.GetString() + "x"),
        StixValueKind.Number => StixValue.Number(value.TryGetInt64(out var n) ? n - 1 : 0),
        StixValueKind.True => StixValue.False,
        StixValueKind.False => StixValue.True,
        StixValueKind.Array when how % 2 == 0 && value.Count > 0 => StixValue.Array(value.Items[..^1].ToArray()),
        StixValueKind.Array => StixValue.Array([.. value.Items.ToArray(), StixValue.String("added")]),
        StixValueKind.Object when how % 2 == 0 && value.Count > 0 =>
            StixValue.Object(value.Properties.ToArray().Where((_, i) => i != how % value.Count).ToArray()),
        StixValueKind.Object => StixValue.Object([.. value.Properties.ToArray().Where(p => p.Name != "x_added"), new StixProperty("x_added", StixValue.String("v"))]),
        _ => StixValue.String("null was here"),
    };
}
