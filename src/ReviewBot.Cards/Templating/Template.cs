using System.Text.Json.Nodes;

namespace ReviewBot.Cards.Templating;

/// <summary>A compiled template: expanding it binds one data document, leaving the template untouched, so one
/// instance serves every render on every thread.</summary>
internal sealed class Template
{
    private readonly TemplateNode _root;

    private Template(string name, TemplateNode root)
    {
        Name = name;
        _root = root;
    }

    public string Name { get; }

    public static Template Compile(string name, JsonNode json, bool escapeMrkdwn)
    {
        try
        {
            return new Template(name, TemplateCompiler.CompileTemplate(json, escapeMrkdwn));
        }
        catch (CardTemplateException e)
        {
            throw new CardTemplateException($"Template '{name}': {e.Message}");
        }
    }

    public JsonNode Expand(JsonNode? data) =>
        _root.Expand(new Scope(data, Values.FromNode(data), null))
        ?? throw new CardTemplateException($"Template '{Name}' expanded to nothing: its top-level $when was false.");
}
