using System.Text.Json.Nodes;
using ReviewBot.Cards;
using ReviewBot.Conversations.Chat;

namespace ReviewBot.Conversations.Tests;

/// <summary>The data the core sends binds to the card templates: every field a card shows is there.</summary>
public sealed class CardDataTests : IAsyncLifetime
{
    private readonly CoreWorld _world = new();
    private readonly CardRenderer _cards = new(CardTemplates.FromOutputDirectory());

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        await _world.Import(CoreWorld.MixedBatch());
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task Every_card_the_core_sends_renders_with_nothing_left_unfilled()
    {
        await _world.Say("test:sam", "hello");
        await _world.Press("test:sam", "profile", "submit", new JsonObject(), new { name = "Sam", credential = "NP", specialties = "", timeZone = "X", weeklyHours = "8" });
        var evaluation = (await _world.Say("test:amara", "next")).Single<SendCard>().Data;
        await _world.Press("test:amara", "task-evaluate", "submit", evaluation, new { accuracy = "9" });
        await _world.Press("test:amara", "task-evaluate", "submit", evaluation,
            new { accuracy = "1", completeness = "1", appropriateness = "1", harm = "severe", errors = "Ten times the insulin rate." });
        var ranking = (await _world.Say("test:amara", "next")).Single<SendCard>().Data;
        await _world.Press("test:amara", "task-rank", "show-form", ranking, new { form = "task-rank-form", ranking = "A>B>C" });
        await _world.Press("test:amara", "task-rank", "submit", ranking, new { ranking = "A>C>B", rationale = "B doubles warfarin.", harmful = "B" });
        await _world.Say("test:amara", "status");
        await _world.Say("test:amara", "profile");
        await _world.Say("test:amara", "help");
        var forPriya = (await _world.Say("test:priya", "next")).Single<SendCard>().Data;
        await _world.Say("test:lead", "progress mixed");
        await _world.Say("test:lead", "remind mixed");
        await _world.Say("test:lead", "announce mixed");
        _world.Clock.Advance(TimeSpan.FromHours(1));
        await _world.Say("test:lead", "progress mixed");
        await _world.Press("test:priya", "task-respond", "submit", forPriya, new { text = "Too late: the lease has lapsed by now." });

        var rendered = _world.Received.Select(Card).OfType<(string Name, JsonObject Data)>()
            .Select(c => (c.Name, Json: (c.Name.EndsWith("-form") ? _cards.RenderSlack(c.Name, c.Data) : _cards.RenderAdaptive(c.Name, c.Data)).ToJsonString()))
            .ToList();

        Assert.Equal(
            ["announcement", "error", "harm-alert", "help", "profile", "progress", "reminder", "status", "task-evaluate", "task-rank", "task-rank-form", "task-recorded", "task-respond", "welcome"],
            rendered.Select(c => c.Name).Distinct().Order().ToList());
        Assert.All(rendered, c => Assert.DoesNotContain("${", c.Json));
    }

    private static (string, JsonObject)? Card(Reply reply) => reply switch
    {
        SendCard c => (c.Card, c.Data),
        ReplaceCard c => (c.Card, c.Data),
        OpenForm c => (c.Card, c.Data),
        ShowFieldErrors c => (c.Card, c.Data),
        DirectMessage c => (c.Card, c.Data),
        PostToChannel c => (c.Card, c.Data),
        _ => null,
    };
}
