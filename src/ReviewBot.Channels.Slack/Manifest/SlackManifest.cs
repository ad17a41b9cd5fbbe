using System.CommandLine;

namespace ReviewBot.Channels.Slack.Manifest;

/// <summary>
/// The Slack app's manifest (<c>manifest/slack/manifest.yml</c>, carried in the binary): scopes, the <c>/review</c>
/// command, interactivity, events, App Home and the Socket Mode setting. Its request URLs are a placeholder that
/// <c>manifest slack --url URL</c> fills in; paste the result into "Create New App → From an app manifest".
/// </summary>
public static class SlackManifest
{
    /// <summary>The request URL written in the file, replaced by the real one.</summary>
    public const string PlaceholderUrl = "https://reviewbot.example.org/slack/events";

    public static string Template()
    {
        using var stream = typeof(SlackManifest).Assembly.GetManifestResourceStream("slack-manifest.yml")
            ?? throw new InvalidOperationException("The Slack manifest is missing from this build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The manifest for a service reached at <paramref name="url"/> (its base address, or the full
    /// <c>/slack/events</c> URL); with <paramref name="socketMode"/>, Socket Mode on (the URLs are then unused).</summary>
    public static string For(Uri url, bool socketMode)
    {
        var events = url.AbsolutePath.TrimEnd('/').EndsWith("/slack/events", StringComparison.Ordinal)
            ? url.AbsoluteUri
            : url.AbsoluteUri.TrimEnd('/') + "/slack/events";
        var manifest = Template().Replace(PlaceholderUrl, events, StringComparison.Ordinal);
        return socketMode ? manifest.Replace("socket_mode_enabled: false", "socket_mode_enabled: true", StringComparison.Ordinal) : manifest;
    }

    /// <summary><c>manifest slack --url URL [--socket-mode]</c> on the host's command line.</summary>
    public static Command Command()
    {
        var url = new Option<string>("--url") { Description = "Where Slack reaches this service over HTTPS, e.g. https://reviewbot.example.org (/slack/events is added)." };
        var socketMode = new Option<bool>("--socket-mode") { Description = "Turn on Socket Mode (Slack:AppToken): no public URL needed." };
        var slack = new Command("slack", "Print the Slack app manifest, ready to paste into api.slack.com/apps.") { url, socketMode };
        slack.SetAction(parse =>
        {
            var given = parse.GetValue(url);
            var socket = parse.GetValue(socketMode);
            if (given is null && !socket)
            {
                Console.Error.WriteLine("Say where Slack reaches this service: manifest slack --url https://your-host (or --socket-mode, with no URL).");
                return 1;
            }
            Uri? address = null;
            if (given is not null && (!Uri.TryCreate(given, UriKind.Absolute, out address) || address.Scheme != Uri.UriSchemeHttps))
            {
                Console.Error.WriteLine($"--url must be an absolute https:// URL (Slack sends requests over HTTPS only); “{given}” is not.");
                return 1;
            }
            Console.Out.Write(address is null ? For(new Uri(PlaceholderUrl), socket) : For(address, socket));
            return 0;
        });
        return slack;
    }
}
