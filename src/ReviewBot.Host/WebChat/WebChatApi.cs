using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using ReviewBot.Conversations.Chat;
using ReviewBot.Host.Chat;
using ReviewBot.Reviewers;

namespace ReviewBot.Host.WebChat;

/// <summary>
/// The local web chat (DESIGN §5): <c>GET /</c> is the page, <c>/chat/*</c> what it talks to. It translates between
/// the page and the core and decides nothing itself. Off unless the environment is Development or WebChat:Enabled
/// is true; when off, none of its routes exist. It believes whichever user the page names, so outside Development
/// it answers callers on this machine only.
/// </summary>
public static partial class WebChatApi
{
    private const int MaxTextLength = 4000;
    private const int MaxNameLength = 120;

    /// <summary>The page, its script and styles, and the official renderer copied from node_modules at build.</summary>
    private static string WebRoot => Path.Combine(AppContext.BaseDirectory, "wwwroot");

    public static IServiceCollection AddWebChat(this IServiceCollection services)
    {
        services.AddOptions<WebChatOptions>().BindConfiguration("WebChat").ValidateOnStart();
        services.AddSingleton<ChatLog>();
        services.AddSingleton<WebMessages>();
        services.AddSingleton<ChatAccess>();
        services.AddSingleton<WebChatTurn>();
        // Whatever the switch says: web keys exist only where the web chat was used, and what is sent to them waits in
        // their conversation's log until the page is on again.
        services.AddSingleton<IChannelDelivery, WebChatDelivery>();
        return services;
    }

