using System.Net;

namespace ReviewBot.Host;

/// <summary>
/// Whether a request comes from this machine, for what answers local callers only: the admin API with no key (in
/// Development) and the web chat outside Development. A reverse proxy on this machine, or one whose addresses
/// ASP.NET Core's forwarded-headers middleware has already trusted, makes every caller look like loopback, so a
/// request that carries a proxy's forwarding headers is never local, whatever address it came from.
/// </summary>
public static class LocalCaller
{
    // X-Original-For is what the forwarded-headers middleware leaves behind once it has replaced the address.
    private static readonly string[] ForwardingHeaders = ["Forwarded", "X-Forwarded-For", "X-Real-IP", "X-Original-For"];

    public static bool IsLocal(HttpContext context)
    {
        if (ForwardingHeaders.Any(context.Request.Headers.ContainsKey))
        {
            return false;
        }
        // In-process callers (the test host, a Unix socket) have no remote address and are local by construction.
        var remote = context.Connection.RemoteIpAddress;
        return remote is null || IPAddress.IsLoopback(remote);
    }
}
