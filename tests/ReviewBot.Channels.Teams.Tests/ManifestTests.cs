using System.IO.Compression;
using System.Text.Json.Nodes;
using Json.Schema;
using ReviewBot.Testing;
using ReviewBot.Channels.Teams.Tests.Support;

namespace ReviewBot.Channels.Teams.Tests;

/// <summary><c>manifest teams --app-id ID --out FILE</c> on the host's command line writes the package a tenant
/// admin uploads: a manifest valid against the official Teams manifest schema (1.29) with the bot's id, and icons of
/// the sizes Teams requires.</summary>
public sealed class ManifestTests : IDisposable
{
    private const string AppId = "5f1c2a7e-0000-4000-8000-0000000b0771";

    // The schema is draft-04, which the validator reads as draft-06: the two differ in nothing this schema uses
    // (no exclusiveMinimum/Maximum, no id).
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(
        File.ReadAllText(TeamsRepo.ManifestSchema).Replace("http://json-schema.org/draft-04/schema#", "http://json-schema.org/draft-06/schema#"),
        new BuildOptions { Dialect = Dialect.Draft06 }));

    private readonly string _package = Path.Combine(Path.GetTempPath(), "rb-teams-" + Guid.NewGuid().ToString("N") + ".zip");

    public void Dispose() => File.Delete(_package);

    [Fact]
    public async Task The_package_has_a_valid_manifest_with_the_bots_id_and_icons_of_the_required_sizes()
    {
        var (exitCode, output) = await RunHostAsync("manifest", "teams", "--app-id", AppId, "--out", _package);

        Assert.True(exitCode == 0, output);
        using var zip = ZipFile.OpenRead(_package);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order());
        var manifest = JsonNode.Parse(Read(zip, "manifest.json"))!;
        Assert.Empty(Problems(manifest));
        Assert.Equal(AppId, (string?)manifest["id"]);
        var bot = manifest["bots"]![0]!;
        Assert.Equal(AppId, (string?)bot["botId"]);
        Assert.Equal(["personal", "team"], bot["scopes"]!.AsArray().Select(s => (string)s!));
        Assert.Contains("next", bot["commandLists"]![0]!["commands"]!.AsArray().Select(c => (string)c!["title"]!));
        Assert.Contains("announce", bot["commandLists"]![1]!["commands"]!.AsArray().Select(c => (string)c!["title"]!));
        Assert.Equal((192, 192), PngSize(zip, (string)manifest["icons"]!["color"]!));
        Assert.Equal((32, 32), PngSize(zip, (string)manifest["icons"]!["outline"]!));
    }

    [Fact]
    public void The_schema_check_refuses_a_manifest_teams_would_refuse()
    {
        var manifest = ReviewBot.Channels.Teams.Manifest.TeamsManifest.For(Guid.Parse(AppId));
        manifest["bots"]![0]!["scopes"] = new JsonArray("personal", "everywhere");

        Assert.NotEmpty(Problems(manifest));
    }

    [Fact]
    public async Task Manifest_teams_refuses_an_app_id_that_is_not_a_guid()
    {
        var (exitCode, output) = await RunHostAsync("manifest", "teams", "--app-id", "reviewbot", "--out", _package);

        Assert.Equal(1, exitCode);
        Assert.Contains("--app-id <GUID>", output);
        Assert.False(File.Exists(_package));
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    /// <summary>Width and height from the PNG's IHDR chunk, after the 8-byte signature.</summary>
    private static (int Width, int Height) PngSize(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        var header = new byte[24];
        stream.ReadExactly(header);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], header[..4]);
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(20)));
    }

    private static IReadOnlyList<string> Problems(JsonNode manifest) => SchemaProblems.Of(Schema.Value, manifest);

    private static Task<(int ExitCode, string Output)> RunHostAsync(params string[] arguments) => HostBinary.RunAsync(arguments);
}
