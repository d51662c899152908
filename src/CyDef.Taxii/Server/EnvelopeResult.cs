using System.Text.Json;
using CyDef.Storage;
using Microsoft.AspNetCore.Http;

namespace CyDef.Taxii.Server;

/// <summary>
/// The envelope (TAXII 2.1 §3.7) of a page of stored versions, written straight from the stored JSON bytes: nothing
/// is parsed or re-serialised. An empty page with nothing more is <c>{}</c>, as the reference server answers.
/// </summary>
internal sealed class EnvelopeResult(ObjectPage page, string? next) : IResult
{
    private const int FlushThreshold = 64 * 1024;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = TaxiiMediaTypes.Taxii21;
        if (page.DateAddedFirst is { } first && page.DateAddedLast is { } last)
        {
            TaxiiResults.WriteDateHeaders(response, first, last);
        }

        var body = response.BodyWriter;
        await using var writer = new Utf8JsonWriter(body, new JsonWriterOptions { SkipValidation = true });
        writer.WriteStartObject();
        if (page.Items.Count > 0 || page.More)
        {
            writer.WriteBoolean("more"u8, page.More);
        }

        if (next is not null)
        {
            writer.WriteString("next"u8, next);
        }

        if (page.Items.Count > 0)
        {
            writer.WriteStartArray("objects"u8);
            foreach (var item in page.Items)
            {
                writer.WriteRawValue(item.Json.Span, skipInputValidation: true);
                if (writer.BytesPending >= FlushThreshold)
                {
                    writer.Flush();
                    await body.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
                }
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
    }
}
