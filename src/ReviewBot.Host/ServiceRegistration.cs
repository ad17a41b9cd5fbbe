using Microsoft.Extensions.Options;
using ReviewBot.Answers;
using ReviewBot.Assignments;
using ReviewBot.Host.Configuration;
using ReviewBot.Host.Storage;
using ReviewBot.Pay;

namespace ReviewBot.Host;

public static class ServiceRegistration
{
    /// <summary>Everything both the service and the command line need: configuration, the store, the domain.</summary>
    public static IServiceCollection AddReviewBot(this IServiceCollection services)
    {
        services.AddOptions<PayOptions>().BindConfiguration("Pay").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ReviewersOptions>().BindConfiguration("Reviewers").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddReviewBotStorage();
        services.AddSingleton(sp => new PayRates(sp.GetRequiredService<IOptions<PayOptions>>().Value.HourlyByCredential));
        services.AddSingleton(sp => new WorkRules
        {
            DefaultWeeklyHours = sp.GetRequiredService<IOptions<ReviewersOptions>>().Value.DefaultWeeklyHours,
            WeekStartsOn = sp.GetRequiredService<IOptions<PayOptions>>().Value.WeekStartsOn,
        });
        services.AddSingleton<TaskDispatcher>();
        services.AddSingleton<Admin.BatchImports>();
        return services;
    }

    /// <summary>The service's admin API only: the command line opens the store directly, as whoever may run the binary
    /// there, and needs no key.</summary>
    public static IServiceCollection AddAdminAccess(this IServiceCollection services)
    {
        services.AddOptions<AdminOptions>().BindConfiguration("Admin")
            .Validate<IHostEnvironment>((admin, environment) => environment.IsDevelopment() || !string.IsNullOrWhiteSpace(admin.ApiKey),
                AdminOptions.MissingKey)
            .ValidateOnStart();
        return services;
    }
}
