using System.ComponentModel.DataAnnotations;
using Quartz;

namespace ReviewBot.Host.Scheduling;

public static class SchedulingServices
{
    /// <summary>Quartz runs the sweep; what must survive a restart is in Redis, so Quartz keeps nothing of its own.</summary>
    public static IServiceCollection AddReviewBotScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SchedulingOptions>().BindConfiguration("Scheduling").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<SchedulingOptions>>().Value);
        var every = TimeSpan.FromSeconds(configuration.GetSection("Scheduling").Get<SchedulingOptions>()?.SweepSeconds ?? SchedulingOptions.DefaultSweepSeconds);
        services.AddQuartz(quartz =>
        {
            void Every<TJob>(string name) where TJob : IJob
            {
                var key = new JobKey(name);
                quartz.AddJob<TJob>(job => job.WithIdentity(key));
                quartz.AddTrigger(trigger => trigger.ForJob(key).StartAt(DateTimeOffset.UtcNow.Add(every))
                    .WithSimpleSchedule(schedule => schedule.WithInterval(every).RepeatForever()));
            }

            Every<DueDeliveriesJob>("due-deliveries");
            Every<LeaseExpiryJob>("lease-expiry");
            Every<DeadlineRemindersJob>("deadline-reminders");
            Every<WeeklyStatementsJob>("weekly-statements");
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        return services;
    }
}

/// <summary>Scheduling:* — how often every instance sweeps the outboxes for what is due. A turn that writes to an
/// outbox sweeps at once anyway; the periodic sweep sends what is scheduled and retries what failed.</summary>
public sealed class SchedulingOptions
{
    public const int DefaultSweepSeconds = 2;

    [Range(1, 3600)]
    public int SweepSeconds { get; set; } = DefaultSweepSeconds;

    /// <summary>How long a sweeper's claim hides a message from the others: longer than any send takes; a message
    /// whose sweeper died comes back after it.</summary>
    [Range(1, 3600)]
    public int ClaimSeconds { get; set; } = 60;
}
