using System.Globalization;
using System.Text;

namespace CyDef.Patterns.Internal;

/// <summary>Object paths and constants.</summary>
internal static partial class PatternFormatter
{
    private static void Append(StringBuilder builder, ObjectPath path)
    {
        builder.Append(path.ObjectType).Append(':');
        for (var index = 0; index < path.Components.Count; index++)
        {
            if (index == 0 && path.Components[0] is PropertyComponent first)
            {
                AppendName(builder, first.Name);
            }
            else
            {
                Append(builder, path.Components[index]);
            }
        }
    }

    private static void Append(StringBuilder builder, PathComponent component)
    {
        switch (component)
        {
            case PropertyComponent property:
                builder.Append('.');
                AppendName(builder, property.Name);
                break;
            case IndexComponent index:
                builder.Append(CultureInfo.InvariantCulture, $"[{index.Index}]");
                break;
            case AnyIndexComponent:
                builder.Append("[*]");
                break;
        }
    }

    /// <summary>A name as IdentifierWithoutHyphen when it is one (and not a keyword), else as a quoted string.</summary>
    private static void AppendName(StringBuilder builder, string name)
    {
        if (IsPlainIdentifier(name))
        {
            builder.Append(name);
        }
        else
        {
            LiteralFormats.AppendQuoted(builder, name);
        }
    }

    private static bool IsPlainIdentifier(string name)
    {
        if (name.Length == 0 || !Lexer.IsIdentifierStart(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return Lexer.Keyword(name) == TokenKind.Identifier;
    }

    private static void Append(StringBuilder builder, Constant constant)
    {
        switch (constant)
        {
            case StringConstant text:
                LiteralFormats.AppendQuoted(builder, text.Value);
                break;
            case IntegerConstant integer:
                builder.Append(integer.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case FloatConstant number:
                AppendFloat(builder, number.Value);
                break;
            case BooleanConstant boolean:
                builder.Append(boolean.Value ? "true" : "false");
                break;
            case BinaryConstant binary:
                builder.Append("b'").Append(Convert.ToBase64String(binary.Bytes.AsImmutableArray().AsSpan())).Append('\'');
                break;
            case HexConstant hex:
                builder.Append("h'").Append(Convert.ToHexStringLower(hex.Bytes.AsImmutableArray().AsSpan())).Append('\'');
                break;
            case TimestampConstant timestamp:
                builder.Append("t'").Append(timestamp.Text).Append('\'');
                break;
            case SetConstant set:
                builder.Append('(');
                AppendJoined(builder, set.Items, ", ", static (b, c) => Append(b, c));
                builder.Append(')');
                break;
        }
    }

    /// <summary>WITHIN's number: an integer when it is one, else a float.</summary>
    private static void AppendSeconds(StringBuilder builder, double seconds)
    {
        if (seconds == Math.Floor(seconds) && Math.Abs(seconds) < 1e15)
        {
            builder.Append(((long)seconds).ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            AppendFloat(builder, seconds);
        }
    }

    /// <summary>FloatPosLiteral/FloatNegLiteral: digits, a point and digits, never an exponent; exact (round-trip) digits.</summary>
    private static void AppendFloat(StringBuilder builder, double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = text.IndexOf('E', StringComparison.Ordinal);
        if (exponentAt >= 0)
        {
            text = Positional(text[..exponentAt], int.Parse(text.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        }

        builder.Append(text);
        if (!text.Contains('.', StringComparison.Ordinal))
        {
            builder.Append(".0");
        }
    }

    /// <summary>Writes <c>mantissa × 10^exponent</c> without an exponent, e.g. ("1.5", -7) → "0.00000015".</summary>
    private static string Positional(string mantissa, int exponent)
    {
        var negative = mantissa.StartsWith('-');
        var unsigned = negative ? mantissa[1..] : mantissa;
        var point = unsigned.IndexOf('.', StringComparison.Ordinal);
        var digits = unsigned.Replace(".", "", StringComparison.Ordinal);
        var position = (point < 0 ? unsigned.Length : point) + exponent;
        var body = position <= 0
            ? "0." + new string('0', -position) + digits
            : position >= digits.Length
                ? digits + new string('0', position - digits.Length) + ".0"
                : digits[..position] + "." + digits[position..];
        return negative ? "-" + body : body;
    }
}
