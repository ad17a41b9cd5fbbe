using System.Text;
using System.Text.Json;
using ReviewBot.Channels.Slack.Inbound;
using ReviewBot.Channels.Slack.Tests.Support;

namespace ReviewBot.Channels.Slack.Tests;

/// <summary>Slack's own recorded payloads read into the receiver's types, with what the core needs from each.</summary>
public sealed class FixtureParsingTests
{
    [Fact]
    public void Every_fixture_parses()
    {
        var parsed = Repo.Fixtures("*.json").Select(Parse).ToList();
        Assert.Equal(5, parsed.Count);
        Assert.DoesNotContain(parsed, p => p is Unhandled);
    }

    [Fact]
    public void A_button_press_on_the_home_tab_says_who_pressed_what_with_a_trigger_for_a_modal()
    {
        var press = Assert.IsType<Interaction>(Parse(Repo.Fixture("block_actions.json")));
        Assert.Equal(("block_actions", "U123", "987196394372.3485157640.efe5ca926abc9dadb0371534fff4326e"), (press.Type, press.User.Id, press.TriggerId));
        Assert.Equal(("view", "home"), (press.Container?.Type, press.View?.Type));
        var action = Assert.Single(press.Actions!);
        Assert.Equal(("home_button_1", "create_task"), (action.ActionId, action.Value));
        // Not one of ours: its value is not a card's submission data, so the core never sees it.
        Assert.Null(SlackChatEvents.FromButton(action.Value));
    }

    [Fact]
    public void A_modal_submission_brings_its_metadata_and_every_input_by_block()
    {
        var submission = Assert.IsType<Interaction>(Parse(Repo.Fixture("view_submission.json")));
        Assert.Equal(("view_submission", "U123", "request-modal"), (submission.Type, submission.User.Id, submission.View?.CallbackId));
        Assert.Equal("https://hooks.slack.com/commands/T123/977578904577/NfI6RdDqrYDC8Pjzo01xgLQ3", submission.View!.PrivateMetadata);
        Assert.Equal("test test test", submission.View.State!.Values!["request-block"]["request-action"].GetProperty("value").GetString());
    }

    [Fact]
    public void A_closed_modal_is_read_and_needs_nothing_done()
    {
        var closed = Assert.IsType<Interaction>(Parse(Repo.Fixture("view_closed.json")));
        Assert.Equal(("view_closed", "U123", "V123"), (closed.Type, closed.User.Id, closed.View?.Id));
    }

    [Fact]
    public void A_mention_and_a_channel_message_carry_the_event_id_the_person_the_channel_and_the_words()
    {
        var mention = Assert.IsType<EventCallback>(Parse(Repo.Fixture("event_app_mention.json")));
        Assert.Equal(("EvV1KV8BM3", "app_mention", "U234", "C123"), (mention.EventId, mention.Event.Type, mention.Event.User, mention.Event.Channel));
        Assert.Equal("test", SlackChatEvents.WithoutMentions(mention.Event.Text!));

        var message = Assert.IsType<EventCallback>(Parse(Repo.Fixture("event_message_channel.json")));
        Assert.Equal(("EvV1KA7U3A", "message", "channel"), (message.EventId, message.Event.Type, message.Event.ChannelType));
    }

    [Fact]
    public void Slacks_signing_example_body_is_a_slash_command()
    {
        var command = Assert.IsType<SlashCommand>(SlackRequests.FromHttp("application/x-www-form-urlencoded",
            File.ReadAllBytes(Repo.Fixture("signing-example.txt"))));
        Assert.Equal(("/webhook-collect", "U2CERLKJA", "G8PSS9T3V", ""), (command.Command, command.UserId, command.ChannelId, command.Text));
        Assert.Equal("https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN", command.ResponseUrl);
    }

    [Fact]
    public void An_interactive_payload_arrives_url_encoded_in_the_payload_field()
    {
        var json = File.ReadAllText(Repo.Fixture("view_submission.json"));
        var form = Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(json));
        Assert.IsType<Interaction>(SlackRequests.FromHttp("application/x-www-form-urlencoded", form));
    }

    /// <summary>As Slack sends each: events as a JSON body, interactive payloads in the <c>payload</c> form field.</summary>
    private static SlackRequest Parse(string path)
    {
        var json = File.ReadAllText(path);
        var root = JsonSerializer.Deserialize<JsonElement>(json);
        return root.TryGetProperty("event", out _)
            ? SlackRequests.FromHttp("application/json", Encoding.UTF8.GetBytes(json))
            : SlackRequests.FromHttp("application/x-www-form-urlencoded", Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(json)));
    }
}
