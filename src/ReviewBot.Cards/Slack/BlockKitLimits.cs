using System.Text.Json.Nodes;

namespace ReviewBot.Cards.Slack;

/// <summary>Slack refuses a whole message or view when one field is over its limit, so every limit Slack
/// documents for the blocks we use is kept here, after binding, whatever the data held. Long section text is split
/// into more sections in a modal (where nothing else would show it) and in a plain message; in a task message it
/// is cut with "…(full text in the form)", because the form opened from that message shows it all. Short labels
/// are cut with "…". Identifiers that cannot be cut without breaking them (button values, private_metadata,
/// option values) fail loudly instead.</summary>
internal static class BlockKitLimits
{
    public const int MessageBlocks = 50;
    public const int ModalBlocks = 100;
    public const int MessageText = 4000;
    public const int SectionText = 3000;
    public const int SectionField = 2000;
    public const int SectionFields = 10;
    public const int TextObject = 3000;
    public const int HeaderText = 150;
    public const int ContextElements = 10;
    public const int ActionsElements = 25;
    public const int InputLabel = 2000;
    public const int InputHint = 2000;
    public const int Placeholder = 150;
    public const int ButtonText = 75;
    public const int ButtonValue = 2000;
    public const int Url = 3000;
    public const int OptionText = 75;
    public const int OptionValue = 150;
    public const int OptionDescription = 75;
    public const int ChoiceOptions = 10;
    public const int SelectOptions = 100;
    public const int TextInputLength = 3000;
    public const int ModalTitle = 24;
    public const int ModalButton = 24;
    public const int PrivateMetadata = 3000;
    public const int Id = 255;

    public const string InFormNote = "…(full text in the form)";
    public const string CutNote = "…(cut to fit Slack)";
    private const string Ellipsis = "…";

    public static void Apply(JsonObject root, bool offersForm)
    {
        var isModal = JsonText.Of(root["type"]) == "modal";
        if (isModal)
        {
            CutText(root["title"], ModalTitle);
            CutText(root["submit"], ModalButton);
            CutText(root["close"], ModalButton);
            RequireWithin(root, "private_metadata", PrivateMetadata);
        }
        else if (JsonText.Of(root["text"]) is { } text)
        {
            root["text"] = TextFit.Truncate(text, MessageText, Ellipsis);
        }

        if (root["blocks"] is not JsonArray blocks) return;
        var maxBlocks = isModal ? ModalBlocks : MessageBlocks;
        foreach (var element in Objects(blocks)) ApplyToElement(element);
        FitSections(blocks, maxBlocks, splitLongText: isModal || !offersForm);
        if (blocks.Count > maxBlocks) DropOverflow(blocks, maxBlocks);
    }

    private static void ApplyToElement(JsonObject element)
    {
        switch (JsonText.Of(element["type"]))
        {
            case "section":
                if (element["fields"] is JsonArray fields)
                {
                    Trim(fields, SectionFields);
                    foreach (var field in fields) CutText(field, SectionField);
                }
                break;
            case "header": CutText(element["text"], HeaderText); break;
            case "context":
                if (element["elements"] is JsonArray items)
                {
                    Trim(items, ContextElements);
                    foreach (var item in items) CutText(item, TextObject);
                }
                break;
            case "actions": Trim(element["elements"] as JsonArray, ActionsElements); break;
            case "input":
                CutText(element["label"], InputLabel);
                CutText(element["hint"], InputHint);
                break;
            case "button":
                CutText(element["text"], ButtonText);
                RequireWithin(element, "value", ButtonValue);
                RequireWithin(element, "url", Url);
                break;
            case "plain_text_input": FitTextInput(element); break;
            case "radio_buttons" or "checkboxes": Trim(element["options"] as JsonArray, ChoiceOptions); break;
            case "static_select" or "multi_static_select": Trim(element["options"] as JsonArray, SelectOptions); break;
        }
        CutText(element["placeholder"], Placeholder);
        RequireWithin(element, "block_id", Id);
        RequireWithin(element, "action_id", Id);
        if (element["options"] is JsonArray options)
        {
            foreach (var option in Objects(options))
            {
                CutText(option["text"], OptionText);
                CutText(option["description"], OptionDescription);
                RequireWithin(option, "value", OptionValue);
            }
        }
        foreach (var (_, child) in element)
        {
            if (child is JsonObject obj) ApplyToElement(obj);
            else if (child is JsonArray array) foreach (var item in Objects(array)) ApplyToElement(item);
        }
    }

