using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using ReviewBot.Cards;

namespace ReviewBot.Channels.Teams.Replies;

/// <summary>
/// Our Adaptive Card templates (cards/), the Teams way: every <c>Action.Submit</c> becomes a Universal Action
/// (<c>Action.Execute</c>, answered by an <c>adaptiveCard/action</c> invoke whose response replaces the card), its verb
/// the card's action word, and carries the original <c>Action.Submit</c> as its <c>fallback</c> object, so an older
/// client that cannot run Execute still submits (as a message with a value). The official schema refuses a string
/// fallback, so it is never one.
/// </summary>
public sealed class TeamsCards(CardRenderer cards)
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>Teams refuses a message over about 28 KB (DESIGN §13); a card is measured against this before it goes.</summary>
    public const int MaxMessageBytes = 28 * 1024;

    public JsonObject Render(string card, JsonObject data)
    {
        var rendered = (JsonObject)cards.RenderAdaptive(card, data);
        ToUniversalActions(rendered);
        return rendered;
    }

    /// <summary>Room left in a message for what surrounds the card: ids, the conversation, the bot and the person.</summary>
    private const int EnvelopeBytes = 2 * 1024;

    /// <summary>The card as a message, or, when Teams would refuse it for its size, a short note in its place: cutting
    /// a card would leave one that cannot be answered. The card goes as the JSON it was rendered to (a JRaw), so
    /// Newtonsoft neither parses nor rebuilds it on the way out.</summary>
    public Microsoft.Bot.Schema.Activity Message(string card, JsonObject data)
    {
        var json = Render(card, data).ToJsonString();
        if (Encoding.UTF8.GetByteCount(json) + EnvelopeBytes > MaxMessageBytes)
        {
            return TooLarge();
        }
        var message = (Microsoft.Bot.Schema.Activity)MessageFactory.Attachment(new Attachment { ContentType = ContentType, Content = new JRaw(json) });
        message.Summary = (string?)data["batchName"];
        return message;
    }

    public static bool IsTooLarge(Microsoft.Bot.Schema.Activity message) => message.Text == TooLargeText && message.Attachments is not { Count: > 0 };

    private const string TooLargeText = "This card is too large for Teams to show. Open it in the web chat, or ask your lead.";

    private static Microsoft.Bot.Schema.Activity TooLarge() => (Microsoft.Bot.Schema.Activity)MessageFactory.Text(TooLargeText);

    /// <summary>Runs on every card sent, so the tree is walked once, without copying any object's properties first.</summary>
    private static void ToUniversalActions(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                List<string>? submits = null;
                foreach (var (name, child) in obj)
                {
                    if (IsSubmit(child))
                    {
                        (submits ??= []).Add(name);
                    }
                    else
                    {
                        ToUniversalActions(child);
                    }
                }
                foreach (var name in submits ?? [])
                {
                    obj[name] = Execute((JsonObject)obj[name]!);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (IsSubmit(array[i]))
                    {
                        array[i] = Execute((JsonObject)array[i]!);
                    }
                    else
                    {
                        ToUniversalActions(array[i]);
                    }
                }
                break;
        }
    }

    private static bool IsSubmit(JsonNode? node) => node is JsonObject action && (string?)action["type"] == "Action.Submit";

    /// <summary>The submit leaves the card, so its values move into the Execute; only the fallback is a copy.</summary>
    private static JsonObject Execute(JsonObject submit)
    {
        var fallback = (JsonObject)submit.DeepClone();
        fallback.Remove("id");
        var execute = new JsonObject { ["type"] = "Action.Execute", ["verb"] = (string?)submit["data"]?["action"] ?? "submit" };
        var values = submit.Where(p => p.Key != "type").ToList();
        submit.Clear();
        foreach (var (name, value) in values)
        {
            execute[name] = value;
        }
        execute["fallback"] = fallback;
        return execute;
    }
}
