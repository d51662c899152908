using System.Text;

namespace CyDef.Taxii.Client;

/// <summary>The filters of a TAXII 2.1 request (§3.4); empty lists and nulls are left out.</summary>
public sealed record TaxiiFilter
{
    /// <summary>No filter.</summary>
    public static TaxiiFilter None { get; } = new();

    /// <summary><c>match[id]</c>.</summary>
    public IReadOnlyList<string> Ids { get; init; } = [];

    /// <summary><c>match[type]</c>.</summary>
    public IReadOnlyList<string> Types { get; init; } = [];

    /// <summary><c>match[version]</c>: <c>first</c>, <c>last</c>, <c>all</c> or timestamps.</summary>
    public IReadOnlyList<string> Versions { get; init; } = [];

    /// <summary><c>match[spec_version]</c>.</summary>
    public IReadOnlyList<string> SpecVersions { get; init; } = [];

    /// <summary><c>added_after</c>.</summary>
    public DateTimeOffset? AddedAfter { get; init; }

    /// <summary><c>limit</c>.</summary>
    public int? Limit { get; init; }

    /// <summary>The query string (without <c>?</c>), with <paramref name="next"/> when given.</summary>
    /// <param name="next">A <c>next</c> token.</param>
    public string ToQueryString(string? next = null)
    {
        var query = new StringBuilder();
        Add(query, "match[id]", Ids);
        Add(query, "match[type]", Types);
        Add(query, "match[version]", Versions);
        Add(query, "match[spec_version]", SpecVersions);
        if (AddedAfter is { } addedAfter)
        {
            Add(query, "added_after", [TaxiiTimestamp.ToString(addedAfter)]);
        }

        if (Limit is { } limit)
        {
            Add(query, "limit", [limit.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        if (next is not null)
        {
            Add(query, "next", [next]);
        }

        return query.ToString();
    }

    private static void Add(StringBuilder query, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        query.Append(query.Length == 0 ? "" : "&").Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(string.Join(',', values)));
    }
}
