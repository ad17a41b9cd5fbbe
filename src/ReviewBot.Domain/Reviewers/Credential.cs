using System.Text.Json.Serialization;

namespace ReviewBot.Reviewers;

/// <summary>Clinical credentials a reviewer may hold (DESIGN §3), written in JSON as named here.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Credential>))]
public enum Credential
{
    MD,
    DO,
    NP,
    PA,
    RN,
    PharmD,
    PhD,
}
