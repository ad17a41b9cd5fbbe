using System.Net;

namespace ReviewBot.Host.Tests;

/// <summary>Development with no admin key: the admin API answers this machine only.</summary>
public sealed class DevelopmentWithoutAdminKey : ReviewBotApp
{
    public DevelopmentWithoutAdminKey()
    {
        EnvironmentName = "Development";
        AdminKey = null;
    }
}

/// <summary>Production with an admin key and the web chat turned on.</summary>
public sealed class ProductionWithWebChat : ReviewBotApp
{
    public ProductionWithWebChat()
    {
        EnvironmentName = "Production";
        Settings["WebChat:Enabled"] = "true";
    }
}

public sealed class AdminAccessWithoutKeyTests(DevelopmentWithoutAdminKey app) : IClassFixture<DevelopmentWithoutAdminKey>
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public async Task Without_a_key_a_caller_on_this_machine_is_served(string remote)
    {
        var (status, _) = await app.GetFromAsync(remote, "/api/batches");

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Without_a_key_a_caller_on_another_machine_is_refused_and_told_which_key_opens_it()
    {
        var (status, body) = await app.GetFromAsync("10.20.30.40", "/api/batches");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("Admin:ApiKey", body);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.7")]
    [InlineData("Forwarded", "for=203.0.113.7;proto=https")]
    public async Task Without_a_key_a_request_a_proxy_on_this_machine_forwarded_is_refused(string header, string value)
    {
        var (status, body) = await app.GetFromAsync("127.0.0.1", "/api/batches", (header, value));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("Admin:ApiKey", body);
    }
}

public sealed class AdminKeyTests : IAsyncLifetime
{
    private readonly ReviewBotApp _app = new() { AdminKey = "s3cret-key" };

    [Fact]
    public async Task With_an_admin_key_set_a_request_without_it_or_with_a_wrong_one_is_refused_and_with_it_is_served()
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = null;

        var without = await client.GetAsync("/api/batches");
        var wrong = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/batches") { Headers = { { "Authorization", "Bearer nope" } } });
        var right = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/batches") { Headers = { { "Authorization", "Bearer s3cret-key" } } });

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task With_an_admin_key_set_where_the_caller_is_does_not_matter_only_the_key()
    {
        var localWithout = await _app.GetFromAsync("127.0.0.1", "/api/batches");
        var forwardedWithKey = await _app.GetFromAsync("127.0.0.1", "/api/batches", ("X-Forwarded-For", "203.0.113.7"), ("Authorization", "Bearer s3cret-key"));

        Assert.Equal(HttpStatusCode.Unauthorized, localWithout.Status);
        Assert.Equal(HttpStatusCode.OK, forwardedWithKey.Status);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();
}

public sealed class WebChatAccessTests(ProductionWithWebChat app) : IClassFixture<ProductionWithWebChat>
{
    private static readonly string[] Routes = ["/", "/chat/people", "/chat/assets/chat.js"];

    [Fact]
    public async Task Outside_development_the_web_chat_serves_a_caller_on_this_machine()
    {
        foreach (var route in Routes)
        {
            Assert.Equal(HttpStatusCode.OK, (await app.GetFromAsync("127.0.0.1", route)).Status);
        }
    }

    [Fact]
    public async Task Outside_development_the_web_chat_refuses_a_caller_on_another_machine_and_says_why()
    {
        foreach (var route in Routes)
        {
            var (status, body) = await app.GetFromAsync("10.20.30.40", route);

            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Contains("this machine only", body);
        }
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.7")]
    [InlineData("Forwarded", "for=203.0.113.7")]
    public async Task Outside_development_the_web_chat_refuses_a_request_a_proxy_on_this_machine_forwarded(string header, string value)
    {
        var (status, _) = await app.GetFromAsync("127.0.0.1", "/chat/people", (header, value));

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task Outside_development_the_admin_key_does_not_open_the_web_chat_to_another_machine()
    {
        var (status, _) = await app.GetFromAsync("10.20.30.40", "/chat/people", ("Authorization", "Bearer " + ReviewBotApp.TestAdminKey));

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }
}

/// <summary>What an operator sees when the service starts, from the binary itself.</summary>
public sealed class StartupTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "rb-startup-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Outside_development_the_service_refuses_to_start_without_an_admin_key_and_names_the_key()
    {
        var (exitCode, output) = await HostProcess.RunUntilExitAsync(_data, "Production");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Admin:ApiKey is not set", output[^1]);
        Assert.DoesNotContain(output, line => line.StartsWith("ReviewBot is running", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Outside_development_the_banner_says_the_web_chat_answers_this_machine_only()
    {
        await using var service = await HostProcess.StartAsync(_data, "Production", "--WebChat:Enabled=true");

        var banner = Assert.Single(service.Output, line => line.StartsWith("ReviewBot is running", StringComparison.Ordinal));
        Assert.Contains("(Production)", banner);
        Assert.Contains("the web chat answers callers on this machine only", banner);
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
