namespace CyDef.Patterns;

/// <summary>The Comparison Operators of STIX 2.1 §9.6.1 that take a constant (<c>EXISTS</c> is <see cref="ExistsComparison"/>).</summary>
public enum ComparisonOperator : byte
{
    /// <summary><c>=</c> (also written <c>==</c>).</summary>
    Equal,
    /// <summary><c>!=</c> (also written <c>&lt;&gt;</c>).</summary>
    NotEqual,
    /// <summary><c>&lt;</c>.</summary>
    LessThan,
    /// <summary><c>&lt;=</c>.</summary>
    LessThanOrEqual,
    /// <summary><c>&gt;</c>.</summary>
    GreaterThan,
    /// <summary><c>&gt;=</c>.</summary>
    GreaterThanOrEqual,
    /// <summary><c>IN (x, y, …)</c>: equal to one of a set of constants.</summary>
    In,
    /// <summary><c>LIKE</c>: SQL-like wildcards, <c>%</c> for any run and <c>_</c> for one character.</summary>
    Like,
    /// <summary><c>MATCHES</c>: a PCRE regular expression, searched with DOTALL.</summary>
    Matches,
    /// <summary><c>ISSUBSET</c>: an IP address or subnet wholly inside the given one.</summary>
    IsSubset,
    /// <summary><c>ISSUPERSET</c>: an IP subnet that wholly contains the given one.</summary>
    IsSuperset,
}
