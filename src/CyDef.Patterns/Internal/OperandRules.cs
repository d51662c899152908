using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace CyDef.Patterns.Internal;

/// <summary>What STIX 2.1 requires of the constant on the right of each comparison operator, beyond the grammar.</summary>
internal static class OperandRules
{
    /// <summary>Why <paramref name="value"/> cannot be compared with <paramref name="path"/> by <paramref name="op"/>, or null.</summary>
    public static (string Message, string Section)? Check(ComparisonOperator op, ObjectPath path, Constant value) => op switch
    {
        ComparisonOperator.Matches => CheckRegex(((StringConstant)value).Value),
        ComparisonOperator.IsSubset or ComparisonOperator.IsSuperset => CheckSubnet(((StringConstant)value).Value),
        ComparisonOperator.Equal or ComparisonOperator.NotEqual or ComparisonOperator.In => CheckHashes(path, value),
        _ => null,
    };

    /// <summary>The data type of a constant, for §9.6.1's rule that set values are of one type.</summary>
    public static string DataType(Constant constant) => constant switch
    {
        IntegerConstant or FloatConstant => "a number",
        StringConstant => "a string",
        BooleanConstant => "a boolean",
        BinaryConstant or HexConstant => "binary data",
        TimestampConstant => "a timestamp",
        _ => "a set",
    };

    /// <summary>
    /// §9.6.1: b is a PCRE regular expression. It must compile as a .NET regular expression (PCRE-only syntax
    /// such as possessive quantifiers is rejected). Only the syntax is checked here; see <see cref="PatternRegex"/>.
    /// </summary>
    private static (string, string)? CheckRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, PatternRegex.Options, Regex.InfiniteMatchTimeout);
            return null;
        }
        catch (ArgumentException e)
        {
            return ($"'{pattern}' is not a valid regular expression: {e.Message}", "9.6.1");
        }
    }

    /// <summary>§9.6.1: b of ISSUBSET and ISSUPERSET MUST be a valid IPv4 or IPv6 address or CIDR block (§6.4, §6.5).</summary>
    private static (string, string)? CheckSubnet(string value) =>
        IpText.IsAddressOrSubnet(value) ? null : ($"'{value}' is not an IPv4 or IPv6 address or CIDR block", "9.6.1");

    /// <summary>
    /// §2.7: a hash value MUST be in the format of its algorithm; §9.6.1: the constant is of the property's type.
    /// Applies to <c>…hashes.&lt;algorithm&gt;</c> paths, as the reference validator does.
    /// </summary>
    private static (string, string)? CheckHashes(ObjectPath path, Constant value)
    {
        if (path.Components.Count < 2 || path.Components[^1] is not PropertyComponent algorithm || !HasHashes(path))
        {
            return null;
        }

        ImmutableArray<Constant> values = value is SetConstant set ? set.Items.AsImmutableArray() : [value];
        foreach (var item in values)
        {
            if (item is StringConstant text && HashValues.Problem(algorithm.Name, text.Value) is { } problem)
            {
                return (problem, "2.7");
            }
        }

        return null;
    }

    private static bool HasHashes(ObjectPath path)
    {
        for (var index = 0; index < path.Components.Count - 1; index++)
        {
            if (path.Components[index] is PropertyComponent { Name: "hashes" })
            {
                return true;
            }
        }

        return false;
    }
}
