using ReviewBot.Conversations.Chat;
using ReviewBot.Conversations.Leads;
using ReviewBot.Conversations.People;
using ReviewBot.Conversations.Work;
using static ReviewBot.Conversations.Leads.LeadDesk;

namespace ReviewBot.Conversations;

/// <summary>Everything the bot answers to, in one table (DESIGN §7; cards/README.md for the card actions). The same
/// words work on every channel.</summary>
public static class Conversation
{
    public static ChatRouter Route(ChatRouter router, TaskLoop tasks, Onboarding onboarding, MyWork mine, Statements statements, LeadDesk leads,
        ScheduledPosts scheduled) => router
        .OnFirstContact(onboarding.Welcome)
        .OnSubmit("profile", onboarding.SaveProfile)
        .OnCommand("profile", onboarding.ShowProfile)

        .OnCommand("help", mine.Help)
        .OnCommand("next", tasks.DeliverNext)
        .OnCommand("status", mine.ShowStatus)
        .OnCommand("pause", mine.Pause)
        .OnCommand("resume", mine.Resume)
        .OnCommand("reminders", mine.SwitchReminders)
        .OnCommand("statement", statements.Show)
        .OnSubmit("task-evaluate", tasks.RecordAnswer)
        .OnSubmit("task-rank", tasks.RecordAnswer)
        .OnSubmit("task-respond", tasks.RecordAnswer)
        .OnSubmit("task-vignette", tasks.RecordAnswer)
        .OnSubmit("task-rubric", tasks.RecordAnswer)
        .OnButton("add-criterion", tasks.AddCriterion)
        .OnButton("remove-criterion", tasks.RemoveCriterion)
        .OnButton("skip", tasks.Skip)
        .OnButton("show-form", tasks.OpenForm)
        .OnButton("next", tasks.DeliverNext)
        .OnButton("start", tasks.DeliverNext)
        .OnButton("snooze", mine.Snooze)
        .OnButton("resume", mine.Resume)
        .OnButton("help", mine.Help)

        .OnCommand("batches", LeadsOnly(leads.ListBatches))
        .OnCommand("progress", LeadsOnly(leads.ShowProgress))
        .OnCommand("remind", LeadsOnly(leads.Remind))
        .OnCommand("announce", LeadsOnly(leads.Announce))
        .OnCommand("announcements", LeadsOnly(scheduled.List))
        .OnCommand("cancel", LeadsOnly(scheduled.Cancel))
        .OnCommand("export", LeadsOnly(leads.Export))
        .OnCommand("close", LeadsOnly(leads.Close))
        .OnCommand("verify", LeadsOnly(leads.Verify))
        .OnButton("refresh", LeadsOnly(leads.ShowProgress))
        .OnButton("progress", LeadsOnly(leads.ShowProgress))
        .OnButton("remind", LeadsOnly(leads.Remind))

        .OnUnknown(mine.Unknown);
}
