using System.Text.Json.Nodes;
using Microsoft.Playwright;
using ReviewBot.Cards.Tests.Support;

namespace ReviewBot.Cards.Tests;

/// <summary>Debian's Chromium, started once for the class. Playwright's own browser download is never used:
/// there is no network for it, and CI installs <c>chromium</c> with apt-get.</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string Executable = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing: install it with `apt-get install -y chromium`.");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
    }
}

/// <summary>Every Adaptive Card drawn by the official <c>adaptivecards</c> renderer in a 360 px wide page, as on
/// a phone: the renderer reports nothing wrong, nothing is drawn past the screen's edge, and a picture of each card is
/// kept under <c>artifacts/cards/</c> for a person to look at.</summary>
public class BrowserRenderingTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const int PhoneWidth = 360;

    [Theory]
    [MemberData(nameof(TestCards.AdaptiveSamples), MemberType = typeof(TestCards))]
    public async Task Every_sample_card_draws_at_phone_width_without_renderer_warnings(string sampleFile)
    {
        var card = TestCards.Renderer.RenderAdaptive(TestCards.TemplateOf(sampleFile), TestCards.SampleFile(sampleFile));

        await DrawAndCheck(card, sampleFile[..^".data.json".Length]);
    }

    [Theory]
    [MemberData(nameof(TestCards.AdaptiveTemplates), MemberType = typeof(TestCards))]
    public async Task Every_card_with_hostile_data_draws_at_phone_width_without_renderer_warnings(string name)
    {
        await DrawAndCheck(TestCards.Renderer.RenderAdaptive(name, HostileData.For(name)), name + ".hostile");
    }

    private async Task DrawAndCheck(JsonNode card, string pictureName)
    {
        var page = await chromium.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = PhoneWidth, Height = 640 } });
        try
        {
            await page.SetContentAsync($"""<!DOCTYPE html><html><head><meta name="viewport" content="width={PhoneWidth}"></head><body style="margin:0;background:#fff"><div id="card" style="width:{PhoneWidth}px"></div></body></html>""");
            var css = Path.Combine(Repo.RequireNodePackage("adaptivecards"), "dist", "adaptivecards.css");
            if (File.Exists(css)) await page.AddStyleTagAsync(new PageAddStyleTagOptions { Path = css });
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = Repo.RequireNodePackage("markdown-it/dist/browser/markdown-it.umd.min.js") });
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = Repo.RequireNodePackage("adaptivecards/dist/adaptivecards.min.js") });
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = Path.Combine(AppContext.BaseDirectory, "render.js") });

            var problems = await page.EvaluateAsync<string[]>("json => renderCard(JSON.parse(json))", CardJson.ToJson(card));
            Assert.Empty(problems);
            Assert.Empty(await page.EvaluateAsync<string[]>("overflowing()"));

            Directory.CreateDirectory(Repo.Artifacts);
            await page.Locator("#card").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(Repo.Artifacts, pictureName + ".png") });
            if (await page.EvaluateAsync<int>("expandAll()") > 0)
            {
                await page.Locator("#card").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(Repo.Artifacts, pictureName + ".expanded.png") });
                Assert.Empty(await page.EvaluateAsync<string[]>("overflowing()"));
            }
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
