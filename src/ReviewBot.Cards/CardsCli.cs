using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReviewBot.Cards;

/// <summary><c>cards render NAME --data FILE [--slack]</c>: for whoever edits a template, the engine's
/// expansion of it with that data, exactly as the renderer returns it and nothing after it.</summary>
public static class CardsCli
{
    /// <exception cref="CardTemplateException">Unknown card, unreadable data or a broken template; the message
    /// says which.</exception>
    public static void Render(string name, string dataFile, bool slack, TextWriter output)
    {
        JsonNode? data;
        try
        {
            data = JsonNode.Parse(File.ReadAllText(dataFile));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new CardTemplateException($"Cannot read card data from '{dataFile}': {e.Message}");
        }
        var renderer = new CardRenderer(CardTemplates.Locate());
        var card = slack ? renderer.RenderSlack(name, data) : renderer.RenderAdaptive(name, data);
        output.Write(CardJson.ToJson(card, indented: true));
    }
}
