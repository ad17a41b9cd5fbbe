using ReviewBot.Exports;

namespace ReviewBot.Conversations.Leads;

/// <summary>Links a lead can open from chat to download a dataset without the admin key: each is signed for one batch
/// and format and runs out soon, so a link forwarded or found later opens nothing.</summary>
public interface IDownloadLinks
{
    /// <summary>Null when the service does not know an address people can reach it at (PublicBaseUrl is unset).</summary>
    Task<DownloadLink?> ForExportAsync(string batchId, DatasetFormat format, CancellationToken cancellationToken);
}

public sealed record DownloadLink(string Url, DateTimeOffset ExpiresAt);
