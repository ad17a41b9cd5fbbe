using ReviewBot.Cards;

namespace ReviewBot.Conversations.Chat;

/// <summary>The current template version of each card (cards/README.md, "Template versions"). A submission from an
/// older card may carry fields that no longer mean the same, so it is refused with an explanation.</summary>
public sealed class TemplateVersions(CardTemplates templates)
{
    public bool IsOutdated(string card, string? submitted) =>
        templates.AdaptiveNames.Contains(card) && int.TryParse(submitted, out var sent) && sent < templates.Version(card);
}
