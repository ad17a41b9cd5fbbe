using Prometheus;
using ReviewBot.Storage;
using ReviewBot.Tasks;

namespace ReviewBot.Host.Observability;

public static class HealthAndMetrics
{
    public static IEndpointRouteBuilder MapHealthAndMetrics(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", Health);
        app.MapMetrics("/metrics");

        // Gauges are read from the store when Prometheus scrapes, so they are right on every instance.
        var batches = app.ServiceProvider.GetRequiredService<IBatchStore>();
        var clock = app.ServiceProvider.GetRequiredService<TimeProvider>();
        Metrics.DefaultRegistry.AddBeforeCollectCallback(async cancel =>
        {
            var list = await batches.ListAsync(cancel);
            ReviewBotMetrics.Batches.Set(list.Count);
            var open = 0;
            foreach (var batch in list)
            {
                open += (await batches.GetProgressAsync(batch.Id, clock.GetUtcNow(), cancel))?.OpenAssignments ?? 0;
            }
            ReviewBotMetrics.OpenAssignments.Set(open);
        });
        return app;
    }

    private static async Task<IResult> Health(StoreConnection store) =>
        await store.PingAsync()
            ? Results.Ok(new { status = "ok", store = store.Description })
            : Results.Json(new { status = "store unreachable", store = store.Description }, statusCode: StatusCodes.Status503ServiceUnavailable);
}
