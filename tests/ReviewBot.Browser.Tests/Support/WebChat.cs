using Microsoft.Playwright;

namespace ReviewBot.Browser.Tests.Support;

/// <summary>One running service with its demo data, and Debian's Chromium, shared by a test class. Each person in a
/// test gets a browser context of their own, as if on their own device. Playwright's browser download is never
/// used: there is no network for it, and CI installs <c>chromium</c> with apt-get.</summary>
public sealed class WebChat : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";
    public const int PhoneWidth = 360;
    public const int DesktopWidth = 1280;

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public ChatService Service { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install it with `apt-get install -y chromium` (tests/run-all.sh does).");
        foreach (var file in new[] { "adaptivecards.min.js", "adaptivecards.css", "markdown-it.umd.min.js" })
        {
            var path = Path.Combine(AppContext.BaseDirectory, "wwwroot", "lib", file);
            Assert.True(File.Exists(path),
                $"{path} is missing: the build copies it from node_modules; run `npm ci` in {Repo.Root} and build again.");
        }
        // The whole solution's suites run at once in CI: give a busy machine time before calling a page broken.
        Assertions.SetDefaultExpectTimeout(30_000);
        Service = await ChatService.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser (its own storage, so its own identity) at the chat page.</summary>
    public async Task<ChatPage> OpenAsync(int width = DesktopWidth, int height = 860)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            DeviceScaleFactor = width <= PhoneWidth ? 2 : 1,
            IsMobile = width <= PhoneWidth,
            HasTouch = width <= PhoneWidth,
            BaseURL = Service.Address.ToString(),
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add(error);
        page.Console += (_, message) => { if (message.Type is "error" or "warning") problems.Add(message.Text); };
        await page.GotoAsync("/");
        return new ChatPage(page, problems);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (Service is not null)
        {
            await Service.DisposeAsync();
        }
    }
}
