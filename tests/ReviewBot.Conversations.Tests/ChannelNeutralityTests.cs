using System.Reflection;
using ReviewBot.Conversations.Chat;

namespace ReviewBot.Conversations.Tests;

public sealed class ChannelNeutralityTests
{
    [Fact]
    public void The_core_references_no_channel_assembly_and_names_no_channel_type()
    {
        var core = typeof(Conversation).Assembly;
        string[] channelWords = ["Teams", "Slack", "WebChat", "Bot.Builder", "Bot.Schema", "AspNetCore", "ReviewBot.Host"];

        var references = core.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        var types = core.GetTypes().Select(t => t.FullName!).ToList();
        var memberTypes = core.GetTypes()
            .SelectMany(t => t.GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .SelectMany(MentionedTypes).Select(t => t.FullName ?? t.Name).Distinct().ToList();

        Assert.Contains("ReviewBot.Domain", references);
        Assert.DoesNotContain(references, r => channelWords.Any(r.Contains));
        Assert.DoesNotContain(types, t => channelWords.Any(t.Contains));
        Assert.DoesNotContain(memberTypes, t => channelWords.Any(t.Contains));
    }

    [Fact]
    public async Task A_fake_channel_receives_every_kind_of_reply_the_core_can_give()
    {
        var world = new CoreWorld();
        await world.InitializeAsync();
        try
        {
            await world.Import(CoreWorld.MixedBatch());
            var evaluation = (await world.Say("test:amara", "next")).Single<SendCard>().Data;
            await world.Press("test:amara", "task-evaluate", "submit", evaluation, new { accuracy = "9" });
            await world.Press("test:amara", "task-evaluate", "submit", evaluation, new
            {
                accuracy = "1", completeness = "1", appropriateness = "1", harm = "severe", errors = "Ten times the insulin rate.",
            });
            var ranking = (await world.Say("test:amara", "next")).Single<SendCard>().Data;
            await world.Press("test:amara", "task-rank", "show-form", ranking, new { form = "task-rank-form" });
            await world.Say("test:priya", "next", inChannel: true);
            await world.Say("test:lead", "remind mixed");

            var kinds = world.Received.Select(r => r.GetType()).ToHashSet();

            Type[] vocabulary =
            [
                typeof(SendCard), typeof(SendText), typeof(ReplaceCard), typeof(OpenForm), typeof(ShowFieldErrors),
                typeof(Ephemeral), typeof(PostToChannel), typeof(DirectMessage),
            ];
            Assert.Empty(vocabulary.Except(kinds));
        }
        finally
        {
            await world.DisposeAsync();
        }
    }

    private static IEnumerable<Type> MentionedTypes(MemberInfo member) => member switch
    {
        FieldInfo f => [f.FieldType],
        PropertyInfo p => [p.PropertyType],
        MethodInfo m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType),
        ConstructorInfo c => c.GetParameters().Select(p => p.ParameterType),
        _ => [],
    };
}
