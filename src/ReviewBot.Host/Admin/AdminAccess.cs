using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ReviewBot.Host.Configuration;

namespace ReviewBot.Host.Admin;

/// <summary>Admin API access: <c>Authorization: Bearer &lt;Admin:ApiKey&gt;</c>; with no key configured, only callers
/// on this machine are let in, so a fresh install is never open to the network.</summary>
public sealed class AdminAccess(IOptionsMonitor<AdminOptions> options) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = options.CurrentValue.ApiKey;
        if (string.IsNullOrEmpty(key))
        {
            // In-process callers (the test host, a Unix socket) have no remote address and are local by construction.
            var remote = http.Connection.RemoteIpAddress;
            return remote is null || IPAddress.IsLoopback(remote)
                ? next(context)
                : ValueTask.FromResult<object?>(Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Admin API is local-only",
                    detail: "Admin:ApiKey is not set, so the admin API answers callers on this machine only. Set Admin:ApiKey to use it remotely."));
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