    public static WebApplication MapWebChat(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<WebChatOptions>>().Value.IsOnIn(app.Environment))
        {
            return app;
        }
        if (WebChatOptions.IsLocalOnlyIn(app.Environment))
        {
            // Before the static files, so that the page and its script are refused as well as its routes.
            app.UseWhen(IsWebChat, local => local.Use(LocalCallersOnly));
        }
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(WebRoot),
            RequestPath = "/chat/assets",
            // The page is rebuilt often while people work on it; the browser must ask again rather than keep an old script.
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });
        app.MapGet("/", Page);

        var chat = app.MapGroup("/chat");
        chat.MapGet("/people", People);
        chat.MapGet("/panes", Panes);
        chat.MapGet("/messages", Messages);
        chat.MapPost("/messages", Post);
        return app;
    }

    private static bool IsWebChat(HttpContext context) =>
        context.Request.Path == "/" || context.Request.Path.StartsWithSegments("/chat");

    private static Task LocalCallersOnly(HttpContext context, RequestDelegate next) =>
        LocalCaller.IsLocal(context)
            ? next(context)
            : Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The web chat is local-only",
                detail: "Outside Development the web chat answers callers on this machine only, and none that a proxy forwarded: " +
                    "it lets whoever reaches it act as anyone on the roster.").ExecuteAsync(context);

    private static PhysicalFileHttpResult Page() =>
        TypedResults.PhysicalFile(Path.Combine(WebRoot, "index.html"), "text/html; charset=utf-8");

    /// <summary>Everyone on the roster the web chat can speak for (web keys), to pick who you are.</summary>
    private static async Task<Ok<List<Person>>> People(IReviewerStore reviewers, LeadRoster leads, CancellationToken cancellationToken) =>
        TypedResults.Ok((await reviewers.ListAsync(cancellationToken))
            .Where(r => ChatAccess.IsPersonKey(r.Key))
            .OrderBy(r => leads.IsLead(r.Key, r)).ThenBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase)
            .Select(r => new Person(r.Key, r.Name, r.Credential?.ToString(), r.Specialties, leads.IsLead(r.Key, r), r.Verified))
            .ToList());

    /// <summary>The conversations this person sees: their chat with the bot, the team channel, and the leads' channel
    /// for leads.</summary>
    private static async Task<Results<Ok<IReadOnlyList<Pane>>, ValidationProblem>> Panes(string? user, ChatAccess access,
        CancellationToken cancellationToken) =>
        ChatAccess.IsPersonKey(user)
            ? TypedResults.Ok(await access.PanesForAsync(user!, cancellationToken))
            : TypedResults.ValidationProblem(Invalid("user", "Give the user key of the person, e.g. web:amara."));

    /// <summary>The conversation's messages written or replaced after revision <paramref name="after"/>: the page
    /// asks with 0 when it opens and with the highest rev it has seen every second after.</summary>
    private static async Task<Results<Ok<MessagesResponse>, ValidationProblem, ProblemHttpResult>> Messages(string? conversation,
        string? user, long? after, ChatAccess access, ChatLog log, CancellationToken cancellationToken)
    {
        if (!ChatAccess.IsPersonKey(user) || string.IsNullOrEmpty(conversation))
        {
            return TypedResults.ValidationProblem(Invalid(ChatAccess.IsPersonKey(user) ? "conversation" : "user",
                "Give the conversation and the user key of the person reading it."));
        }
        if (!await access.MayUseAsync(user!, conversation, cancellationToken))
        {
            return NotTheirs(user!, conversation);
        }
        return TypedResults.Ok(new MessagesResponse(await log.SinceAsync(conversation, Math.Max(0, after ?? 0))));
    }

    private static async Task<Results<Ok<MessagesResponse>, ValidationProblem, ProblemHttpResult>> Post(PostMessageRequest body,
        ChatAccess access, IReviewerStore reviewers, WebChatTurn turn, CancellationToken cancellationToken)
    {
        if (Problems(body) is { Count: > 0 } problems)
        {
            return TypedResults.ValidationProblem(problems);
        }
        var (user, conversation) = (body.User!, body.Conversation!);
        if (!await access.MayUseAsync(user, conversation, cancellationToken))
        {
            return NotTheirs(user, conversation);
        }
        var reviewer = await reviewers.GetAsync(user, cancellationToken);
        var chatEvent = new ChatEvent
        {
            UserKey = user,
            // Scoped to the person, so that nobody reads another's answer by sending their event id.
            EventId = body.EventId is { } eventId ? $"{user}:{eventId}" : null,
            UserName = reviewer?.Name ?? body.Name?.Trim(),
            ConversationKey = conversation,
            InTeamChannel = ChatAccess.IsChannel(conversation),
            Text = body.Action is null ? body.Text!.Trim() : null,
            Action = body.Action is { } action ? new CardAction(action.Action!, action.Card, action.Data) : null,
        };
        return TypedResults.Ok(new MessagesResponse(await turn.RunAsync(chatEvent, body.MessageId ?? 0, cancellationToken)));
    }

    private static Dictionary<string, string[]> Problems(PostMessageRequest body)
    {
        var problems = new Dictionary<string, string[]>();
        if (!ChatAccess.IsPersonKey(body.User))
        {
            problems["user"] = ["Give the person's user key, e.g. web:amara."];
        }
        if (body.EventId is { } eventId && !EventIdShape().IsMatch(eventId))
        {
            problems["eventId"] = ["An event id is 1–64 letters, digits and dashes (a UUID, say)."];
        }
        if (body.Name is { Length: > MaxNameLength })
        {
            problems["name"] = [$"A name may be at most {MaxNameLength} characters."];
        }
        if (string.IsNullOrEmpty(body.Conversation))
        {
            problems["conversation"] = ["Give the conversation: the person's own key, or a channel such as web:channel:team."];
        }
        if ((body.Action is null) == string.IsNullOrWhiteSpace(body.Text))
        {
            problems["text"] = ["Send either text or a card action, not both and not neither."];
        }
        else if (body.Text is { Length: > MaxTextLength })
        {
            problems["text"] = [string.Create(CultureInfo.InvariantCulture,
                $"A message may be at most {MaxTextLength:N0} characters; this one has {body.Text.Length:N0}. Long answers go in the task card's fields.")];
        }
        else if (body.Action is { Action: null or "" })
        {
            problems["action"] = ["A card action needs its action word (submit, skip, next, start…)."];
        }
        else if (body.Action is { Data.ValueKind: not JsonValueKind.Object })
        {
            problems["action.data"] = ["A card action carries the card's data as an object, merged with the card's inputs."];
        }
        return problems;
    }

    private static Dictionary<string, string[]> Invalid(string field, string message) => new() { [field] = [message] };

    private static ProblemHttpResult NotTheirs(string user, string conversation) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your conversation",
            detail: $"{user} cannot read or write in {conversation}.");

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9-]{1,64}$")]
    private static partial System.Text.RegularExpressions.Regex EventIdShape();
}
