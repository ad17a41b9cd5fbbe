using System.Text.Json;
using System.Text.Json.Nodes;
using ReviewBot.Cards.Slack;

namespace ReviewBot.Cards;

/// <summary>Binds card data into the templates. Thread-safe; make one per set of templates.</summary>
/// <remarks>
/// The engine is the subset of Adaptive Cards Templating the templates use, and gives the same JSON as the
/// official <c>adaptivecards-templating</c> package for them:
/// <list type="bullet">
/// <item><c>${path}</c> with <c>a.b</c>, <c>a[0]</c>, <c>$root</c>, <c>$data</c>, <c>$index</c>; a string that is
/// exactly one <c>${…}</c> keeps the value's type, any other string has the values written into it; a path that
/// leads nowhere is written back as <c>${path}</c>, as the official engine does (use <c>exists</c> to avoid it).</item>
/// <item><c>$data</c> (a new data context; an array repeats the object per item, with <c>$index</c>) and
/// <c>$when</c> (the object is kept only when the expression is boolean true).</item>
/// <item>Operators <c>! == != &lt; &lt;= &gt; &gt;= &amp;&amp; ||</c>, string, number and boolean literals, and three
/// functions: <c>exists(x)</c>, <c>count(x)</c> (array items or string length) and <c>if(c, a, b)</c>.</item>
/// </list>
/// Values are bound, never evaluated: text from the data is not parsed again, so a task holding <c>${$root}</c>
/// or <c>&lt;!channel&gt;</c> shows those characters. For Block Kit, values bound into <c>mrkdwn</c> text and into
/// a message's top-level <c>text</c> are escaped, the shorthands of <see cref="BlockKitShorthands"/> are applied,
/// and Slack's limits are kept (<see cref="BlockKitLimits"/>).
/// </remarks>
public sealed class CardRenderer(CardTemplates templates)
{
    /// <summary>The Adaptive Card 1.5 for Teams and the web chat.</summary>
    public JsonNode RenderAdaptive(string name, JsonNode? data) => templates.Adaptive(name).Expand(data);

    public JsonNode RenderAdaptive(string name, JsonElement data) => RenderAdaptive(name, JsonNode.Parse(data.GetRawText()));

    /// <summary>The Block Kit message (<c>{"text", "blocks"}</c>) or modal view (<c>{"type": "modal", …}</c>)
    /// for Slack.</summary>
    public JsonNode RenderSlack(string name, JsonNode? data)
    {
        if (templates.Slack(name).Expand(data) is not JsonObject card)
            throw new CardTemplateException($"Slack template '{name}' must expand to a JSON object.");
        var offersForm = BlockKitShorthands.OffersForm(card);
        BlockKitShorthands.SerializeValues(card);
        BlockKitLimits.Apply(card, offersForm);
        BlockKitShorthands.ResolveInitialValues(card);
        return card;
    }

    public JsonNode RenderSlack(string name, JsonElement data) => RenderSlack(name, JsonNode.Parse(data.GetRawText()));
}
