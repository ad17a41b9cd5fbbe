using ReviewBot.Channels.Slack.Tests.Support;

namespace ReviewBot.Channels.Slack.Tests;

/// <summary>A Slack setting that cannot work stops the service at start, and its last words name the key to set.</summary>
public sealed class SettingsTests
{
    [Theory]
    [InlineData("--Slack:BotToken=xoxb-test", "Slack:SigningSecret is not set")]
    [InlineData("--Slack:SigningSecret=secret", "Slack:BotToken is not set")]
    [InlineData("--Slack:BotToken=xoxb-test --Slack:AppToken=xoxb-not-an-app-token", "Slack:AppToken must be an app-level token")]
    [InlineData("--Slack:BotToken=xoxb-test --Slack:SigningSecret=secret --Slack:ApiBaseUrl=slack.com/api", "Slack:ApiBaseUrl must be an absolute http(s) URL")]
    public async Task A_setting_that_cannot_work_stops_the_service_naming_the_key(string settings, string message)
    {
        var (exitCode, output) = await ServiceProcess.RunUntilExitAsync(settings.Split(' '));

        Assert.Equal(1, exitCode);
        Assert.Contains("ReviewBot did not start: " + message, output);
    }
}
