using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace ReviewBot.Storage;

/// <summary>A Lua script shipped as an embedded <c>Scripts/*.lua</c> file. Runs by its SHA-1 (EVALSHA) so a call is
/// one small command; a server that has not seen it yet (restart, fail-over, new cluster node) gets the text once.</summary>
internal sealed class StoredScript
{
    private readonly string _text;
    private readonly byte[] _sha1;

    private StoredScript(string text)
    {
        _text = text;
        _sha1 = SHA1.HashData(Encoding.UTF8.GetBytes(text));
    }

    public static StoredScript Load(string fileName)
    {
        using var stream = typeof(StoredScript).Assembly.GetManifestResourceStream(fileName)
            ?? throw new InvalidOperationException($"Embedded script {fileName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return new StoredScript(reader.ReadToEnd());
    }

    /// <summary>For the scripts that answer with a list.</summary>
    public async Task<RedisResult[]> RunAsync(IDatabaseAsync db, RedisKey[] keys, RedisValue[] values) =>
        (RedisResult[])(await EvaluateAsync(db, keys, values).ConfigureAwait(false))!;

    public async Task<RedisResult> EvaluateAsync(IDatabaseAsync db, RedisKey[] keys, RedisValue[] values)
    {
        try
        {
            return await db.ScriptEvaluateAsync(_sha1, keys, values).ConfigureAwait(false);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            return await db.ScriptEvaluateAsync(_text, keys, values).ConfigureAwait(false);
        }
    }
}

internal static class Scripts
{
    public static readonly StoredScript ImportBatch = StoredScript.Load("import-batch.lua");
    public static readonly StoredScript ClaimTask = StoredScript.Load("claim-task.lua");
    public static readonly StoredScript RecordAnswer = StoredScript.Load("record-answer.lua");
    public static readonly StoredScript SkipTask = StoredScript.Load("skip-task.lua");
    public static readonly StoredScript LapseLeases = StoredScript.Load("lapse-leases.lua");
    public static readonly StoredScript PersonLease = StoredScript.Load("person-lease.lua");
    public static readonly StoredScript DecideSplit = StoredScript.Load("decide-split.lua");
}
