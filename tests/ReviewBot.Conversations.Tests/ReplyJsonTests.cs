using System.Text.Json.Nodes;
using ReviewBot.Conversations.Chat;

namespace ReviewBot.Conversations.Tests;

/// <summary>Replies wait in the outbox and answer a platform's retry as JSON: every kind comes back as it was.</summary>
public sealed class ReplyJsonTests
{
    private static readonly DateTimeOffset Later = new(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(-6));

    public static TheoryData<Reply> EveryKind() =>
    [
        new SendCard("task-rank", new JsonObject { ["batchId"] = "b1", ["responses"] = new JsonArray("A", "B") }),
        new SendText("Here is your next task."),
        new ReplaceCard("task-recorded", new JsonObject { ["skipped"] = false }),
        new OpenForm("task-rank-form", new JsonObject { ["values"] = new JsonObject { ["ranking"] = "A>B" } }),
        new ShowFieldErrors("task-respond", new JsonObject { ["errors"] = new JsonObject { ["text"] = "Too short." } },
            new Dictionary<string, string> { ["text"] = "Too short." }),
        new Ephemeral("Your task is in your direct messages with me."),
        new PostToChannel("slack:C0123", "announcement", new JsonObject { ["title"] = "${$root} <!channel>" }, Later),
        new DirectMessage("teams:29:abc", "reminder", new JsonObject { ["openCount"] = 1 }),
        new ShareFile("b1", ReviewBot.Exports.DatasetFormat.Dpo, "b1.dpo.jsonl", "export", new JsonObject { ["url"] = "https://x.example/d" }),
        new DirectText("web:lead", "Sam declared NP."),
    ];

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void Every_kind_of_reply_comes_back_from_its_json_as_it_was(Reply reply)
    {
        var json = reply.ToJson();
        var back = Reply.FromJson(json);

        Assert.Equal(reply.GetType(), back.GetType());
        Assert.Equal(json, back.ToJson());
        Assert.DoesNotContain('\n', json);
    }
}
