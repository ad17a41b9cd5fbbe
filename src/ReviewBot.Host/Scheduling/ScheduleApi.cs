using Microsoft.AspNetCore.Http.HttpResults;
using ReviewBot.Conversations.Chat;
using ReviewBot.Conversations.Leads;
using ReviewBot.Host.Admin;
using ReviewBot.Host.Chat;

namespace ReviewBot.Host.Scheduling;

/// <summary><c>GET /api/schedule</c>: everything in the outboxes: waiting for its time, in flight, or parked after
/// too many failed sends (what someone must look at).</summary>
public static class ScheduleApi
{
    public static IEndpointRouteBuilder MapScheduleApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/schedule").AddEndpointFilter<AdminAccess>().MapGet("/", List);
        return app;
    }

    public sealed record ScheduleEntry(string Id, string State, DateTimeOffset At, int Failures, string Kind, string To, string? Card);

    private static async Task<Ok<List<ScheduleEntry>>> List(IScheduledMessages schedule, CancellationToken cancellationToken) =>
        TypedResults.Ok((await schedule.ListAsync(cancellationToken)).Select(m => new ScheduleEntry(
            m.Id, m.State.ToString(), m.At, m.Failures, m.Reply.GetType().Name, Outbox.TargetOf(m.Reply),
            m.Reply switch { PostToChannel p => p.Card, DirectMessage d => d.Card, _ => null })).ToList());
}
