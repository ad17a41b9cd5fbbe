using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ReviewBot.Host.Tests;

/// <summary>The service in-process on its embedded Garnet, in a fresh data directory per test class.</summary>
public class ReviewBotApp : WebApplicationFactory<Program>
{
    /// <summary>Outside Development the service does not start without an admin key, so the test host has one by
    /// default and the clients it creates send it.</summary>
    public const string TestAdminKey = "test-admin-key";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "rb-host-" + Guid.NewGuid().ToString("N"));
    public string EnvironmentName { get; init; } = "Testing";
    public string? AdminKey { get; init; } = TestAdminKey;
    public Dictionary<string, string?> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        if (AdminKey is not null)
        {
            builder.UseSetting("Admin:ApiKey", AdminKey);
        }
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        if (AdminKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        }
    }

    /// <summary>GET <paramref name="path"/> from a caller at <paramref name="remote"/> with the given headers and no
    /// others. The clients of <see cref="WebApplicationFactory{TEntryPoint}"/> have no remote address at all.</summary>
    public async Task<(HttpStatusCode Status, string Body)> GetFromAsync(string remote, string path, params (string Name, string Value)[] headers)
    {
        var context = await Server.SendAsync(request =>
        {
            request.Request.Method = HttpMethods.Get;
            request.Request.Path = path;
            request.Connection.RemoteIpAddress = IPAddress.Parse(remote);
            foreach (var (name, value) in headers)
            {
                request.Request.Headers[name] = value;
            }
        });
        return ((HttpStatusCode)context.Response.StatusCode, await new StreamReader(context.Response.Body).ReadToEndAsync());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}

internal static class HttpExtensions
{
    public static Task<HttpResponseMessage> PostJsonTextAsync(this HttpClient client, string url, string json, string contentType = "application/json") =>
        client.PostAsync(url, new StringContent(json, System.Text.Encoding.UTF8, contentType));

    public static async Task<System.Text.Json.JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
}
