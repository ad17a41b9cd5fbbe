using System.Globalization;
using System.Net;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.Logging;
using ReviewBot.Channels.Teams.Bot;
using ReviewBot.Channels.Teams.People;
using ReviewBot.Conversations.Chat;

namespace ReviewBot.Channels.Teams.Sending;

/// <summary>
/// Sends outside a turn (the outbox: replies for other people, reminders, announcements, harm alerts) within Teams'
/// limits (DESIGN §13): at most 7 messages a second into one conversation and 30 a second for one tenant, spaced here
/// rather than refused there; 429, 412, 502 and 504 are tried again after Retry-After when Teams gives one, else after
/// an exponential backoff with jitter, up to <see cref="MaxAttempts"/> times and 30 s of waiting in all, well inside the
/// outbox's claim on the message (then the outbox tries again later);
/// 403 MessageWritesBlocked becomes <see cref="TeamsBlockedException"/>, for the delivery to stop writing to that person.
/// </summary>
public sealed class TeamsSender(CachedBotAuthentication authentication, TimeProvider clock, ILogger<TeamsSender> logger)
{
    public const int MaxAttempts = 5;
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    private readonly Pacing _perConversation = Pacing.PerSecond(7, clock);
    private readonly Pacing _perTenant = Pacing.PerSecond(30, clock);

    /// <summary>Sends into the conversation of <paramref name="where"/>; returns the id Teams gave the message.</summary>
    public async Task<string?> SendAsync(ConversationReference where, Microsoft.Bot.Schema.Activity message, CancellationToken cancellationToken)
    {
        var connector = await authentication.ConnectorAsync(where.ServiceUrl, cancellationToken);
        message.ApplyConversationReference(where);
        var response = await WithRetriesAsync(where.Conversation.Id, where.Conversation.TenantId,
            () => connector.Conversations.SendToConversationAsync(where.Conversation.Id, message, cancellationToken), cancellationToken);
        return response?.Id;
    }

    /// <summary>Opens (or finds: Teams answers with the same id) the personal chat between the bot and this person.</summary>
    public async Task<ConversationReference> OpenPersonalChatAsync(TeamsAccount account, CancellationToken cancellationToken)
    {
        var connector = await authentication.ConnectorAsync(account.ServiceUrl, cancellationToken);
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = account.BotId is null ? null : new ChannelAccount(account.BotId),
            Members = [new ChannelAccount(account.Id, account.Name)],
            TenantId = account.TenantId,
            ChannelData = new TeamsChannelData { Tenant = new TenantInfo(account.TenantId) },
        };
        var created = await WithRetriesAsync(account.Id, account.TenantId,
            () => connector.Conversations.CreateConversationAsync(parameters, cancellationToken), cancellationToken);
        return new ConversationReference
        {
            ChannelId = "msteams",
            ServiceUrl = account.ServiceUrl,
            Bot = parameters.Bot,
            User = new ChannelAccount(account.Id, account.Name),
            Conversation = new ConversationAccount(isGroup: false, conversationType: "personal", id: created.Id, tenantId: account.TenantId),
        };
    }

    private async Task<T> WithRetriesAsync<T>(string conversation, string? tenant, Func<Task<T>> send, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        for (var attempt = 1; ; attempt++)
        {
            await _perConversation.WaitAsync(conversation, cancellationToken);
            await _perTenant.WaitAsync(tenant ?? "", cancellationToken);
            try
            {
                return await send();
            }
            catch (ErrorResponseException e) when (e.Response?.StatusCode == HttpStatusCode.Forbidden && e.Response.Content?.Contains("MessageWritesBlocked") == true)
            {
                throw new TeamsBlockedException(conversation, e);
            }
            catch (ErrorResponseException e) when (IsWorthRetrying(e.Response?.StatusCode) && attempt < MaxAttempts
                && waited + (RetryAfter(e.Response!) ?? TimeSpan.Zero) <= LongestWait)
            {
                var wait = RetryAfter(e.Response!) ?? Backoff(attempt);
                waited += wait;
                logger.LogWarning("Teams answered {Status} to a send into {Conversation} (attempt {Attempt}); trying again in {Wait}.",
                    (int)e.Response!.StatusCode, conversation, attempt, wait);
                await Task.Delay(wait, clock, cancellationToken);
            }
        }
    }

    private static bool IsWorthRetrying(HttpStatusCode? status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout;

    private TimeSpan? RetryAfter(Microsoft.Rest.HttpResponseMessageWrapper response)
    {
        if (response.Headers is null || !response.Headers.TryGetValue("Retry-After", out var values) || values.FirstOrDefault() is not { } value)
        {
            return null;
        }
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(Math.Clamp(seconds, 0, LongestWait.TotalSeconds));
        }
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? TimeSpan.FromTicks(Math.Clamp((at - clock.GetUtcNow()).Ticks, 0, LongestWait.Ticks))
            : null;
    }

    /// <summary>0.5 s, 1 s, 2 s… each with up to half again at random, so that many senders do not retry in step.</summary>
    private static TimeSpan Backoff(int attempt)
    {
        var wait = FirstBackoff * Math.Pow(2, attempt - 1);
        return TimeSpan.FromTicks(Math.Min(LongestWait.Ticks, (long)(wait.Ticks * (1 + Random.Shared.NextDouble() / 2))));
    }
}

/// <summary>Teams said the bot may not write to this person any more: they blocked or removed the app.</summary>
public sealed class TeamsBlockedException(string conversation, Exception inner)
    : Exception($"Teams refused a message into {conversation}: MessageWritesBlocked.", inner);
