// The local web chat: pick who you are, talk to ReviewBot, watch the team channels. The page only draws what the
// server sends (cards with the official Adaptive Cards renderer, text as text) and posts what the person did; every
// decision is the server's. It asks each conversation for news every second, which is all a local demo needs.
"use strict";

(() => {
  const POLL_MS = 1000;
  const STORED_IDENTITY = "reviewbot.webchat.me";
  const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

  const $ = (id) => document.getElementById(id);
  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  // ---- Talking to the server ------------------------------------------------------------------------------------

  async function call(method, url, body) {
    const response = await fetch(url, {
      method,
      cache: "no-store",
      headers: body ? { "Content-Type": "application/json" } : undefined,
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      // A refused message (too long, say) names what to change; that is the person's to fix, not a failure.
      const refusal = Object.values(problem.errors || {}).flat()[0];
      const error = new Error(refusal || problem.detail || problem.title || `${response.status} ${response.statusText}`);
      error.refused = Boolean(refusal);
      throw error;
    }
    return response.json();
  }

  const api = {
    people: () => call("GET", "/chat/people"),
    panes: (user) => call("GET", `/chat/panes?user=${encodeURIComponent(user)}`),
    messages: (conversation, user, after) =>
      call("GET", `/chat/messages?conversation=${encodeURIComponent(conversation)}&user=${encodeURIComponent(user)}&after=${after}`),
    post: (body) => call("POST", "/chat/messages", body),
  };

  // ---- Cards ------------------------------------------------------------------------------------------------------

  // Markdown in TextBlocks (a response's lists, the Guidelines link), as tests/ReviewBot.Cards.Tests/render.js does.
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = markdownit().render(text);
    result.didProcess = true;
  };

  const colors = (normal, subtle) => ({ default: normal, subtle: subtle || normal });
  const foreground = {
    default: colors("#0F1B2D", "#5B6B82"),
    dark: colors("#0F1B2D", "#33425A"),
    light: colors("#FFFFFF", "#E3E8EF"),
    accent: colors("#0B6E69", "#2E8A85"),
    good: colors("#067647", "#2F8F5E"),
    warning: colors("#B54708", "#C4661F"),
    attention: colors("#B42318", "#C4473D"),
  };
  const style = (backgroundColor) => ({ backgroundColor, foregroundColors: foreground });
  const hostConfig = new AdaptiveCards.HostConfig({
    fontFamily: FONT,
    supportsInteractivity: true,
    spacing: { small: 6, default: 10, medium: 16, large: 22, extraLarge: 30, padding: 14 },
    separator: { lineThickness: 1, lineColor: "#E3E8EF" },
    fontTypes: {
      default: {
        fontFamily: FONT,
        fontSizes: { small: 12, default: 15, medium: 17, large: 20, extraLarge: 24 },
        fontWeights: { lighter: 300, default: 400, bolder: 650 },
      },
      monospace: {
        fontFamily: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace',
        fontSizes: { small: 12, default: 14, medium: 16, large: 19, extraLarge: 23 },
        fontWeights: { lighter: 300, default: 400, bolder: 650 },
      },
    },
    containerStyles: {
      default: style("#FFFFFF"),
      emphasis: style("#F3F6F9"),
      accent: style("#E6F4F2"),
      good: style("#ECFDF3"),
      attention: style("#FEF3F2"),
      warning: style("#FFFAEB"),
    },
    actions: {
      maxActions: 6,
      spacing: "default",
      buttonSpacing: 8,
      actionsOrientation: "horizontal",
      actionAlignment: "left",
      // Long button titles ("Could seriously hurt a patient") wrap on a phone instead of being cut off.
      allowTitleToWrap: true,
      showCard: { actionMode: "inline", inlineTopMargin: 12 },
    },
    inputs: {
      label: {
        inputSpacing: "small",
        requiredInputs: { weight: "bolder", suffix: " *", suffixColor: "attention" },
        optionalInputs: { weight: "bolder" },
      },
      errorMessage: { size: "small", color: "attention" },
    },
  });

  // The bot's own links (an export) download in place; anything else (guidelines) opens in a new tab.
  function openLink(url) {
    const target = new URL(url, location.href);
    const link = el("a");
    link.href = target.href;
    if (target.origin === location.origin) {
      link.download = "";
    } else {
      link.target = "_blank";
      link.rel = "noopener";
    }
    document.body.append(link);
    link.click();
    link.remove();
  }

  function drawCard(content, onSubmit) {
    const card = new AdaptiveCards.AdaptiveCard();
    card.hostConfig = hostConfig;
    card.onExecuteAction = (action) => {
      if (action instanceof AdaptiveCards.SubmitAction) {
        // The renderer has already merged the card's inputs into the action's data.
        onSubmit(action.data || {});
      } else if (action instanceof AdaptiveCards.OpenUrlAction && action.url) {
        openLink(action.url);
      }
    };
    card.parse(content);
    const drawn = card.render();
    if (!drawn) throw new Error("the card renderer drew nothing");
    const host = el("div", "card");
    host.appendChild(drawn);
    for (const anchor of host.querySelectorAll("a[href]")) {
      anchor.target = "_blank";
      anchor.rel = "noopener";
    }
    return host;
  }

  // ---- Who you are ------------------------------------------------------------------------------------------------

  let me = null;
  let roster = [];

  const initials = (name) =>
    name.replace(/^(dr|mr|mrs|ms)\.?\s+/i, "").split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0].toUpperCase()).join("") || "?";

  function avatar(node, person) {
    node.textContent = initials(person.name);
    let hash = 0;
    for (const c of person.key) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
    node.style.setProperty("--hue", String(hash % 360));
  }

  function describe(person) {
    const parts = [person.credential, (person.specialties || []).map((s) => s.replace(/-/g, " ")).join(", ")].filter(Boolean);
    return parts.join(" · ") || "New to ReviewBot";
  }

  function slug(name) {
    return name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/^(dr|mr|mrs|ms)\.?\s+/, "").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40) || "guest";
  }

  async function showSignIn() {
    stopPolling();
    $("workspace").hidden = true;
    $("me").hidden = true;
    document.querySelector(".brand").classList.remove("compact");
    $("signin").hidden = false;
    roster = await api.people();
    const list = $("people");
    list.replaceChildren(...roster.map((person) => {
      const item = el("li");
      const button = el("button", "person");
      button.type = "button";
      button.dataset.key = person.key;
      const face = el("span", "avatar");
      avatar(face, person);
      const title = el("span", "person-name");
      title.append(el("strong", "", person.name));
      if (person.lead) title.append(el("span", "badge lead", "Lead"));
      if (!person.verified) title.append(el("span", "badge pending", "Awaiting verification"));
      const text = el("span", "person-text");
      text.append(title, el("small", "", describe(person)));
      button.append(face, text);
      button.addEventListener("click", () => signIn({ key: person.key, name: person.name }));
      item.append(button);
      return item;
    }));
  }

  $("join").addEventListener("submit", (event) => {
    event.preventDefault();
    const name = $("join-name").value.trim();
    if (!name) return;
    const taken = new Set(roster.map((p) => p.key));
    let key = `web:${slug(name)}`;
    for (let n = 2; taken.has(key); n++) key = `web:${slug(name)}-${n}`;
    signIn({ key, name, joining: true });
  });

  $("switch").addEventListener("click", () => {
    localStorage.removeItem(STORED_IDENTITY);
    me = null;
    showSignIn().catch(report);
  });

  async function signIn(person) {
    me = person;
    localStorage.setItem(STORED_IDENTITY, JSON.stringify(me));
    const known = roster.find((p) => p.key === me.key);
    avatar($("me-avatar"), me);
    $("me-name").textContent = known ? known.name : me.name;
    $("me-role").textContent = known ? describe(known) + (known.lead ? " · Lead" : "") : "Joining ReviewBot";
    $("me").hidden = false;
    document.querySelector(".brand").classList.add("compact");
    $("signin").hidden = true;
    $("workspace").hidden = false;
    await openWorkspace(known);
  }

  // ---- Panes: the chat with the bot, and the team channels -------------------------------------------------------

  let panes = [];
  let activePane = null;

  const EMPTY = {
    direct: "Say <b>next</b> for your first task, <b>status</b> for your week, or <b>help</b> for everything I can do.",
    team: "Nothing here yet. Announcements from your leads appear here, each with a Start button.",
    leads: "No harm alerts. When a clinician marks an answer as dangerous, it appears here at once, quoting the passage.",
  };

  async function openWorkspace(known) {
    stopPolling();
    const shown = await api.panes(me.key);
    const template = $("pane-template");
    panes = shown.map((info, index) => {
      const node = template.content.firstElementChild.cloneNode(true);
      node.classList.add(info.kind);
      node.id = `pane-${index}`;
      node.dataset.conversation = info.key;
      node.querySelector(".pane-title").textContent = info.title;
      node.querySelector(".pane-subtitle").textContent = info.subtitle;
      node.querySelector(".empty").innerHTML = EMPTY[info.kind];
      const pane = { ...info, node, lastRev: 0, loaded: false, messages: new Map(), unread: 0, tab: null };
      setUpComposer(pane, info.kind === "direct" ? chipsFor(known) : []);
      return pane;
    });
    $("panes").replaceChildren(...panes.map((p) => p.node));
    $("workspace").dataset.panes = String(panes.length);
    buildTabs();
    activate(panes[0]);
    await Promise.all(panes.map(refresh));
    const chat = panes[0];
    if (me.joining && chat.messages.size === 0) {
      // Someone new says hello, as they would to a bot in Teams; the server answers with its welcome and profile cards.
      await send(chat, "hello");
    }
    me.joining = false;
    localStorage.setItem(STORED_IDENTITY, JSON.stringify(me));
    startPolling();
  }

  function chipsFor(known) {
    return known && known.lead ? ["next", "status", "batches", "help"] : ["next", "status", "help"];
  }

  function buildTabs() {
    const tabs = $("tabs");
    tabs.replaceChildren(...panes.map((pane) => {
      const tab = el("button", "tab");
      tab.type = "button";
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", pane.node.id);
      const unread = el("span", "unread");
      unread.hidden = true;
      tab.append(el("span", "tab-label", pane.kind === "direct" ? "Chat" : pane.title), unread);
      tab.addEventListener("click", () => activate(pane));
      pane.tab = tab;
      return tab;
    }));
  }

  function activate(pane) {
    activePane = pane;
    for (const p of panes) {
      const on = p === pane;
      p.node.classList.toggle("active", on);
      p.tab.setAttribute("aria-selected", String(on));
      if (on) setUnread(p, 0);
    }
    scrollToEnd(pane);
  }

  // Side by side on a wide screen every pane is in view; on a phone only the active one is.
  const inView = (pane) => pane === activePane || window.matchMedia("(min-width: 860px)").matches;

  function setUnread(pane, count) {
    pane.unread = count;
    const badge = pane.tab.querySelector(".unread");
    badge.textContent = count > 9 ? "9+" : String(count);
    badge.hidden = count === 0;
  }

  // ---- Messages ---------------------------------------------------------------------------------------------------

  const time = (iso) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

  function linkified(text) {
    const body = el("div", "text");
    for (const part of text.split(/(https?:\/\/[^\s)]+)/)) {
      if (/^https?:\/\//.test(part)) {
        const link = el("a", "", part);
        link.href = part;
        link.target = "_blank";
        link.rel = "noopener";
        body.append(link);
      } else if (part) {
        body.append(document.createTextNode(part));
      }
    }
    return body;
  }

  function drawMessage(pane, message) {
    const mine = message.from === me.key;
    const fromBot = message.from === "bot";
    const item = el("li", `msg ${fromBot ? "from-bot" : mine ? "from-me" : "from-other"}${message.card ? " has-card" : ""}${message.ephemeral ? " ephemeral" : ""}`);
    if (message.id) item.dataset.id = String(message.id);
    if (message.card) item.dataset.card = message.card;

    const meta = el("div", "meta");
    if (message.ephemeral) {
      meta.append(el("span", "only-you", "Only you can see this"));
    } else {
      meta.append(el("span", "who", fromBot ? "ReviewBot" : mine ? "You" : message.fromName || message.from), el("time", "", time(message.at)));
    }
    const face = el("span", "avatar small");
    if (fromBot) face.classList.add("bot");
    else avatar(face, { key: message.from, name: message.fromName || message.from });

    const body = message.card ? cardOrNotice(pane, item, message) : linkified(message.text || "");
    const column = el("div", "bubble-column");
    column.append(meta, body);
    item.append(face, column);
    return item;
  }

  // One card the renderer cannot draw must not stop the conversation: it says so in its place, and the rest goes on.
  function cardOrNotice(pane, item, message) {
    try {
      return drawCard(message.content, (data) => act(pane, item, message, data));
    } catch (error) {
      console.warn(`Card ${message.card} (message ${message.id}) could not be drawn:`, error);
      return linkified(`This ${message.card} card could not be shown here. ${message.content?.fallbackText || ""}`.trim());
    }
  }

  function place(pane, message, fromPoll) {
    const known = message.id ? pane.messages.get(message.id) : null;
    if (known && known.rev >= message.rev) return;
    const list = pane.node.querySelector(".messages");
    const nearEnd = isNearEnd(pane);
    const node = drawMessage(pane, message);
    if (known) {
      known.node.replaceWith(node);
      // A replaced card (recorded, or back with errors) is what the person looks at now.
      if (node.getBoundingClientRect().top < pane.node.querySelector(".scroller").getBoundingClientRect().top) {
        node.scrollIntoView({ block: "start" });
      }
    } else {
      const later = message.id ? [...list.children].find((n) => n.dataset.id && Number(n.dataset.id) > message.id) : null;
      list.insertBefore(node, later || null);
      if (nearEnd || message.from === me.key || !fromPoll) scrollToLatest(pane, node);
      if (fromPoll && !inView(pane) && message.from !== me.key) setUnread(pane, pane.unread + 1);
    }
    if (message.id) pane.messages.set(message.id, { rev: message.rev, node });
    pane.node.classList.toggle("has-messages", list.children.length > 0);
  }

  function isNearEnd(pane) {
    const scroller = pane.node.querySelector(".scroller");
    return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 120;
  }

  function scrollToEnd(pane) {
    const scroller = pane.node.querySelector(".scroller");
    requestAnimationFrame(() => { scroller.scrollTop = scroller.scrollHeight; });
  }

  // A task card is read from the top: when the newest message is taller than the view, it starts at the top of the
  // view rather than showing only its buttons.
  function scrollToLatest(pane, node) {
    const scroller = pane.node.querySelector(".scroller");
    requestAnimationFrame(() => {
      const top = node.offsetTop - 8;
      scroller.scrollTop = node.offsetHeight > scroller.clientHeight ? top : scroller.scrollHeight;
    });
  }

  // ---- Acting: typing, and pressing a card's buttons -------------------------------------------------------------

  // The server answers a post it has seen before from its first answer; randomUUID needs a secure context, which a
  // page opened by the machine's LAN address is not.
  const newEventId = () =>
    crypto.randomUUID ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

  async function send(pane, text) {
    const replies = await api.post({ user: me.key, name: me.name, conversation: pane.key, text, eventId: newEventId() });
    for (const message of replies.messages) place(pane, message, false);
  }

  async function act(pane, item, message, data) {
    if (item.classList.contains("busy")) return;
    item.classList.add("busy");
    try {
      const replies = await api.post({
        user: me.key,
        name: me.name,
        conversation: pane.key,
        action: { action: data.action, card: data.card, data },
        messageId: message.id,
        eventId: newEventId(),
      });
      for (const reply of replies.messages) place(pane, reply, false);
    } catch (error) {
      report(error);
    } finally {
      item.classList.remove("busy");
    }
  }

  function setUpComposer(pane, chips) {
    const form = pane.node.querySelector(".composer");
    const box = form.querySelector("textarea");
    box.placeholder = pane.kind === "direct" ? "Message ReviewBot…" : `Message ${pane.title}…`;
    const chipRow = form.querySelector(".chips");
    chipRow.hidden = chips.length === 0;
    for (const word of chips) {
      const chip = el("button", "chip", word);
      chip.type = "button";
      chip.addEventListener("click", () => submit(word));
      chipRow.append(chip);
    }
    const fit = () => {
      box.style.height = "auto";
      box.style.height = `${Math.min(box.scrollHeight, 140)}px`;
    };
    async function submit(text) {
      if (!text || form.classList.contains("busy")) return;
      form.classList.add("busy");
      try {
        await send(pane, text);
        if (box.value.trim() === text) box.value = "";
        fit();
      } catch (error) {
        report(error);
      } finally {
        form.classList.remove("busy");
      }
    }
    box.addEventListener("input", fit);
    box.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        submit(box.value.trim());
      }
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      submit(box.value.trim());
    });
  }

  // ---- Keeping up to date ----------------------------------------------------------------------------------------

  let pollTimer = 0;
  let polling = false;

  async function refresh(pane) {
    const news = await api.messages(pane.key, me.key, pane.lastRev);
    for (const message of news.messages) {
      place(pane, message, pane.loaded);
      pane.lastRev = Math.max(pane.lastRev, message.rev);
    }
    pane.loaded = true;
  }

  function startPolling() {
    polling = true;
    const tick = async () => {
      if (!polling) return;
      try {
        await Promise.all(panes.map(refresh));
        $("connection").hidden = true;
      } catch {
        $("connection").hidden = false;
      }
      if (polling) pollTimer = setTimeout(tick, POLL_MS);
    };
    pollTimer = setTimeout(tick, POLL_MS);
  }

  function stopPolling() {
    polling = false;
    clearTimeout(pollTimer);
  }

  let toastTimer = 0;
  function report(error) {
    const toast = $("toast");
    toast.textContent = error.refused ? error.message : `Something went wrong: ${error.message || error}. Try again in a moment.`;
    toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { toast.hidden = true; }, 6000);
  }

  // ---- Start ------------------------------------------------------------------------------------------------------

  async function start() {
    const stored = JSON.parse(localStorage.getItem(STORED_IDENTITY) || "null");
    if (!stored) {
      await showSignIn();
      return;
    }
    roster = await api.people();
    await signIn(stored);
  }

  start().catch(report);
})();
