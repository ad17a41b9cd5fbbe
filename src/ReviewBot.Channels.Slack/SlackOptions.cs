using Microsoft.Extensions.Options;

namespace ReviewBot.Channels.Slack;

/// <summary>Slack:* (DESIGN §6). Slack is on when a bot token is set; requests then come over HTTP to
/// <c>/slack/events</c> (checked with the signing secret), over Socket Mode (with an app-level token), or both.</summary>
public sealed class SlackOptions
{
    public const string SlackApiBaseUrl = "https://slack.com/api/";

    /// <summary>The bot token (<c>xoxb-…</c>, OAuth &amp; Permissions) every Web API call is made with.</summary>
    public string? BotToken { get; set; }
    /// <summary>Basic Information → Signing Secret: every request to <c>/slack/events</c> is checked with it.</summary>
    public string? SigningSecret { get; set; }
    /// <summary>An app-level token (<c>xapp-…</c>, scope <c>connections:write</c>): Socket Mode, no public URL needed.</summary>
    public string? AppToken { get; set; }
    /// <summary>Where the Web API is; tests point it at a loopback fake.</summary>
    public string ApiBaseUrl { get; set; } = SlackApiBaseUrl;

    public bool IsOn => !string.IsNullOrWhiteSpace(BotToken);
    public bool TakesRequests => IsOn && !string.IsNullOrWhiteSpace(SigningSecret);
    public bool UsesSocketMode => IsOn && !string.IsNullOrWhiteSpace(AppToken);

    public Uri ApiBase => new(ApiBaseUrl.EndsWith('/') ? ApiBaseUrl : ApiBaseUrl + "/");
}

/// <summary>A Slack setting that cannot work stops the service at start, naming the key.</summary>
internal sealed class SlackOptionsCheck : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var problems = new List<string>();
        var anySet = !string.IsNullOrWhiteSpace(options.SigningSecret) || !string.IsNullOrWhiteSpace(options.AppToken);
        if (!options.IsOn && anySet)
        {
            problems.Add("Slack:BotToken is not set: Slack needs the bot token (xoxb-…, under OAuth & Permissions) to answer anyone.");
        }
        if (options.IsOn && !anySet)
        {
            problems.Add("Slack:SigningSecret is not set: requests to /slack/events cannot be checked. Set it (Basic Information → Signing Secret), " +
                "or set Slack:AppToken to use Socket Mode.");
        }
        if (options.UsesSocketMode && !options.AppToken!.StartsWith("xapp-", StringComparison.Ordinal))
        {
            problems.Add("Slack:AppToken must be an app-level token (xapp-…, Basic Information → App-Level Tokens, scope connections:write).");
        }
        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var api) || api.Scheme is not ("http" or "https"))
        {
            problems.Add($"Slack:ApiBaseUrl must be an absolute http(s) URL such as {SlackOptions.SlackApiBaseUrl}.");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
