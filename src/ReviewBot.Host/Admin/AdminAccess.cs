using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ReviewBot.Host.Configuration;

namespace ReviewBot.Host.Admin;

/// <summary>Admin API access: <c>Authorization: Bearer &lt;Admin:ApiKey&gt;</c>. Outside Development the service
/// does not start without a key; in Development, with none, only callers on this machine are let in, so a fresh
/// install is never open to the network.</summary>
public sealed class AdminAccess(IOptionsMonitor<AdminOptions> options) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = options.CurrentValue.ApiKey;
        if (string.IsNullOrWhiteSpace(key))
        {
            return LocalCaller.IsLocal(http)
                ? next(context)
                : ValueTask.FromResult<object?>(Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Admin API is local-only",
                    detail: "Admin:ApiKey is not set, so the admin API answers callers on this machine only, and none that a proxy forwarded. " +
                        "Set Admin:ApiKey to use it from elsewhere."));
        }

        var header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        var presented = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : "";
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(key))
            ? next(context)
            : ValueTask.FromResult<object?>(Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Admin key required",
                detail: "Send the admin key as 'Authorization: Bearer <Admin:ApiKey>'."));
    }
}
