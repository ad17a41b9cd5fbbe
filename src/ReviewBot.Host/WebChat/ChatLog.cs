using System.Text.Json;
using ReviewBot.Storage;
using StackExchange.Redis;

namespace ReviewBot.Host.WebChat;

/// <summary>The web chat's conversations in Redis (<see cref="RedisKeys.ChatMessages"/>): what a page shows when it
/// opens, and what it picks up when it asks again a second later.</summary>
public sealed class ChatLog(IConnectionMultiplexer redis)
{
    private static readonly string WriteScript = LoadScript("chat-write.lua");

    public Task<ChatMessage> AppendAsync(ChatMessage message) => WriteAsync(0, message, "")!;

    /// <summary>Appends a message from the outbox, unless the outbox delivered <paramref name="outboxId"/> before.</summary>
    public Task AppendOnceAsync(ChatMessage message, string outboxId) => WriteAsync(0, message, outboxId);

    /// <summary>Puts <paramref name="message"/> in place of message <paramref name="id"/>; null when there is none.</summary>
    public Task<ChatMessage?> ReplaceAsync(long id, ChatMessage message) => id > 0 ? WriteAsync(id, message, "") : Task.FromResult<ChatMessage?>(null);

    /// <summary>Messages written or replaced after revision <paramref name="after"/>, in conversation order.</summary>
    public async Task<IReadOnlyList<ChatMessage>> SinceAsync(string conversation, long after)
    {
        var db = redis.GetDatabase();
        // Most polls find nothing new: one GET answers them without reading the log.
        if ((long?)await db.StringGetAsync(RedisKeys.ChatSequence(conversation)) is not { } last || last <= after)
        {
            return [];
        }
        var stored = await db.ListRangeAsync(RedisKeys.ChatMessages(conversation));
        return stored.Select(s => JsonSerializer.Deserialize<ChatMessage>(s.ToString(), ReviewBotJson.Options)!)
            .Where(m => m.Rev > after)
            .ToList();
    }

    private async Task<ChatMessage?> WriteAsync(long id, ChatMessage message, string outboxId)
    {
        var body = JsonSerializer.Serialize(message with { Id = 0, Rev = 0 }, ReviewBotJson.Options);
        var written = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(WriteScript,
            [RedisKeys.ChatMessages(message.Conversation), RedisKeys.ChatSequence(message.Conversation), RedisKeys.ChatDelivered(message.Conversation)],
            [id, body, outboxId]))!;
        var (writtenId, rev) = ((long)written[0], (long)written[1]);
        return writtenId <= 0 ? null : message with { Id = writtenId, Rev = rev };
    }

    private static string LoadScript(string name)
    {
        using var stream = typeof(ChatLog).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded script {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
