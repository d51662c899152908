using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CyDef.Server.Web.Security;

/// <summary>
/// Sign-in attempts are limited per client address and user name (ASP.NET Core's rate limiter, a fixed window of one
/// minute): <c>CyDef:Ui:SignInAttemptsPerMinute</c> posts of the sign-in form (default 10), then 429 Too Many Requests
/// with RFC 9457 problem details and <c>Retry-After</c> until the minute ends. Guessing one user's password from one
/// client is slowed down, and other users signing in from the same address are not locked out. Showing the form
/// (GET) is not limited.
/// </summary>
public static class SignInRateLimit
{
    /// <summary>The rate limiter policy of the sign-in page.</summary>
    public const string Policy = "cydef-signin";

    /// <summary>The configuration key of the attempts allowed per minute, per client and user name.</summary>
    public const string AttemptsKey = "CyDef:Ui:SignInAttemptsPerMinute";

    /// <summary>The form field of the user name (the sign-in form's model is <c>Input</c>).</summary>
    public const string UserNameField = "Input.UserName";

    /// <summary>Registers the policy.</summary>
    /// <param name="services">The node's services.</param>
    /// <param name="configuration">The node's configuration.</param>
    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var attempts = configuration.GetValue(AttemptsKey, 10);
        if (attempts < 1)
        {
            throw new InvalidOperationException($"{AttemptsKey}: must be at least 1, not {attempts}");
        }

        return services.AddRateLimiter(o =>
        {
            o.AddPolicy(Policy, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(PartitionOf(http), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = attempts,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter(""));
            o.OnRejected = static async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
                http.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
                await Results.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many sign-in attempts",
                    detail: $"Too many sign-in attempts for this user from this address. Try again in {retry} seconds.",
                    instance: http.Request.Path).ExecuteAsync(http).ConfigureAwait(false);
            };
        });
    }

    /// <summary>
    /// Reads the sign-in form ahead of the limiter (asynchronously, so that the limiter's partition can name the user
    /// from the buffered form), then applies the rate limiter. Call after routing, before the endpoints.
    /// </summary>
    /// <param name="app">The node's application.</param>
    public static WebApplication UseSignInRateLimit(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(static async (http, next) =>
        {
            if (HttpMethods.IsPost(http.Request.Method) && http.Request.Path.Equals(WebUi.SignInPath, StringComparison.OrdinalIgnoreCase) && http.Request.HasFormContentType)
            {
                await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
            }

            await next(http).ConfigureAwait(false);
        });
        app.UseRateLimiter();
        return app;
    }

    private static string PartitionOf(HttpContext http)
    {
        var user = http.Request.HasFormContentType && http.Request.Form.TryGetValue(UserNameField, out var name) ? name.ToString().Trim().ToUpperInvariant() : "";
        return $"{http.Connection.RemoteIpAddress}\n{user}";
    }
}
