using System.CommandLine;
using ReviewBot.Cards;

namespace ReviewBot.Host.Cli;

/// <summary><c>cards render NAME --data FILE [--slack]</c>: prints exactly the engine's expansion, for whoever edits templates.</summary>
internal static class CardsCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "Template name, e.g. task-rank." };
        var data = new Option<FileInfo>("--data") { Description = "JSON data to bind, e.g. cards/samples/task-rank.data.json.", Required = true };
        var slack = new Option<bool>("--slack") { Description = "Render the Block Kit template instead of the Adaptive Card." };
        var render = new Command("render", "Expand a card template with data and print the result.") { name, data, slack };
        render.SetAction(parse =>
        {
            try
            {
                CardsCli.Render(parse.GetRequiredValue(name), parse.GetRequiredValue(data).FullName, parse.GetValue(slack), Console.Out);
                return 0;
            }
            catch (CardTemplateException e)
            {
                Console.Error.WriteLine(e.Message);
                return 1;
            }
        });
        return new Command("cards", "Card templates.") { render };
    }
}
