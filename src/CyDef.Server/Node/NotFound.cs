using CyDef.Taxii;
using Microsoft.AspNetCore.Http;

namespace CyDef.Server.Node;

/// <summary>The answer to a path that names nothing: a TAXII error resource to a TAXII client, problem details otherwise.</summary>
internal static class NotFound
{
    public static IResult Handle(HttpContext http)
    {
        var accept = http.Request.Headers.Accept.ToString();
        if (accept.Contains(TaxiiMediaTypes.Taxii, StringComparison.OrdinalIgnoreCase))
        {
            return Results.Text($$"""{"title":"Not found","description":"No TAXII resource at this path.","http_status":"404"}""", TaxiiMediaTypes.Taxii21, statusCode: StatusCodes.Status404NotFound);
        }

        return TypedResults.Problem($"Nothing is served at {http.Request.Path}.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
    }
}
