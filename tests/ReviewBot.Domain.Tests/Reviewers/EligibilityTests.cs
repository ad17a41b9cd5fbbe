using ReviewBot.Reviewers;
using ReviewBot.Tasks;

namespace ReviewBot.Domain.Tests.Reviewers;

public class EligibilityTests
{
    private static readonly Batch Cardiology = new()
    {
        Id = "cardio-nov",
        Name = "Cardiology",
        Requirements = new Requirements { Credentials = [Credential.MD, Credential.DO], Specialties = ["cardiology"] },
    };

    private static readonly ClinicalTask Ranking = new() { Id = "t2", Kind = TaskKind.Rank };
    private static readonly ClinicalTask PediatricVignette = new()
    {
        Id = "t4", Kind = TaskKind.Vignette, Requirements = new Requirements { Specialties = ["pediatrics"] },
    };

    private static readonly Reviewer Cardiologist = new()
    {
        Key = "slack:U1", Name = "Dr. Osei", Credential = Credential.MD, Specialties = ["Cardiology"], Verified = true,
    };

    [Fact]
    public void Verified_md_cardiologist_may_rank_cardiology_answers()
    {
        Assert.True(Eligibility.IsEligible(Cardiologist, Cardiology, Ranking));
        Assert.Null(Eligibility.WhyNotEligible(Cardiologist, Cardiology, Ranking));
    }

    [Fact]
    public void Pending_reviewer_is_told_they_wait_for_verification()
    {
        var pending = Cardiologist with { Verified = false };

        Assert.False(Eligibility.IsEligible(pending, Cardiology, Ranking));
        Assert.Equal("Your credential is waiting for a lead to verify it; tasks start coming once it is.",
            Eligibility.WhyNotEligible(pending, Cardiology, Ranking));
    }

    [Fact]
    public void Nurse_is_told_which_credentials_the_task_needs()
    {
        var nurse = Cardiologist with { Credential = Credential.RN };

        Assert.Equal("This task is for MD or DO; your profile says RN.", Eligibility.WhyNotEligible(nurse, Cardiology, Ranking));
    }

    [Fact]
    public void Reviewer_outside_the_specialty_is_told_which_specialty()
    {
        var dermatologist = Cardiologist with { Specialties = ["dermatology"] };

        Assert.Equal("This task needs a specialty in cardiology; your profile lists dermatology.",
            Eligibility.WhyNotEligible(dermatologist, Cardiology, Ranking));
    }

    [Fact]
    public void Task_specialties_replace_the_batch_specialties_and_keep_its_credentials()
    {
        var pediatrician = Cardiologist with { Specialties = ["Pediatrics"] };
        var pediatricNurse = pediatrician with { Credential = Credential.RN };

        Assert.True(Eligibility.IsEligible(pediatrician, Cardiology, PediatricVignette));
        Assert.False(Eligibility.IsEligible(Cardiologist, Cardiology, PediatricVignette));
        Assert.False(Eligibility.IsEligible(pediatricNurse, Cardiology, PediatricVignette));
    }

    [Fact]
    public void Batch_without_requirements_takes_any_verified_reviewer()
    {
        var open = Cardiology with { Requirements = null };
        var pharmacist = new Reviewer { Key = "web:p", Name = "P", Credential = Credential.PharmD, Verified = true };

        Assert.True(Eligibility.IsEligible(pharmacist, open, Ranking));
    }
}
