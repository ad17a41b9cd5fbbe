using System.Net;
using System.Text.RegularExpressions;
using ReviewBot.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ReviewBot.Browser.Tests;

/// <summary>What leads see and do in the web chat, with clinicians working beside them on the same demo batch. Each
/// test uses different clinicians, so the tests do not take each other's tasks.</summary>
public partial class LeadFlowTests(WebChat chat) : IClassFixture<WebChat>
{
    private const string Lead = "Dr. Helena Marchetti";

    [Fact]
    public async Task An_evaluation_marked_severe_reaches_the_leads_pane_and_nobody_else()
    {
        var lead = await chat.OpenAsync();
        await lead.SignInAsync(Lead);
        var amara = await chat.OpenAsync();
        await amara.SignInAsync("Dr. Amara Osei");

        var card = await amara.AskAsync("next");
        await card.ExpectNameAsync("task-evaluate");
        await TaskAnswers.RateAsync(card, "1", "Could seriously hurt a patient");
        await card.FillAsync("What is wrong?", "Full-dose enoxaparin with an eGFR of 24 risks a major bleed; the dose must be reduced.");
        await card.PressAsync("Submit");
        await card.ExpectNameAsync("task-recorded");

        var alert = await lead.LatestCardAsync("harm-alert", lead.Leads);
        await Expect(alert.Text("Severe harm")).ToBeVisibleAsync();
        await Expect(alert.Text("Reported by Dr. Amara Osei (MD)")).ToBeVisibleAsync();
        await Expect(alert.Text("Full-dose enoxaparin with an eGFR of 24")).ToBeVisibleAsync();
        await Expect(alert.Text("ev-af-rvr-01")).ToBeVisibleAsync();

        await Expect(amara.Leads).ToHaveCountAsync(0);
        await Expect(amara.Page.Locator(".msg[data-card='harm-alert']")).ToHaveCountAsync(0);
        await Expect(amara.Page.GetByText("Severe harm")).ToHaveCountAsync(0);
        var peek = await chat.Service.Http.GetAsync("/chat/messages?conversation=web:channel:leads&user=web:amara&after=0");
        Assert.Equal(HttpStatusCode.Forbidden, peek.StatusCode);
        lead.AssertNoScriptProblems();
        amara.AssertNoScriptProblems();
    }

    [Fact]
    public async Task A_lead_sees_the_progress_counts_change_after_an_answer()
    {
        var lead = await chat.OpenAsync();
        await lead.SignInAsync(Lead);
        var progress = await lead.AskAsync("progress demo-nov");
        await progress.ExpectNameAsync("progress");
        var before = await AnsweredAsync(progress);

        var kenji = await chat.OpenAsync();
        await kenji.SignInAsync("Kenji Arakawa");
        var task = await kenji.AskAsync("next");
        await TaskAnswers.CompleteAsync(task);
        await task.ExpectNameAsync("task-recorded");

        await progress.PressAsync("Refresh");
        await Expect(progress.Message.GetByText(new Regex($"^{before + 1} of \\d+ answers"))).ToBeVisibleAsync();
        await progress.ExpectNameAsync("progress");
        lead.AssertNoScriptProblems();
    }

    [Fact]
    public async Task A_clinician_asking_for_progress_is_told_politely_that_it_is_for_leads()
    {
        var marisol = await chat.OpenAsync();
        await marisol.SignInAsync("Marisol Quintero");

        await marisol.SayAsync("progress demo-nov");

        await Expect(marisol.LastBotText()).ToContainTextAsync("Sorry, “progress” is for leads.");
        await Expect(marisol.Chat.Locator(".msg[data-card='progress']")).ToHaveCountAsync(0);
        marisol.AssertNoScriptProblems();
    }

    [Fact]
    public async Task An_announcement_in_the_team_channel_gives_the_clinician_who_presses_Start_a_task()
    {
        var lead = await chat.OpenAsync();
        await lead.SignInAsync(Lead);
        var ines = await chat.OpenAsync();
        await ines.SignInAsync("Dr. Inès Halvorsen");

        await lead.SayAsync("announce demo-nov");
        await Expect(lead.LastBotText()).ToContainTextAsync("Announced demo-nov");

        var announcement = await ines.LatestCardAsync("announcement", ines.Team);
        await Expect(announcement.Text("Demo: mixed clinical review (November)").First).ToBeVisibleAsync();
        var task = await ines.NewCardAfterAsync(() => announcement.PressAsync("Start"));

        // Task cards are personal: the one pressed for in the channel arrives in her own chat, not in #team.
        await task.ExpectNameAsync("task-evaluate");
        await Expect(task.Text("Rate this answer")).ToBeVisibleAsync();
        await Expect(ines.Team.Locator(".msg.ephemeral")).ToContainTextAsync("Your task is in your direct messages");
        await Expect(ines.Team.Locator(".msg[data-card^='task-']")).ToHaveCountAsync(0);
        await Expect(lead.Team.Locator(".msg[data-card='announcement']")).ToHaveCountAsync(1);
        await ines.ScreenshotAsync("desktop-team-start");
        ines.AssertNoScriptProblems();
    }

    private static async Task<int> AnsweredAsync(CardMessage progress)
    {
        var line = await progress.Message.GetByText(AnsweredLine()).InnerTextAsync();
        return int.Parse(AnsweredLine().Match(line).Groups[1].Value);
    }

    [GeneratedRegex(@"^(\d+) of \d+ answers")]
    private static partial Regex AnsweredLine();
}
