using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using ReviewBot.Answers;
using ReviewBot.Assignments;
using ReviewBot.Cards;
using ReviewBot.Conversations.Chat;
using ReviewBot.Conversations.Leads;
using ReviewBot.Conversations.People;
using ReviewBot.Conversations.Safety;
using ReviewBot.Conversations.Work;
using ReviewBot.Pay;
using ReviewBot.Reviewers;
using ReviewBot.Storage;
using ReviewBot.Tasks;
using ReviewBot.Testing;

namespace ReviewBot.Conversations.Tests;

/// <summary>
/// The core on a real store (embedded Garnet) with a moving clock, driven the way a channel drives it: events in,
/// replies out. It is the fake channel: it records every reply, as a channel would receive them.
/// </summary>
public sealed class CoreWorld : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 15, 0, 0, TimeSpan.Zero);

    private readonly EmbeddedGarnetServer _server = new();
    private ChatRouter _router = null!;
    private RedisOutbox _outbox = null!;

    public FakeTimeProvider Clock { get; } = new(Start);
    public ReminderPolicy Reminders { get; init; } = new();
    public List<Reply> Received { get; } = [];
    /// <summary>What the outboxes delivered after the latest event (a harm alert set off by an answer).</summary>
    public List<Reply> FollowUps { get; } = [];
    public RedisBatchStore Batches { get; private set; } = null!;
    public RedisReviewerStore Reviewers { get; private set; } = null!;
    public RedisAssignmentStore Assignments { get; private set; } = null!;
    public string? LeadChannel { get; init; } = "test:channel:leads";

    public async Task InitializeAsync()
    {
        await _server.InitializeAsync();
        Batches = new RedisBatchStore(_server.Redis);
        Reviewers = new RedisReviewerStore(_server.Redis);
        Assignments = new RedisAssignmentStore(_server.Redis);
        var rules = new WorkRules();
        var pay = new PayRates();
        var leads = new LeadRoster(["test:configured-lead"], LeadChannel, "test:channel:team");
        var recorder = new AnswerRecorder(Batches, Assignments, pay, new HarmEscalation(Reviewers, leads), Clock);
        var week = new WeekLedger(Batches, Assignments, rules, Clock);
        var tasks = new TaskLoop(new TaskDispatcher(Batches, Assignments, new RedisScreenings(_server.Redis), rules, Clock), recorder, week,
            new TemplateVersions(CardTemplates.FromOutputDirectory()), Reminders);
        _outbox = new RedisOutbox(_server.Redis);
        var desk = new LeadDesk(Batches, Reviewers, new ProgressCard(Batches, Reviewers, Clock), leads, pay,
            new ReminderReach(Batches, Assignments, Reviewers, Clock), new ExampleLinks(Clock), Clock);
        _router = Conversation.Route(new ChatRouter(Reviewers, leads), tasks,
            new Onboarding(Reviewers, Batches, leads, pay, rules),
            new MyWork(Batches, Assignments, Reviewers, week, rules, Clock),
            new Statements(Batches, Assignments, pay, rules, Clock),
            desk,
            new ScheduledPosts(new NothingScheduled()),
            new QualityDesk(Batches, Reviewers, new RedisAdjudications(_server.Redis), new RedisScreenings(_server.Redis), desk, Clock));

        await Reviewers.UpsertAsync(
        [
            Person("test:lead", "Dr. Lena Fischer", Credential.MD, lead: true),
            Person("test:amara", "Dr. Amara Osei", Credential.MD),
            Person("test:priya", "Priya Raman", Credential.NP),
        ]);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static Reviewer Person(string key, string name, Credential credential, bool lead = false) => new()
    {
        Key = key,
        Name = name,
        Credential = credential,
        Specialties = ["emergency-medicine"],
        TimeZone = "America/Chicago",
        Verified = true,
        Lead = lead,
    };

    public Task Import(Batch batch) => Batches.ImportAsync(batch);

    public Task<IReadOnlyList<Reply>> Say(string user, string text, bool inChannel = false) =>
        Send(new ChatEvent
        {
            UserKey = user,
            UserName = "Someone New",
            ConversationKey = inChannel ? "test:channel:team" : user,
            InTeamChannel = inChannel,
            Text = text,
        });

    /// <summary>Presses a card's button the way a card sends it: the card's own data merged with the inputs.</summary>
    public Task<IReadOnlyList<Reply>> Press(string user, string card, string action, JsonObject cardData, object? inputs = null, bool inChannel = false)
    {
        var data = (JsonObject)cardData.DeepClone();
        data["card"] = card;
        data["action"] = action;
        data["templateVersion"] ??= 1;
        foreach (var (name, value) in JsonSerializer.SerializeToNode(inputs ?? new { })!.AsObject())
        {
            data[name] = value?.DeepClone();
        }
        using var json = JsonDocument.Parse(data.ToJsonString());
        return Send(new ChatEvent
        {
            UserKey = user,
            UserName = "Someone New",
            ConversationKey = inChannel ? "test:channel:team" : user,
            InTeamChannel = inChannel,
            Action = new CardAction(action, card, json.RootElement.Clone()),
        });
    }

    private async Task<IReadOnlyList<Reply>> Send(ChatEvent chatEvent)
    {
        var replies = await _router.RouteAsync(chatEvent);
        Received.AddRange(replies);
        FollowUps.Clear();
        foreach (var outbox in await _outbox.AllAsync())
        {
            foreach (var message in await _outbox.ClaimDueAsync(outbox, Clock.GetUtcNow(), TimeSpan.FromMinutes(1), 100))
            {
                FollowUps.Add(Reply.FromJson(message.Json));
                await _outbox.DoneAsync(message);
            }
        }
        Received.AddRange(FollowUps);
        return replies;
    }

    public static Batch MixedBatch(string id = "mixed", int overlap = 1) => new()
    {
        Id = id,
        Name = "Mixed emergency review",
        Overlap = overlap,
        DueAt = Start.AddDays(6),
        GuidelinesUrl = "https://example.org/guidelines",
        Requirements = new Requirements { Credentials = [Credential.MD, Credential.NP], Specialties = ["emergency-medicine"] },
        Tasks =
        [
            new ClinicalTask
            {
                Id = "ev1", Kind = TaskKind.Evaluate,
                Prompt = "A 24-year-old with DKA: pH 7.08, K 3.0. How do you start insulin?",
                Response = "Start insulin at 1 unit/kg/h straight away and give bicarbonate.",
            },
            new ClinicalTask
            {
                Id = "rk1", Kind = TaskKind.Rank,
                Prompt = "A patient on warfarin needs treatment for cystitis. What do you prescribe?",
                Responses =
                [
                    new ModelResponse("A", "Nitrofurantoin for 5 days; no interaction of note with warfarin."),
                    new ModelResponse("B", "Trimethoprim-sulfamethoxazole and double the warfarin dose."),
                    new ModelResponse("C", "Fosfomycin single dose; check the INR if in doubt."),
                ],
            },
            new ClinicalTask { Id = "rs1", Kind = TaskKind.Respond, Prompt = "How do you explain a new AF diagnosis to a worried patient?" },
            new ClinicalTask { Id = "vg1", Kind = TaskKind.Vignette, Brief = "Afebrile urinary sepsis in an older adult on a beta-blocker." },
        ],
    };
}

