using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ReviewBot.Host.Tests;

/// <summary>A lead's <c>export</c> in chat gives a link that downloads the dataset without the admin key, for that
/// batch and format only, for a quarter of an hour.</summary>
public sealed class DownloadLinkTests : IAsyncLifetime
{
    private const string Lead = """[{ "key": "web:lena", "name": "Dr. Lena Fischer", "credential": "MD", "specialties": ["emergency-medicine"], "timeZone": "Europe/Berlin", "verified": true, "lead": true }]""";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private readonly ReviewBotApp _app = new();
    private HttpClient _admin = null!;
    private HttpClient _anyone = null!;

    public async Task InitializeAsync()
    {
        _app.Settings["PublicBaseUrl"] = "https://reviewbot.example.org/";
        _app.Settings["WebChat:Enabled"] = "true";
        var app = _app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock)));
        _admin = app.CreateClient();
        _anyone = app.CreateClient();
        _anyone.DefaultRequestHeaders.Authorization = null;
        (await _admin.PostJsonTextAsync("/api/reviewers", Lead)).EnsureSuccessStatusCode();
        (await _admin.PostJsonTextAsync("/api/batches", Batches.Document("links"))).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_link_from_chat_downloads_the_dataset_without_the_admin_key()
    {
        var card = await ExportCardAsync("export links dpo");

        var download = await _anyone.GetAsync(PathOf(card.Url));

        Assert.StartsWith("https://reviewbot.example.org/downloads/exports/links?format=dpo&expires=", card.Url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment; filename=\"links.dpo.jsonl\"", download.Content.Headers.ContentDisposition?.ToString());
        Assert.Contains("links.dpo.jsonl", card.Text);
        Assert.Contains("Mon 30 Nov, 10:15 UTC+1", card.Text);
    }

    [Theory]
    [InlineData("format=dpo", "format=csv")]
    [InlineData("/exports/links?", "/exports/other?")]
    [InlineData("&expires=", "&expires=9")]
    [InlineData("&signature=", "&signature=A")]
    public async Task A_link_with_anything_changed_is_refused(string part, string changedTo)
    {
        var card = await ExportCardAsync("export links dpo");

        var download = await _anyone.GetAsync(PathOf(card.Url).Replace(part, changedTo));

        Assert.Equal(HttpStatusCode.Forbidden, download.StatusCode);
        Assert.Equal("This download link is not valid", (await download.JsonAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_link_opened_after_a_quarter_of_an_hour_is_refused_and_says_how_to_get_a_new_one()
    {
        var card = await ExportCardAsync("export links csv");
        _clock.Advance(TimeSpan.FromMinutes(16));

        var download = await _anyone.GetAsync(PathOf(card.Url));

        Assert.Equal(HttpStatusCode.Forbidden, download.StatusCode);
        var problem = await download.JsonAsync();
        Assert.Equal("This download link has expired", problem.GetProperty("title").GetString());
        Assert.Contains("Say export links csv in chat for a new one.", problem.GetProperty("detail").GetString());
    }

    private async Task<(string Url, string Text)> ExportCardAsync(string words)
    {
        var response = await _anyone.PostAsJsonAsync("/chat/messages", new { user = "web:lena", conversation = "web:lena", text = words });
        response.EnsureSuccessStatusCode();
        var messages = (await response.JsonAsync()).GetProperty("messages");
        var card = messages.EnumerateArray().Single(m => m.TryGetProperty("card", out var name) && name.GetString() == "export").GetProperty("content");
        var url = card.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("type").GetString() == "Action.OpenUrl").GetProperty("url").GetString()!;
        return (url, card.GetRawText());
    }

    private static string PathOf(string url) => new Uri(url).PathAndQuery;
}
