using CyDef.Patterns.Internal.Evaluation;

namespace CyDef.Patterns.Internal.Matching;

/// <summary>How an anchor finds candidate values.</summary>
internal enum AnchorKind : byte
{
    /// <summary>The value equals a string.</summary>
    Exact,
    /// <summary>The value is an IP address or block inside a CIDR block.</summary>
    Cidr,
    /// <summary>The NFC value starts with a string (LIKE 'abc%').</summary>
    Prefix,
    /// <summary>The NFC value ends with a string (LIKE '%abc').</summary>
    Suffix,
    /// <summary>The NFC value contains a string (MATCHES with a required literal, LIKE with an inner literal).</summary>
    Contains,
    /// <summary>
    /// The Observation holds an SCO of the type (any comparison is false of an SCO of another type, §9.6): the
    /// fallback for comparisons no index serves, so that they are verified only against Observations that hold
    /// their type.
    /// </summary>
    Type,
}

/// <summary>
/// A condition on one object path that every Observation a bracketed expression matches must meet for some SCO:
/// the index finds the brackets worth verifying from the values an Observation has on that path.
/// </summary>
internal readonly record struct Anchor(string ObjectType, PathComponent[] Path, string PathKey, AnchorKind Kind, string Text, IpNetwork Network)
{
    /// <summary>What makes two anchors the same condition (the path array aside, which <see cref="PathKey"/> names).</summary>
    public (string ObjectType, string PathKey, AnchorKind Kind, string Text, IpNetwork Network) Key => (ObjectType, PathKey, Kind, Text, Network);

    /// <summary>
    /// Anchors such that the comparison can be true of an SCO only if one of them holds (at worst, the SCO's type);
    /// null for a node this does not know (the bracket is then verified on every Observation).
    /// </summary>
    public static List<Anchor>? Of(ComparisonNode node) => node switch
    {
        LeafNode leaf => OfLeaf(leaf),
        CompositeNode { Operator: BooleanOperator.And } and => Best(and.Operands.Select(Of)),
        CompositeNode or => All(or.Operands.Select(Of)),
        _ => null,
    };

    private static List<Anchor>? Best(IEnumerable<List<Anchor>?> options)
    {
        List<Anchor>? best = null;
        foreach (var option in options)
        {
            if (option is not null && (best is null || Cost(option) < Cost(best)))
            {
                best = option;
            }
        }

        return best;
    }

    private static int Cost(List<Anchor> anchors) => anchors.Sum(a => a.Kind switch
    {
        AnchorKind.Exact => 1,
        AnchorKind.Contains => 1_000,
        AnchorKind.Type => 1_000_000,
        _ => 10,
    });

    private static List<Anchor>? All(IEnumerable<List<Anchor>?> options)
    {
        var all = new List<Anchor>();
        foreach (var option in options)
        {
            if (option is null)
            {
                return null;
            }

            all.AddRange(option);
        }

        return all;
    }

    private static List<Anchor>? OfLeaf(LeafNode leaf)
    {
        var type = leaf.Path.ObjectType;
        List<Anchor> byType = [new(type, [], "", AnchorKind.Type, "", default)];
        if (leaf.NegatedExists || leaf.Test.Negated || !Indexable(leaf.Path))
        {
            return byType;
        }

        var path = leaf.Path.Components.AsImmutableArray().ToArray();
        var key = leaf.Path.ToString();
        Anchor Make(AnchorKind kind, string text, IpNetwork network = default) => new(type, path, key, kind, text, network);
        return leaf.Test switch
        {
            OperatorTest { Operator: ComparisonOperator.Equal, Constant.Constant: StringConstant s } => [Make(AnchorKind.Exact, s.Value)],
            InTest @in when @in.Items.All(i => i.Constant is StringConstant) => [.. @in.Items.Select(i => Make(AnchorKind.Exact, ((StringConstant)i.Constant).Value))],
            SubnetTest { IsSuperset: false, Network: { } network } => [Make(AnchorKind.Cidr, "", network)],
            LikeTest like when like.Like.Prefix.Length > 0 => [Make(AnchorKind.Prefix, like.Like.Prefix)],
            LikeTest like when like.Like.Suffix.Length > 0 => [Make(AnchorKind.Suffix, like.Like.Suffix)],
            LikeTest like when like.Like.Literal.Length > 0 => [Make(AnchorKind.Contains, like.Like.Literal)],
            MatchesTest matches when matches.Literal.Length > 0 => [Make(AnchorKind.Contains, matches.Literal)],
            _ => byType,
        };
    }

    /// <summary>Binary properties compare decoded octets, not the JSON text the index holds: never indexed.</summary>
    private static bool Indexable(ObjectPath path) =>
        path.Components.All(c => c is not PropertyComponent p || Operand.BinaryKey(p.Name) is null);
}