    private static void FitTextInput(JsonObject input)
    {
        var max = Math.Min(Number(input["max_length"]) ?? TextInputLength, TextInputLength);
        input["max_length"] = max;
        if (Number(input["min_length"]) > max) input["min_length"] = max;
        if (JsonText.Of(input["initial_value"]) is { } initial && initial.Length > max)
            input["initial_value"] = TextFit.Truncate(initial, max, "");
    }

    private static int? Number(JsonNode? node) => node is JsonValue value && value.TryGetValue(out int number) ? number : null;

    /// <summary>Splits (or cuts) section text over the limit, spending no more blocks than the surface allows.</summary>
    private static void FitSections(JsonArray blocks, int maxBlocks, bool splitLongText)
    {
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i] is not JsonObject { } section || JsonText.Of(section["type"]) != "section" ||
                section["text"] is not JsonObject text || JsonText.Of(text["text"]) is not { Length: > SectionText } content)
                continue;

            if (!splitLongText)
            {
                text["text"] = TextFit.Truncate(content, SectionText, InFormNote);
                continue;
            }

            var pieces = TextFit.Split(content, SectionText);
            var room = Math.Max(0, maxBlocks - blocks.Count);
            if (pieces.Count - 1 > room)
            {
                var kept = string.Concat(pieces.Skip(room));
                pieces = [.. pieces.Take(room), TextFit.Truncate(kept, SectionText, CutNote)];
            }
            text["text"] = pieces[0];
            for (var p = 1; p < pieces.Count; p++)
            {
                var continued = new JsonObject { ["type"] = "section", ["text"] = text.DeepClone() };
                continued["text"]!["text"] = pieces[p];
                if (JsonText.Of(section["block_id"]) is { } blockId) continued["block_id"] = $"{blockId}-{p + 1}";
                blocks.Insert(i + p, continued);
            }
            i += pieces.Count - 1;
        }
    }

    /// <summary>Drops the blocks that do not fit, from the end but keeping a closing actions block, since the
    /// buttons are what the reader acts on; a note says how many were left out.</summary>
    private static void DropOverflow(JsonArray blocks, int maxBlocks)
    {
        var keepLast = blocks[^1] is JsonObject last && JsonText.Of(last["type"]) == "actions" ? 1 : 0;
        var dropped = blocks.Count - (maxBlocks - 1);
        for (var i = 0; i < dropped; i++) blocks.RemoveAt(blocks.Count - 1 - keepLast);
        blocks.Insert(blocks.Count - keepLast, new JsonObject
        {
            ["type"] = "context",
            ["elements"] = new JsonArray(new JsonObject { ["type"] = "plain_text", ["text"] = $"…({dropped} more not shown)" }),
        });
    }

    private static void CutText(JsonNode? textObject, int max)
    {
        if (textObject is JsonObject obj && JsonText.Of(obj["text"]) is { } text && text.Length > max)
            obj["text"] = TextFit.Truncate(text, max, Ellipsis);
    }

    private static void RequireWithin(JsonObject obj, string property, int max)
    {
        if (JsonText.Of(obj[property]) is { } value && value.Length > max)
            throw new CardTemplateException($"Block Kit '{property}' is {value.Length} characters; Slack allows {max}. It holds identifiers, so it is not cut: shorten what the data puts in it.");
    }

    private static void Trim(JsonArray? array, int max)
    {
        while (array is not null && array.Count > max) array.RemoveAt(array.Count - 1);
    }

    private static IEnumerable<JsonObject> Objects(JsonArray array) => array.OfType<JsonObject>().ToArray();
}
