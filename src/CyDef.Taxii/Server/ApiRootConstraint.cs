using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CyDef.Taxii.Server;

/// <summary>
/// Matches only the names of the registry's API Roots, so that <c>/{apiRoot}/…</c> leaves every other path (the web
/// UI, the REST API, static files) to the rest of the application.
/// </summary>
internal sealed class ApiRootConstraint : IRouteConstraint
{
    public const string Name = "taxiiApiRoot";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        httpContext is null
        || (values.TryGetValue(routeKey, out var value) && value is string name
            && httpContext.RequestServices.GetRequiredService<CollectionRegistry>().FindApiRoot(name) is not null);
}
