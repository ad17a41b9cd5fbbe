using System.Text.Json.Nodes;
using Json.Schema;
using ReviewBot.Testing;
using ReviewBot.Channels.Slack.Tests.Support;

namespace ReviewBot.Channels.Slack.Tests;

/// <summary>manifest/slack/manifest.yml against Slack's official manifest schema, and <c>manifest slack</c> on the
/// host's command line.</summary>
public sealed class ManifestTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Repo.ManifestSchema), new BuildOptions { Dialect = Dialect.Draft07 }));

    [Fact]
    public void The_manifest_is_valid_against_slacks_official_schema()
    {
        var manifest = YamlJson.Read(File.ReadAllText(Path.Combine(Repo.Root, "manifest", "slack", "manifest.yml")))!;

        Assert.Empty(Problems(manifest));
        Assert.Equal(["app_home_opened", "app_mention", "message.im"],
            manifest["settings"]!["event_subscriptions"]!["bot_events"]!.AsArray().Select(e => (string)e!));
        Assert.Equal("/review", (string?)manifest["features"]!["slash_commands"]![0]!["command"]);
        Assert.True((bool)manifest["features"]!["app_home"]!["home_tab_enabled"]!);
    }

    [Fact]
    public void The_schema_check_refuses_a_manifest_slack_would_refuse()
    {
        var manifest = YamlJson.Read(File.ReadAllText(Path.Combine(Repo.Root, "manifest", "slack", "manifest.yml")))!;
        manifest["settings"]!["socket_mode"] = true;

        Assert.NotEmpty(Problems(manifest));
    }

    [Fact]
    public async Task Manifest_slack_with_a_url_fills_in_every_request_url()
    {
        var (exitCode, output) = await RunHostAsync("manifest", "slack", "--url", "https://bot.clinic.example");

        Assert.Equal(0, exitCode);
        var manifest = YamlJson.Read(output)!;
        Assert.Empty(Problems(manifest));
        Assert.DoesNotContain("reviewbot.example.org", output);
        Assert.Equal("https://bot.clinic.example/slack/events", (string?)manifest["settings"]!["event_subscriptions"]!["request_url"]);
        Assert.Equal("https://bot.clinic.example/slack/events", (string?)manifest["settings"]!["interactivity"]!["request_url"]);
        Assert.Equal("https://bot.clinic.example/slack/events", (string?)manifest["features"]!["slash_commands"]![0]!["url"]);
        Assert.False((bool)manifest["settings"]!["socket_mode_enabled"]!);
    }

    [Fact]
    public async Task Manifest_slack_for_socket_mode_needs_no_url()
    {
        var (exitCode, output) = await RunHostAsync("manifest", "slack", "--socket-mode");

        Assert.Equal(0, exitCode);
        var manifest = YamlJson.Read(output)!;
        Assert.Empty(Problems(manifest));
        Assert.True((bool)manifest["settings"]!["socket_mode_enabled"]!);
    }

    [Fact]
    public async Task Manifest_slack_refuses_an_address_slack_cannot_call()
    {
        var (exitCode, output) = await RunHostAsync("manifest", "slack", "--url", "http://bot.clinic.example");

        Assert.Equal(1, exitCode);
        Assert.Contains("https://", output);
    }

    private static IReadOnlyList<string> Problems(JsonNode manifest) => SchemaProblems.Of(Schema.Value, manifest);

    private static Task<(int ExitCode, string Output)> RunHostAsync(params string[] arguments) => HostBinary.RunAsync(arguments);
}
