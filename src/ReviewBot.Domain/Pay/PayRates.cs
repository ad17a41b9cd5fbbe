using ReviewBot.Reviewers;
using ReviewBot.Tasks;

namespace ReviewBot.Pay;

/// <summary>What an answer earns: the batch's per-task price when it has one, otherwise the hourly rate for the
/// reviewer's credential times active time (Pay:HourlyByCredential, DESIGN §6).</summary>
public sealed class PayRates
{
    /// <summary>USD per hour of active time, from what the market pays clinicians for this work.</summary>
    public static readonly IReadOnlyDictionary<Credential, decimal> DefaultHourly = new Dictionary<Credential, decimal>
    {
        [Credential.MD] = 90m,
        [Credential.DO] = 90m,
        [Credential.PharmD] = 70m,
        [Credential.NP] = 65m,
        [Credential.PA] = 65m,
        [Credential.RN] = 45m,
        [Credential.PhD] = 50m,
    };

    private readonly IReadOnlyDictionary<Credential, decimal> _hourly;

    public PayRates(IReadOnlyDictionary<Credential, decimal>? hourlyOverrides = null)
    {
        var hourly = new Dictionary<Credential, decimal>(DefaultHourly);
        foreach (var (credential, rate) in hourlyOverrides ?? new Dictionary<Credential, decimal>())
        {
            hourly[credential] = rate;
        }
        _hourly = hourly;
    }

    public decimal HourlyFor(Credential credential) => _hourly[credential];

    public decimal Earned(Batch batch, Credential? credential, int activeSeconds)
    {
        if (batch.Pay?.PerTask is { } perTask)
        {
            return perTask;
        }
        return credential is { } c ? Math.Round(_hourly[c] * activeSeconds / 3600m, 2, MidpointRounding.AwayFromZero) : 0m;
    }
}
