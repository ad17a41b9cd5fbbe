using System.Text.Json.Nodes;
using ReviewBot.Channels.Slack.Api;
using ReviewBot.Conversations.Chat;

namespace ReviewBot.Channels.Slack.Replies;

/// <summary>The app's Home tab: what the core answers to <c>status</c> (my open tasks, this week's time and
/// earnings; for someone new, the welcome and profile), published as the person's home view.</summary>
public sealed class SlackHome(SlackApi api, SlackReplies replies)
{
    private const int HomeBlocks = 100;

    public Task PublishAsync(string userId, IReadOnlyList<Reply> answer, CancellationToken cancellationToken)
    {
        var blocks = new JsonArray();
        foreach (var reply in answer)
        {
            switch (reply)
            {
                case SendCard card when replies.Render(card.Card, card.Data)["blocks"] is JsonArray cardBlocks:
                    var moved = cardBlocks.ToList();
                    cardBlocks.Clear();
                    moved.ForEach(blocks.Add);
                    break;
                case SendText or Ephemeral:
                    var text = reply is SendText said ? said.Text : ((Ephemeral)reply).Text;
                    blocks.Add(new JsonObject
                    {
                        ["type"] = "section",
                        ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = SlackText.Escape(text), ["verbatim"] = true },
                    });
                    break;
            }
        }
        while (blocks.Count > HomeBlocks)
        {
            blocks.RemoveAt(blocks.Count - 1);
        }
        return api.PublishHomeAsync(userId, new JsonObject { ["type"] = "home", ["blocks"] = blocks }, cancellationToken);
    }
}
