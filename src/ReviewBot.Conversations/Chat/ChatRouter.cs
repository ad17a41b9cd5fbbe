using ReviewBot.Reviewers;

namespace ReviewBot.Conversations.Chat;

/// <summary>
/// Routes an event to its handler, in the style of Slack Bolt: typed words to <see cref="OnCommand"/>, a card's
/// submission to <see cref="OnSubmit"/> by template name, any other button to <see cref="OnButton"/> by action word.
/// Someone not on the roster meets <see cref="OnFirstContact"/> whatever they did; unknown words get the fallback.
/// </summary>
public sealed class ChatRouter(IReviewerStore reviewers, LeadRoster leads)
{
    private readonly Dictionary<string, ChatHandler> _commands = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ChatHandler> _submissions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChatHandler> _buttons = new(StringComparer.Ordinal);
    private ChatHandler? _firstContact;
    private ChatHandler? _fallback;

    public ChatRouter OnCommand(string word, ChatHandler handler) => Add(_commands, word, handler);
    public ChatRouter OnSubmit(string card, ChatHandler handler) => Add(_submissions, card, handler);
    public ChatRouter OnButton(string action, ChatHandler handler) => Add(_buttons, action, handler);

    public ChatRouter OnFirstContact(ChatHandler handler)
    {
        _firstContact = handler;
        return this;
    }

    public ChatRouter OnUnknown(ChatHandler handler)
    {
        _fallback = handler;
        return this;
    }

    public IReadOnlyCollection<string> Commands => _commands.Keys;

    public async Task<IReadOnlyList<Reply>> RouteAsync(ChatEvent chatEvent, CancellationToken cancellationToken = default)
    {
        var reviewer = await reviewers.GetAsync(chatEvent.UserKey, cancellationToken).ConfigureAwait(false);
        var words = (chatEvent.Text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var handler = Choose(chatEvent, reviewer, words);
        var context = new ChatContext(chatEvent, reviewer, leads.IsLead(chatEvent.UserKey, reviewer),
            chatEvent.Action is null ? words.Skip(1).ToList() : []);
        return await handler(context, cancellationToken).ConfigureAwait(false);
    }

    private ChatHandler Choose(ChatEvent chatEvent, Reviewer? reviewer, string[] words)
    {
        var fallback = _fallback ?? throw new InvalidOperationException("The router needs an OnUnknown handler.");
        if (reviewer is null && _firstContact is { } firstContact && !IsProfileSubmission(chatEvent))
        {
            return firstContact;
        }
        if (chatEvent.Action is { } action)
        {
            return action.Name == "submit" && action.Card is { } card && _submissions.TryGetValue(card, out var submit) ? submit
                : _buttons.TryGetValue(action.Name, out var button) ? button
                : fallback;
        }
        return words.Length > 0 && _commands.TryGetValue(words[0].TrimStart('/'), out var command) ? command : fallback;
    }

    // The profile form is how someone new joins, so it must reach its handler before they are on the roster.
    private bool IsProfileSubmission(ChatEvent chatEvent) =>
        chatEvent.Action is { Name: "submit", Card: "profile" } && _submissions.ContainsKey("profile");

    private ChatRouter Add(Dictionary<string, ChatHandler> table, string key, ChatHandler handler) =>
        table.TryAdd(key, handler) ? this : throw new InvalidOperationException($"'{key}' is routed twice.");
}
