using System.Text.Json.Nodes;

namespace ReviewBot.Channels.Teams.Tests.Support;

/// <summary>The fixtures beside the tests and the shared schemas beside the repository (a checkout's <c>../shared</c>).</summary>
public static class TeamsRepo
{
    public static JsonObject Fixture(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "teams", name)))!.AsObject();

    public static string ManifestSchema => Path.Combine(ReviewBot.Cards.Tests.Support.Repo.Root, "..", "shared", "schemas", "teams", "MicrosoftTeams.schema.json");
}
