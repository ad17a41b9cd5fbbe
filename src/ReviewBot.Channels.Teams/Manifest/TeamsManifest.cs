using System.CommandLine;
using System.IO.Compression;
using System.Text.Json.Nodes;

namespace ReviewBot.Channels.Teams.Manifest;

/// <summary>
/// The Teams app package a tenant admin uploads: <c>manifest/teams/manifest.json</c> (manifest 1.29: the bot in
/// personal and team scope, its command lists) with the bot's app id written in, and the two icons, zipped at the root
/// as Teams wants. All three travel inside the binary, so <c>manifest teams</c> works from a published copy.
/// </summary>
public static class TeamsManifest
{
    /// <summary>The id written in the file, replaced by the real app id.</summary>
    public const string PlaceholderId = "00000000-0000-4000-8000-00000000b075";

    public static readonly string[] Files = ["manifest.json", "color.png", "outline.png"];

    /// <summary>The manifest for the bot registered as <paramref name="appId"/>: the Teams app's id is the bot's, as
    /// for an app that is only a bot.</summary>
    public static JsonObject For(Guid appId)
    {
        var manifest = JsonNode.Parse(Read("manifest.json"))!.AsObject();
        manifest["id"] = appId.ToString();
        manifest["bots"]![0]!["botId"] = appId.ToString();
        return manifest;
    }

    public static void WritePackage(Guid appId, Stream zip)
    {
        using var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var file in Files)
        {
            using var entry = archive.CreateEntry(file).Open();
            if (file == "manifest.json")
            {
                using var writer = new StreamWriter(entry);
                writer.Write(For(appId).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                using var icon = Resource(file);
                icon.CopyTo(entry);
            }
        }
    }

    /// <summary><c>manifest teams --app-id ID [--out FILE]</c> on the host's command line.</summary>
    public static Command Command()
    {
        var appId = new Option<string>("--app-id") { Description = "The bot's Microsoft App ID (MicrosoftAppId), a GUID from its Azure Bot registration." };
        var output = new Option<string>("--out") { Description = "Where to write the package (default reviewbot-teams.zip here)." };
        var teams = new Command("teams", "Write the Teams app package (manifest and icons) a tenant admin uploads.") { appId, output };
        teams.SetAction(parse =>
        {
            if (!Guid.TryParse(parse.GetValue(appId), out var id))
            {
                Console.Error.WriteLine("Give the bot's app id: manifest teams --app-id <GUID> (MicrosoftAppId of the Azure Bot registration).");
                return 1;
            }
            var path = Path.GetFullPath(parse.GetValue(output) ?? "reviewbot-teams.zip");
            using (var file = File.Create(path))
            {
                WritePackage(id, file);
            }
            Console.Out.WriteLine($"Wrote {path}: upload it in the Teams admin center (Teams apps → Manage apps → Upload new app).");
            return 0;
        });
        return teams;
    }

    private static string Read(string file)
    {
        using var reader = new StreamReader(Resource(file));
        return reader.ReadToEnd();
    }

    private static Stream Resource(string file) =>
        typeof(TeamsManifest).Assembly.GetManifestResourceStream("teams-" + file)
        ?? throw new InvalidOperationException($"The Teams app's {file} is missing from this build.");
}
