namespace ReviewBot.Cards;

/// <summary>A template that cannot be loaded or a card that cannot be rendered, with the template named.</summary>
public sealed class CardTemplateException(string message) : Exception(message);
