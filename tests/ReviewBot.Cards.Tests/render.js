// Runs in the test page after markdown-it and the official adaptivecards renderer are loaded.
// renderCard(payload) draws the card into #card and returns every problem the renderer reported while parsing
// and validating it (an empty list means the official renderer took the card as it is).
AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = markdownit().render(text);
  result.didProcess = true;
};

function renderCard(payload) {
  const card = new AdaptiveCards.AdaptiveCard();
  const context = new AdaptiveCards.SerializationContext();
  card.parse(payload, context);
  const problems = [];
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    problems.push(`parse: ${AdaptiveCards.ValidationEvent[e.event]}: ${e.message}`);
  }
  for (const e of card.validateProperties().validationEvents) {
    problems.push(`validate: ${AdaptiveCards.ValidationEvent[e.event]}: ${e.message}`);
  }
  const host = document.getElementById("card");
  host.innerHTML = "";
  host.appendChild(card.render());
  return problems;
}

// Opens every "Show full …" section and the skip reasons, so the expanded picture can be looked at too.
// Returns how many it opened.
function expandAll() {
  const openers = [...document.querySelectorAll("#card button")].filter(b => /^(Show full|Skip)/.test((b.textContent || "").trim()));
  for (const b of openers) b.click();
  return openers.length;
}

// Everything drawn past the right edge of the card, even where an ancestor clips it from view.
function overflowing() {
  const card = document.getElementById("card");
  const right = card.getBoundingClientRect().right + 0.5;
  return [...card.querySelectorAll("*")]
    .filter(e => e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().right > right)
    .map(e => `${e.tagName.toLowerCase()}.${e.className}: ${(e.textContent || "").trim().slice(0, 40)}`);
}
