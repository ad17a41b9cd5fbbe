using System.Net;
using ReviewBot.Browser.Tests.Support;

namespace ReviewBot.Browser.Tests;

/// <summary>The web chat lets whoever reaches the port act as anyone on the roster, so outside Development it is
/// there only when configuration turns it on; otherwise its page and routes do not exist.</summary>
public class WebChatSwitchTests
{
    private static readonly string[] Routes = ["/", "/chat/people", "/chat/panes?user=web:amara", "/chat/assets/chat.js", "/chat/assets/lib/adaptivecards.min.js"];

    // Outside Development the service does not start without an admin key.
    private const string AdminKey = "--Admin:ApiKey=browser-tests-key";

    [Fact]
    public async Task In_production_the_web_chat_answers_404_unless_it_is_enabled()
    {
        await using (var off = await ChatService.StartAsync("Production", AdminKey))
        {
            foreach (var route in Routes)
            {
                Assert.Equal(HttpStatusCode.NotFound, (await off.Http.GetAsync(route)).StatusCode);
            }
            var post = await off.Http.PostAsync("/chat/messages", new StringContent("""{"user":"web:amara","conversation":"web:amara","text":"next"}""",
                System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await off.Http.GetAsync("/healthz")).StatusCode);
        }

        await using var on = await ChatService.StartAsync("Production", AdminKey, "--WebChat:Enabled=true");
        foreach (var route in Routes)
        {
            Assert.Equal(HttpStatusCode.OK, (await on.Http.GetAsync(route)).StatusCode);
        }
    }
}
