using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReviewBot.Host.Tests;

/// <summary>The web chat's HTTP surface as its page uses it: say something, press a card's button, read a
/// conversation. Leads read the team channel; everyone reads their own conversation.</summary>
internal sealed class WebChatClient(HttpClient client, string lead = "web:lena")
{
    public async Task<JsonElement> SayAsync(string user, string text, string? eventId = null)
    {
        var response = await client.PostAsJsonAsync("/chat/messages", new { user, conversation = user, text, eventId });
        response.EnsureSuccessStatusCode();
        return await response.JsonAsync();
    }

    /// <summary>Presses a button the way the card sends it: its data with the card name, action word and version.</summary>
    public async Task<JsonElement> PressAsync(string user, string card, string action, JsonObject data)
    {
        data["card"] = card;
        data["action"] = action;
        data["templateVersion"] ??= 1;
        var response = await client.PostAsJsonAsync("/chat/messages", new { user, conversation = user, action = new { action, card, data } });
        response.EnsureSuccessStatusCode();
        return await response.JsonAsync();
    }

    public async Task<List<JsonElement>> LogAsync(string conversation)
    {
        var reader = conversation.StartsWith("web:channel:", StringComparison.Ordinal) ? lead : conversation;
        var log = await (await client.GetAsync($"/chat/messages?conversation={conversation}&user={reader}&after=0")).JsonAsync();
        return log.GetProperty("messages").EnumerateArray().ToList();
    }

    public async Task<int> CountCardsAsync(string conversation, string card) =>
        (await LogAsync(conversation)).Count(m => m.TryGetProperty("card", out var c) && c.GetString() == card);

    /// <summary>The last text the bot answered in a turn.</summary>
    public static string LastText(JsonElement turn) => turn.GetProperty("messages").EnumerateArray()
        .Last(m => m.GetProperty("from").GetString() == "bot" && m.TryGetProperty("text", out _)).GetProperty("text").GetString()!;

    /// <summary>The data a task card in the turn submits with its Submit button.</summary>
    public static JsonObject TaskSubmitData(JsonElement turn)
    {
        var card = turn.GetProperty("messages").EnumerateArray().Single(m => m.TryGetProperty("card", out var c) && c.GetString()!.StartsWith("task-"));
        var submit = JsonNode.Parse(card.GetProperty("content").GetRawText())!.Descendants()
            .Single(o => (string?)o["type"] == "Action.Submit" && (string?)o["data"]?["action"] == "submit");
        return submit["data"]!.AsObject();
    }

    /// <summary>The statement card the bot answered with, as text to search.</summary>
    public static string StatementOf(JsonElement turn) => turn.GetProperty("messages").EnumerateArray()
        .Single(m => m.TryGetProperty("card", out var c) && c.GetString() == "statement").GetProperty("content").GetRawText();

    /// <summary>The card's submit data with the clinician's inputs merged in, as the renderer sends them.</summary>
    public static JsonObject Filled(JsonObject submit, string inputs)
    {
        var filled = (JsonObject)submit.DeepClone();
        foreach (var (field, value) in JsonNode.Parse(inputs)!.AsObject())
        {
            filled[field] = value!.DeepClone();
        }
        return filled;
    }
}

internal static class JsonNodeTree
{
    public static IEnumerable<JsonObject> Descendants(this JsonNode node) => node switch
    {
        JsonObject obj => obj.Select(p => p.Value).Where(v => v is not null).SelectMany(v => v!.Descendants()).Prepend(obj),
        JsonArray array => array.Where(v => v is not null).SelectMany(v => v!.Descendants()),
        _ => [],
    };
}
