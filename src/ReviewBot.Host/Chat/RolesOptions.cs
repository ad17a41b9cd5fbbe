namespace ReviewBot.Host.Chat;

/// <summary>Roles:* — who leads (besides roster entries marked lead) and where the bot posts for groups.</summary>
public sealed class RolesOptions
{
    /// <summary>User keys of leads: <c>slack:U0123</c>, <c>teams:&lt;aadObjectId&gt;</c>, <c>web:lead</c>.</summary>
    public List<string> Leads { get; set; } = [];
    /// <summary>The leads' channel, where harm alerts go; empty: to each lead's direct messages.</summary>
    public string? LeadChannel { get; set; }
    /// <summary>Where announcements go when the lead names no channel.</summary>
    public string? TeamChannel { get; set; }
}
