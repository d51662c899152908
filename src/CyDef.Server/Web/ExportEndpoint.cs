using System.Text;
using CyDef.Server.Web.Data;
using CyDef.Stix.Json;
using CyDef.Storage;
using CyDef.Storage.Sharing;
using CyDef.Taxii.Server;
using Microsoft.AspNetCore.Http;

namespace CyDef.Server.Web;

/// <summary>
/// The UI's export: the newest versions of some types (all by default) as a STIX 2.1 bundle or as CSV, streamed page
/// by page through the signed-in user's sharing policy view — what the user may see, in the form they may see it.
/// </summary>
public static class ExportEndpoint
{
    /// <summary>The route: <c>/ui/export?format=stix|csv&amp;type=T&amp;type=U</c>.</summary>
    public const string Path = "/ui/export";

    private const int PageSize = 1000;

    /// <summary>Writes the export.</summary>
    /// <param name="http">The request (its user is the cookie's).</param>
    /// <param name="store">The node's store.</param>
    /// <param name="gate">The node's sharing gate.</param>
    /// <param name="format"><c>stix</c> (default) or <c>csv</c>.</param>
    /// <param name="type">The types to export; none for all.</param>
    /// <param name="cancellationToken">Stops the export.</param>
    public static async Task<IResult> ExportAsync(HttpContext http, IObjectStore store, SharingGate gate, string? format, string[]? type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(gate);
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (!csv && format is not null && !string.Equals(format, "stix", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem($"format '{format}' is neither stix nor csv.", statusCode: StatusCodes.Status400BadRequest, title: "Bad export format");
        }

        var view = gate.View(store, http.User);
        var query = new ObjectQuery { Types = type ?? [], Limit = PageSize };
        http.Response.ContentType = csv ? "text/csv; charset=utf-8" : "application/stix+json;version=2.1";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"cydef-export.{(csv ? "csv" : "json")}\"";
        await (csv ? WriteCsvAsync(http.Response.Body, view, query, cancellationToken) : WriteBundleAsync(http.Response.Body, view, query, cancellationToken)).ConfigureAwait(false);
        return Results.Empty;
    }

    private static async IAsyncEnumerable<SharedObject> AllAsync(PolicyView view, ObjectQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long? after = null;
        while (true)
        {
            var page = await view.QueryAsync(query with { After = after }, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            if (!page.More || page.Next is null)
            {
                yield break;
            }

            after = page.Next;
        }
    }

    private static async Task WriteBundleAsync(Stream body, PolicyView view, ObjectQuery query, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(false), leaveOpen: true);
        await writer.WriteAsync($"{{\"type\":\"bundle\",\"id\":\"bundle--{Guid.NewGuid()}\",\"objects\":[").ConfigureAwait(false);
        var first = true;
        await foreach (var item in AllAsync(view, query, cancellationToken).ConfigureAwait(false))
        {
            await writer.WriteAsync(first ? "" : ",").ConfigureAwait(false);
            await writer.WriteAsync(StixJsonWriter.ToJsonString(item.Value)).ConfigureAwait(false);
            first = false;
        }

        await writer.WriteAsync("]}").ConfigureAwait(false);
    }

    private static async Task WriteCsvAsync(Stream body, PolicyView view, ObjectQuery query, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(false), leaveOpen: true);
        await writer.WriteLineAsync("id,type,name,created,modified,object_marking_refs,pattern_or_value").ConfigureAwait(false);
        await foreach (var item in AllAsync(view, query, cancellationToken).ConfigureAwait(false))
        {
            var v = item.Value;
            var markings = v["object_marking_refs"] is { IsArray: true } refs ? string.Join(" ", refs.Items.ToArray().Select(r => r.AsString())) : "";
            string[] cells =
            [
                item.Stored.Id, item.Stored.Type, StixText.Text(v, "name"), StixText.Text(v, "created"), StixText.Text(v, "modified"),
                markings, StixText.Text(v, "pattern") is { Length: > 0 } pattern ? pattern : StixText.Text(v, "value"),
            ];
            await writer.WriteLineAsync(string.Join(",", cells.Select(Cell))).ConfigureAwait(false);
        }
    }

    // RFC 4180 quoting; a leading =, +, - or @ is quoted with an apostrophe so that a spreadsheet does not run it.
    private static string Cell(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@')
        {
            text = "'" + text;
        }

        return text.AsSpan().IndexOfAny("\",\n\r") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
