using ReviewBot.Reviewers;
using ReviewBot.Tasks;

namespace ReviewBot.Storage;

/// <summary>A task's effective requirements as the claim script reads them: <c>,MD,DO,;,cardiology,</c>. Each part
/// is empty when anyone qualifies. A task's own credentials or specialties replace the batch's.</summary>
internal static class RequirementsCode
{
    public static string For(Batch batch, ClinicalTask task)
    {
        var credentials = task.Requirements?.Credentials ?? batch.Requirements?.Credentials;
        var specialties = task.Requirements?.Specialties ?? batch.Requirements?.Specialties;
        return List(credentials?.Select(c => c.ToString())) + ";" + List(specialties?.Select(Specialty.Normalize));
    }

    public static string List(IEnumerable<string>? items)
    {
        var list = items?.ToList();
        return list is null || list.Count == 0 ? "" : "," + string.Join(",", list) + ",";
    }
}
