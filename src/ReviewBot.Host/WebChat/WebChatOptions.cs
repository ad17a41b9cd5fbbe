namespace ReviewBot.Host.WebChat;

/// <summary>WebChat:* — the local web chat (<c>GET /</c>, <c>/chat/*</c>). It lets anyone who reaches the port act
/// as anyone on the roster, so it is a Development tool unless someone turns it on deliberately.</summary>
public sealed class WebChatOptions
{
    /// <summary>Unset: on in Development only. True or false: on or off in every environment.</summary>
    public bool? Enabled { get; set; }

    public bool IsOnIn(IHostEnvironment environment) => Enabled ?? environment.IsDevelopment();
}
