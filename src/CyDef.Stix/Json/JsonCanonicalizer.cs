using System.Globalization;
using System.Text;

namespace CyDef.Stix.Json;

/// <summary>
/// The JSON Canonicalization Scheme of RFC 8785: the one text of a JSON value that deterministic
/// identifiers (STIX 2.1 §2.9) and signatures are computed over.
/// </summary>
public static class JsonCanonicalizer
{
    /// <summary>The canonical text of <paramref name="value"/>.</summary>
    /// <param name="value">The value.</param>
    /// <exception cref="FormatException">A number is not finite as an IEEE 754 double (RFC 8785 §3.2.2.3).</exception>
    public static string Canonicalize(StixValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder();
        Write(builder, value);
        return builder.ToString();
    }

    /// <summary>The canonical text of <paramref name="value"/>, unless it holds a number that is not a finite double.</summary>
    /// <param name="value">The value.</param>
    /// <param name="canonical">The canonical text, when there is one.</param>
    public static bool TryCanonicalize(StixValue value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? canonical)
    {
        canonical = HasOnlyFiniteNumbers(value) ? Canonicalize(value) : null;
        return canonical is not null;
    }

    private static bool HasOnlyFiniteNumbers(StixValue value) => value.Kind switch
    {
        StixValueKind.Number => value.TryGetDouble(out var number) && double.IsFinite(number),
        StixValueKind.Array => AllFinite(value.Items),
        StixValueKind.Object => AllFinite(value.Properties),
        _ => true,
    };

    private static bool AllFinite(ReadOnlySpan<StixValue> items)
    {
        foreach (var item in items)
        {
            if (!HasOnlyFiniteNumbers(item))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AllFinite(ReadOnlySpan<StixProperty> properties)
    {
        foreach (var property in properties)
        {
            if (!HasOnlyFiniteNumbers(property.Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The canonical text of <paramref name="value"/> as UTF-8.</summary>
    /// <param name="value">The value.</param>
    public static byte[] CanonicalizeToUtf8(StixValue value) => Encoding.UTF8.GetBytes(Canonicalize(value));

    private static void Write(StringBuilder builder, StixValue value)
    {
        switch (value.Kind)
        {
            case StixValueKind.Object:
                WriteObject(builder, value);
                break;
            case StixValueKind.Array:
                builder.Append('[');
                var items = value.Items;
                for (var i = 0; i < items.Length; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    Write(builder, items[i]);
                }

                builder.Append(']');
                break;
            case StixValueKind.String:
                WriteString(builder, value.GetString());
                break;
            case StixValueKind.Number:
                builder.Append(FormatNumber(value));
                break;
            case StixValueKind.True:
                builder.Append("true");
                break;
            case StixValueKind.False:
                builder.Append("false");
                break;
            case StixValueKind.Null:
                builder.Append("null");
                break;
        }
    }

    private static void WriteObject(StringBuilder builder, StixValue value)
    {
        // RFC 8785 §3.2.3: members sorted by their names as arrays of UTF-16 code units.
        var properties = value.Properties.ToArray();
        Array.Sort(properties, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        builder.Append('{');
        for (var i = 0; i < properties.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            WriteString(builder, properties[i].Name);
            builder.Append(':');
            Write(builder, properties[i].Value);
        }

        builder.Append('}');
    }

    // RFC 8785 §3.2.2.2: only ", \ and control characters are escaped; the short forms where JSON has them.
    private static void WriteString(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case < ' ': builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: builder.Append(c); break;
            }
        }

        builder.Append('"');
    }

    /// <summary>RFC 8785 §3.2.2.3: numbers are written as ECMAScript's Number.prototype.toString writes doubles.</summary>
    internal static string FormatNumber(StixValue number)
    {
        if (!number.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            throw new FormatException($"The number {number.GetRawNumber()} cannot be canonicalized (RFC 8785 §3.2.2.3).");
        }

        return FormatDouble(value);
    }

    internal static string FormatDouble(double value)
    {
        if (value == 0)
        {
            return "0";
        }

        // The shortest round-trip digits and exponent, e.g. 1.2345E+21 → digits "12345", exponent n = 22
        // where value = 0.d1d2…dk × 10^n (ECMA-262 Number::toString).
        // .NET's "R" gives the shortest digits that round-trip, as ECMAScript requires.
        var (digits, n) = Decompose(Math.Abs(value).ToString("R", CultureInfo.InvariantCulture));
        var sign = value < 0 ? "-" : "";
        var k = digits.Length;
        if (k <= n && n <= 21)
        {
            return sign + digits + new string('0', n - k);
        }

        if (0 < n && n <= 21)
        {
            return sign + digits[..n] + "." + digits[n..];
        }

        if (-6 < n && n <= 0)
        {
            return sign + "0." + new string('0', -n) + digits;
        }

        var exponent = n - 1;
        var e = (exponent >= 0 ? "e+" : "e-") + Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);
        return sign + (k == 1 ? digits : digits[..1] + "." + digits[1..]) + e;
    }

    private static (string Digits, int N) Decompose(string text)
    {
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? text[..dot] : text;
        var fracPart = dot >= 0 ? text[(dot + 1)..] : "";
        var all = (intPart + fracPart).TrimStart('0');
        var leadingZeros = (intPart + fracPart).Length - all.Length;
        var n = intPart.Length - leadingZeros + exponent;
        return (all.TrimEnd('0'), n);
    }
}
