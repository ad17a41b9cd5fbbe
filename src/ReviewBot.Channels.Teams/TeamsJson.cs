using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Newtonsoft.Json;

namespace ReviewBot.Channels.Teams;

/// <summary>One serializer for everything of the SDK's we read and write (activities, conversation references): the
/// SDK's own static settings, so Newtonsoft builds each contract once per process and never per turn.</summary>
internal static class TeamsJson
{
    public static readonly JsonSerializer Serializer = HttpHelper.BotMessageSerializer;

    public static string Write(object value)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Serializer.Serialize(text, value);
        return text.ToString();
    }

    public static T? Read<T>(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json));
        return Serializer.Deserialize<T>(reader);
    }
}
