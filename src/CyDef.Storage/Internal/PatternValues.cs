using System.Globalization;
using CyDef.Patterns;

namespace CyDef.Storage.Internal;

/// <summary>
/// The literal values that a STIX pattern compares observables with (<c>=</c> and <c>IN</c>, and the network of
/// <c>ISSUBSET</c>), found by walking the syntax tree of CyDef.Patterns' parser. Negated comparisons are left out:
/// <c>[ipv4-addr:value != '10.0.0.1']</c> does not mention 10.0.0.1 as an indicator of it.
/// </summary>
internal static class PatternValues
{
    /// <summary>Adds the values of <paramref name="pattern"/> to <paramref name="into"/>; a pattern that does not parse adds none.</summary>
    public static void FromPattern(string pattern, List<Observable> into)
    {
        if (StixPattern.TryParse(pattern, out var parsed))
        {
            Walk(parsed.Expression, into);
        }
    }

    private static void Walk(ObservationExpression expression, List<Observable> into)
    {
        switch (expression)
        {
            case BracketedObservation bracketed:
                Walk(bracketed.Comparison, into);
                break;
            case CompositeObservation composite:
                foreach (var operand in composite.Operands)
                {
                    Walk(operand, into);
                }

                break;
            case QualifiedObservation qualified:
                Walk(qualified.Expression, into);
                break;
        }
    }

    private static void Walk(ComparisonExpression expression, List<Observable> into)
    {
        switch (expression)
        {
            case CompositeComparison composite:
                foreach (var operand in composite.Operands)
                {
                    Walk(operand, into);
                }

                break;
            case PropertyComparison { Negated: false } comparison when KindOf(comparison.Path) is { } kind:
                AddConstants(kind, comparison.Operator, comparison.Value, into);
                break;
        }
    }

    private static void AddConstants(ObservableKind kind, ComparisonOperator op, Constant value, List<Observable> into)
    {
        switch (op, value)
        {
            case (ComparisonOperator.Equal or ComparisonOperator.IsSubset, StringConstant text):
                ObservableValues.Add(AddressKind(kind, text.Value), text.Value, into);
                break;
            case (ComparisonOperator.Equal, IntegerConstant number) when kind == ObservableKind.AutonomousSystem:
                ObservableValues.Add(kind, number.Value.ToString(CultureInfo.InvariantCulture), into);
                break;
            case (ComparisonOperator.In, SetConstant set):
                foreach (var item in set.Items)
                {
                    AddConstants(kind, ComparisonOperator.Equal, item, into);
                }

                break;
        }
    }

    /// <summary>
    /// The kind of value at a path: <c>type:value</c> and the like, <c>…:hashes.*</c>, and one reference deep
    /// (<c>network-traffic:dst_ref.value</c>, <c>email-message:from_ref.value</c>), where the address family is told
    /// by the constant (<see cref="AddressKind"/>).
    /// </summary>
    private static ObservableKind? KindOf(ObjectPath path)
    {
        var components = path.Components;
        if (components.Count == 0 || components[0] is not PropertyComponent first)
        {
            return null;
        }

        if (first.Name == "hashes" && path.ObjectType is "file" or "artifact" or "x509-certificate")
        {
            return ObservableKind.Hash;
        }

        if (components.Count == 1)
        {
            return ObservableValues.KindOf(path.ObjectType, first.Name);
        }

        return components.Count == 2 && components[1] is PropertyComponent { Name: "value" } && first.IsReference
            ? ReferencedKind(path.ObjectType, first.Name)
            : null;
    }

    // An address reference (network-traffic:dst_ref.value) may point at an ipv4-addr or an ipv6-addr.
    private static ObservableKind AddressKind(ObservableKind kind, string value) =>
        kind == ObservableKind.Ipv4 && value.Contains(':', StringComparison.Ordinal) ? ObservableKind.Ipv6 : kind;

    private static ObservableKind? ReferencedKind(string type, string reference) => (type, reference) switch
    {
        ("network-traffic", "src_ref" or "dst_ref") => ObservableKind.Ipv4,
        ("email-message", "from_ref" or "sender_ref") => ObservableKind.EmailAddress,
        ("domain-name", "resolves_to_refs") => ObservableKind.Ipv4,
        _ => null,
    };
}
