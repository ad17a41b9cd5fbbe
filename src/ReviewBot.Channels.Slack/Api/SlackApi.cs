using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ReviewBot.Channels.Slack.Api;

/// <summary>
/// The part of Slack's Web API ReviewBot uses, typed. Every call is a POST to <c>Slack:ApiBaseUrl</c> + the method,
/// with the bot token (the app-level token for <c>apps.connections.open</c>). Slack's <c>{"ok": false}</c> becomes a
/// <see cref="SlackApiException"/> with its code. A <c>429</c> is waited out for as long as <c>Retry-After</c> says
/// (up to <see cref="LongestWait"/>, a few times), and posts to one channel keep to Slack's per-channel rate; what is
/// still refused after that is a <see cref="SlackUnavailableException"/>, for the outbox to try again later.
/// </summary>
public sealed class SlackApi : IDisposable
{
    /// <summary>Longer than this, a caller (a clinician's turn, the outbox) is better off trying again later.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);
    private const int Attempts = 3;

    private readonly HttpClient _http;
    private readonly SlackOptions _options;
    private readonly ChannelPacing _pacing;
    private readonly TimeProvider _clock;
    private readonly ILogger<SlackApi> _logger;

    public SlackApi(IOptions<SlackOptions> options, ChannelPacing pacing, TimeProvider clock, ILogger<SlackApi> logger)
    {
        _options = options.Value;
        _pacing = pacing;
        _clock = clock;
        _logger = logger;
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(15),
        };
    }

    /// <summary>chat.postMessage. <paramref name="outboxId"/>, when given, rides along as message metadata, so that
    /// after a crash the message can be found in the channel's history instead of being sent again.</summary>
    public async Task<PostedMessage> PostMessageAsync(string channel, JsonObject message, string? outboxId, CancellationToken cancellationToken)
    {
        await _pacing.WaitAsync(channel, cancellationToken);
        var answer = await CallAsync("chat.postMessage", Json(writer =>
        {
            writer.WriteString("channel", channel);
            WriteMessage(writer, message);
            if (outboxId is not null)
            {
                writer.WriteStartObject("metadata");
                writer.WriteString("event_type", OutboxMetadata);
                writer.WriteStartObject("event_payload");
                writer.WriteString("outbox_id", outboxId);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
        }), _options.BotToken, cancellationToken);
        return new PostedMessage(Text(answer, "channel") ?? channel, Text(answer, "ts") ?? "");
    }

    /// <summary>The metadata event type of a message the outbox sent.</summary>
    public const string OutboxMetadata = "reviewbot_outbox";

    /// <summary>chat.update: the message at <paramref name="ts"/> becomes <paramref name="message"/>.</summary>
    public Task UpdateMessageAsync(string channel, string ts, JsonObject message, CancellationToken cancellationToken) =>
        CallAsync("chat.update", Json(writer =>
        {
            writer.WriteString("channel", channel);
            writer.WriteString("ts", ts);
            WriteMessage(writer, message);
        }), _options.BotToken, cancellationToken);

    /// <summary>chat.postEphemeral: a message only <paramref name="user"/> sees, in <paramref name="channel"/>.</summary>
    public async Task PostEphemeralAsync(string channel, string user, JsonObject message, CancellationToken cancellationToken)
    {
        await _pacing.WaitAsync(channel, cancellationToken);
        await CallAsync("chat.postEphemeral", Json(writer =>
        {
            writer.WriteString("channel", channel);
            writer.WriteString("user", user);
            WriteMessage(writer, message);
        }), _options.BotToken, cancellationToken);
    }

    /// <summary>views.open: a modal, within 3 seconds of the press whose <paramref name="triggerId"/> it uses.</summary>
    public async Task<string> OpenViewAsync(string triggerId, JsonObject view, CancellationToken cancellationToken)
    {
        var answer = await CallAsync("views.open", Json(writer =>
        {
            writer.WriteString("trigger_id", triggerId);
            writer.WritePropertyName("view");
            view.WriteTo(writer);
        }), _options.BotToken, cancellationToken);
        return answer.TryGetProperty("view", out var opened) ? Text(opened, "id") ?? "" : "";
    }

    /// <summary>views.update; with <paramref name="hash"/>, only if nobody changed the view since.</summary>
    public Task UpdateViewAsync(string viewId, JsonObject view, string? hash, CancellationToken cancellationToken) =>
        CallAsync("views.update", Json(writer =>
        {
            writer.WriteString("view_id", viewId);
            if (hash is not null)
            {
                writer.WriteString("hash", hash);
            }
            writer.WritePropertyName("view");
            view.WriteTo(writer);
        }), _options.BotToken, cancellationToken);

    /// <summary>views.publish: what <paramref name="userId"/> sees on the app's Home tab.</summary>
    public Task PublishHomeAsync(string userId, JsonObject view, CancellationToken cancellationToken) =>
        CallAsync("views.publish", Json(writer =>
        {
            writer.WriteString("user_id", userId);
            writer.WritePropertyName("view");
            view.WriteTo(writer);
        }), _options.BotToken, cancellationToken);

    /// <summary>conversations.open: the id of the direct-message channel between the bot and <paramref name="userId"/>.</summary>
    public async Task<string> OpenDirectChannelAsync(string userId, CancellationToken cancellationToken)
    {
        var answer = await CallAsync("conversations.open", Form(("users", userId)), _options.BotToken, cancellationToken);
        return answer.TryGetProperty("channel", out var channel) && Text(channel, "id") is { } id
            ? id
            : throw new SlackApiException("conversations.open", "no_channel_in_answer");
    }

    /// <summary>users.info: the person's name as their workspace shows it, and their time zone.</summary>
    public async Task<SlackUser> UserInfoAsync(string userId, CancellationToken cancellationToken)
    {
        var answer = await CallAsync("users.info", Form(("user", userId)), _options.BotToken, cancellationToken);
        var user = answer.GetProperty("user");
        var profile = user.TryGetProperty("profile", out var p) ? p : default;
        var name = new[] { Text(profile, "real_name"), Text(user, "real_name"), Text(profile, "display_name"), Text(user, "name") }
            .FirstOrDefault(n => !string.IsNullOrWhiteSpace(n));
        return new SlackUser(userId, name, Text(user, "tz"));
    }

    /// <summary>Messages in <paramref name="channel"/> since <paramref name="oldest"/> (a Slack ts), with the
    /// outbox id of those the outbox sent.</summary>
    public async Task<IReadOnlyList<HistoryMessage>> HistoryAsync(string channel, string oldest, CancellationToken cancellationToken)
    {
        var answer = await CallAsync("conversations.history",
            Form(("channel", channel), ("oldest", oldest), ("limit", "200"), ("include_all_metadata", "true")), _options.BotToken, cancellationToken);
        var messages = new List<HistoryMessage>();
        if (answer.TryGetProperty("messages", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var message in list.EnumerateArray())
            {
                var outboxId = message.TryGetProperty("metadata", out var metadata) && Text(metadata, "event_type") == OutboxMetadata
                    && metadata.TryGetProperty("event_payload", out var payload) ? Text(payload, "outbox_id") : null;
                messages.Add(new HistoryMessage(Text(message, "ts") ?? "", outboxId));
            }
        }
        return messages;
    }

    /// <summary>Slack's two-step upload: files.getUploadURLExternal gives a URL to send the bytes to, then
    /// files.completeUploadExternal shares the file in <paramref name="channel"/> with a comment.</summary>
    public async Task UploadFileAsync(string channel, string fileName, string title, byte[] content, string? comment, CancellationToken cancellationToken)
    {
        var reserved = await CallAsync("files.getUploadURLExternal",
            Form(("filename", fileName), ("length", content.Length.ToString(CultureInfo.InvariantCulture))), _options.BotToken, cancellationToken);
        var uploadUrl = Text(reserved, "upload_url") ?? throw new SlackApiException("files.getUploadURLExternal", "no_upload_url");
        var fileId = Text(reserved, "file_id") ?? throw new SlackApiException("files.getUploadURLExternal", "no_file_id");

        using (var upload = new HttpRequestMessage(HttpMethod.Post, uploadUrl) { Content = new ByteArrayContent(content) })
        {
            upload.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var sent = await _http.SendAsync(upload, cancellationToken);
            if (!sent.IsSuccessStatusCode)
            {
                throw new SlackUnavailableException("file upload", $"HTTP {(int)sent.StatusCode}");
            }
        }

        var files = new JsonArray(new JsonObject { ["id"] = fileId, ["title"] = title }).ToJsonString();
        var fields = new List<(string, string)> { ("files", files), ("channel_id", channel) };
        if (comment is not null)
        {
            fields.Add(("initial_comment", comment));
        }
        await CallAsync("files.completeUploadExternal", Form([.. fields]), _options.BotToken, cancellationToken);
    }

    /// <summary>apps.connections.open: a fresh Socket Mode WebSocket URL (app-level token).</summary>
    public async Task<Uri> OpenSocketAsync(CancellationToken cancellationToken)
    {
        var answer = await CallAsync("apps.connections.open", Form(), _options.AppToken, cancellationToken);
        return Uri.TryCreate(Text(answer, "url"), UriKind.Absolute, out var url) ? url : throw new SlackApiException("apps.connections.open", "no_url");
    }

    /// <summary>A message through a <c>response_url</c> Slack gave with a slash command or a button press (good for 30
    /// minutes): ephemeral to the person, or replacing the message the button was on.</summary>
    public async Task RespondAsync(string responseUrl, JsonObject message, bool ephemeral, bool replaceOriginal, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, responseUrl)
        {
            Content = Json(writer =>
            {
                writer.WriteString("response_type", ephemeral ? "ephemeral" : "in_channel");
                writer.WriteBoolean("replace_original", replaceOriginal);
                WriteMessage(writer, message);
            })(),
        };
        using var response = await _http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new SlackUnavailableException("response_url", $"HTTP {(int)response.StatusCode}");
        }
    }

    private async Task<JsonElement> CallAsync(string method, Func<HttpContent> content, string? token, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_options.ApiBase, method)) { Content = content() };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError && attempt < Attempts)
            {
                // Nothing reached Slack, so trying again cannot post twice.
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), _clock, cancellationToken);
                continue;
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw new SlackUnavailableException(method, e.Message, e);
            }
            using (response)
            {
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                    if (attempt >= Attempts || wait > LongestWait)
                    {
                        throw new SlackUnavailableException(method, $"rate limited, Slack asks to wait {wait.TotalSeconds:0} s");
                    }
                    _logger.LogInformation("Slack rate-limited {Method}; waiting {Seconds} s as Retry-After asks.", method, wait.TotalSeconds);
                    await Task.Delay(wait, _clock, cancellationToken);
                    continue;
                }
                if ((int)response.StatusCode >= 500)
                {
                    // Slack may have done it anyway: the outbox's own checks decide about trying again.
                    throw new SlackUnavailableException(method, $"HTTP {(int)response.StatusCode}");
                }
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                JsonElement answer;
                try
                {
                    answer = JsonSerializer.Deserialize<JsonElement>(body);
                }
                catch (JsonException e)
                {
                    throw new SlackUnavailableException(method, $"HTTP {(int)response.StatusCode} without a JSON answer", e);
                }
                if (answer.ValueKind != JsonValueKind.Object || !answer.TryGetProperty("ok", out var ok) || ok.ValueKind != JsonValueKind.True)
                {
                    throw new SlackApiException(method, Text(answer, "error") ?? "unknown_error");
                }
                return answer;
            }
        }
    }

    private static void WriteMessage(Utf8JsonWriter writer, JsonObject message)
    {
        foreach (var (name, value) in message)
        {
            writer.WritePropertyName(name);
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                value.WriteTo(writer);
            }
        }
        // Links in our messages are the Guidelines and download links: no previews filling the conversation.
        writer.WriteBoolean("unfurl_links", false);
        writer.WriteBoolean("unfurl_media", false);
    }

    private static Func<HttpContent> Json(Action<Utf8JsonWriter> write) => () =>
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }
        var content = new ByteArrayContent(buffer.GetBuffer(), 0, (int)buffer.Length);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    };

    /// <summary>Form-encoded: the methods that read, and the file methods, which refuse JSON bodies.</summary>
    private static Func<HttpContent> Form(params (string Name, string Value)[] fields) => () =>
        new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public void Dispose() => _http.Dispose();
}

public sealed record PostedMessage(string Channel, string Ts);

public sealed record SlackUser(string Id, string? Name, string? TimeZone);

public sealed record HistoryMessage(string Ts, string? OutboxId);
