using Microsoft.Extensions.Options;
using ReviewBot.Cards;
using ReviewBot.Conversations;
using ReviewBot.Conversations.Chat;
using ReviewBot.Conversations.Leads;
using ReviewBot.Conversations.People;
using ReviewBot.Conversations.Safety;
using ReviewBot.Conversations.Work;
using ReviewBot.Host.Configuration;
using ReviewBot.Host.Downloads;
using ReviewBot.Host.Scheduling;
using ReviewBot.Answers;
using ReviewBot.Reviewers;
using ReviewBot.Storage;

namespace ReviewBot.Host.Chat;

public static class ConversationServices
{
    /// <summary>The conversation core and what carries its replies: templates, the router, the outbox.</summary>
    public static IServiceCollection AddConversations(this IServiceCollection services)
    {
        services.AddOptions<RolesOptions>().BindConfiguration("Roles");
        services.AddOptions<RemindersOptions>().BindConfiguration("Reminders").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var reminders = sp.GetRequiredService<IOptions<RemindersOptions>>().Value;
            return new ReminderPolicy
            {
                FirstNudge = TimeSpan.FromHours(reminders.FirstNudgeHours),
                Repeat = TimeSpan.FromHours(reminders.RepeatHours),
                MaxNudges = reminders.MaxNudges,
            };
        });
        services.AddSingleton(_ => CardTemplates.FromOutputDirectory());
        services.AddSingleton<CardRenderer>();
        services.AddSingleton<TemplateVersions>();
        services.AddSingleton(sp =>
        {
            var roles = sp.GetRequiredService<IOptions<RolesOptions>>().Value;
            return new LeadRoster(roles.Leads, roles.LeadChannel, roles.TeamChannel);
        });
        services.AddSingleton<SignedDownloadLinks>();
        services.AddSingleton<IDownloadLinks>(sp => sp.GetRequiredService<SignedDownloadLinks>());
        services.AddSingleton<ReminderReach>();
        services.AddSingleton<WeekLedger>();
        services.AddSingleton<HarmEscalation>();
        services.AddSingleton<IAnswerFollowUps>(sp => sp.GetRequiredService<HarmEscalation>());
        // Here, not beside the other domain services: an answer needs its follow-ups, which only the service delivers.
        services.AddSingleton<AnswerRecorder>();
        services.AddSingleton<ReminderCheck>();
        services.AddSingleton<LapseNotices>();
        services.AddSingleton<TaskLoop>();
        services.AddSingleton<Onboarding>();
        services.AddSingleton<MyWork>();
        services.AddSingleton<Statements>();
        services.AddSingleton<ProgressCard>();
        services.AddSingleton<LeadDesk>();
        services.AddSingleton<QualityDesk>();
        services.AddSingleton<ScheduledPosts>();
        services.AddSingleton(sp => Conversation.Route(
            new ChatRouter(sp.GetRequiredService<IReviewerStore>(), sp.GetRequiredService<LeadRoster>()),
            sp.GetRequiredService<TaskLoop>(), sp.GetRequiredService<Onboarding>(), sp.GetRequiredService<MyWork>(), sp.GetRequiredService<Statements>(),
            sp.GetRequiredService<LeadDesk>(), sp.GetRequiredService<ScheduledPosts>(), sp.GetRequiredService<QualityDesk>()));
        services.AddSingleton<RedisOutbox>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<OutboxSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSweeper>());
        services.AddSingleton<EventOnce>();
        services.AddSingleton<IScheduledMessages, ScheduledMessages>();
        services.AddSingleton<IEventOnce>(sp => sp.GetRequiredService<EventOnce>());
        services.AddSingleton<IReachLost, ReachLost>();
        services.AddSingleton<ChatTurns>();
        services.AddSingleton<IChatTurns>(sp => sp.GetRequiredService<ChatTurns>());
        return services;
    }
}
