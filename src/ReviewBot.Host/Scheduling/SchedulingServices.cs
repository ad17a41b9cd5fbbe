using Quartz;

namespace ReviewBot.Host.Scheduling;

public static class SchedulingServices
{
    /// <summary>Quartz runs the sweep; what must survive a restart is in Redis, so Quartz keeps nothing of its own.</summary>
    public static IServiceCollection AddReviewBotScheduling(this IServiceCollection services)
    {
        services.AddSingleton<ScheduledDeliveries>();
        services.AddQuartz(quartz =>
        {
            var sweep = new JobKey("due-deliveries");
            quartz.AddJob<DueDeliveriesJob>(job => job.WithIdentity(sweep));
            quartz.AddTrigger(trigger => trigger.ForJob(sweep).StartNow()
                .WithSimpleSchedule(schedule => schedule.WithInterval(TimeSpan.FromSeconds(2)).RepeatForever()));
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        return services;
    }
}
