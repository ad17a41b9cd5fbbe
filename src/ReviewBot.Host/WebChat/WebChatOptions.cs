namespace ReviewBot.Host.WebChat;

/// <summary>WebChat:* — the local web chat (<c>GET /</c>, <c>/chat/*</c>). It lets anyone who reaches it act as
/// anyone on the roster and lists the roster with credentials, so it is a Development tool unless someone turns it on
/// deliberately, and then it answers callers on this machine only.</summary>
public sealed class WebChatOptions
{
    /// <summary>Unset: on in Development only. True or false: on or off in every environment.</summary>
    public bool? Enabled { get; set; }

    public bool IsOnIn(IHostEnvironment environment) => Enabled ?? environment.IsDevelopment();

    /// <summary>Outside Development, on means on for this machine (<see cref="LocalCaller"/>).</summary>
    public static bool IsLocalOnlyIn(IHostEnvironment environment) => !environment.IsDevelopment();
}
