using System.Text;
using CyDef.Storage;
using Microsoft.AspNetCore.Http;

namespace CyDef.Taxii.Server;

/// <summary>
/// A TAXII request's URL parameters read into an <see cref="ObjectQuery"/> (TAXII 2.1 §3.4, §3.5): each parameter
/// at most once, only those the endpoint accepts, every value checked. Bad input is an error message, never an
/// exception.
/// </summary>
internal sealed partial class TaxiiQuery
{
    private TaxiiQuery(ObjectQuery query, uint fingerprint, bool hasParameters)
    {
        Query = query;
        Fingerprint = fingerprint;
        HasParameters = hasParameters;
    }

    public ObjectQuery Query { get; }

    /// <summary>The fingerprint of the filters (everything but <c>limit</c> and <c>next</c>) that a <c>next</c> token carries.</summary>
    public uint Fingerprint { get; }

    public bool HasParameters { get; }

    /// <summary>Reads the parameters of <paramref name="request"/>; <paramref name="scope"/> names the endpoint and object for the fingerprint.</summary>
    public static TaxiiQuery? Read(IQueryCollection request, TaxiiParameters allowed, string scope, TaxiiServerOptions options, out string? error)
    {
        var reader = new Reader(allowed, options);
        foreach (var (name, values) in request)
        {
            if (values.Count != 1)
            {
                error = $"The parameter '{name}' is given {values.Count} times; TAXII 2.1 §3.4 allows it once.";
                return null;
            }

            if (!reader.Take(name, values[0] ?? "", out error))
            {
                return null;
            }
        }

        var fingerprint = FingerprintOf(scope, request);
        long? after = null;
        if (reader.Next is { } next)
        {
            if (!PageToken.TryRead(next, out var cursor, out var expected))
            {
                error = $"'{next}' is not a next token of this server.";
                return null;
            }

            if (expected != fingerprint)
            {
                error = "The next token belongs to another query: the filters changed between pages (TAXII 2.1 §3.5).";
                return null;
            }

            after = cursor;
        }

        error = null;
        return new TaxiiQuery(reader.Build(after), fingerprint, request.Count > 0);
    }

    private static uint FingerprintOf(string scope, IQueryCollection request)
    {
        var text = new StringBuilder(scope);
        foreach (var (name, values) in request.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (name is not ("next" or "limit"))
            {
                text.Append('&').Append(name).Append('=').Append(values.ToString());
            }
        }

        // FNV-1a: a fingerprint against mistakes, not a secret (the token only carries a cursor the user may already see).
        var hash = 2166136261u;
        foreach (var c in text.ToString())
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash | 1; // never 0: 0 marks an unreadable token
    }
}