/// <summary>Reading replies the way a person reads their screen.</summary>
public static class Replies
{
    public static T Single<T>(this IEnumerable<Reply> replies) where T : Reply => Assert.Single(replies.OfType<T>());

    public static JsonObject CardNamed(this IEnumerable<Reply> replies, string card) => replies.Select(r => r switch
    {
        SendCard c when c.Card == card => c.Data,
        ReplaceCard c when c.Card == card => c.Data,
        OpenForm c when c.Card == card => c.Data,
        ShowFieldErrors c when c.Card == card => c.Data,
        DirectMessage c when c.Card == card => c.Data,
        PostToChannel c when c.Card == card => c.Data,
        _ => null,
    }).Single(d => d is not null)!;

    public static string Text(this IEnumerable<Reply> replies) =>
        string.Join("\n", replies.Select(r => r switch { SendText t => t.Text, Ephemeral e => e.Text, DirectText d => d.Text, _ => null }).Where(t => t is not null));
}

/// <summary>The outbox as leads list it is the host's (its tests cover <c>announcements</c> and <c>cancel</c>); the
/// core's tests schedule nothing they list.</summary>
internal sealed class NothingScheduled : IScheduledMessages
{
    public Task<IReadOnlyList<ScheduledMessage>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ScheduledMessage>>([]);

    public Task<bool> CancelAsync(string id, CancellationToken cancellationToken) => Task.FromResult(false);
}

/// <summary>Download links as the host makes them, minus the signing, which the host's own tests cover.</summary>
internal sealed class ExampleLinks(TimeProvider clock) : IDownloadLinks
{
    public Task<DownloadLink?> ForExportAsync(string batchId, ReviewBot.Exports.DatasetFormat format, CancellationToken cancellationToken) =>
        Task.FromResult<DownloadLink?>(new DownloadLink(
            $"https://reviewbot.example.org/downloads/exports/{batchId}?format={ContractWords<ReviewBot.Exports.DatasetFormat>.Of(format)}",
            clock.GetUtcNow().AddMinutes(15)));
}
