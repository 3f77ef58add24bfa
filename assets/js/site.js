// Progressive enhancements; every page reads fully without this file.

// How long a button says "copied" before it offers to copy again.
const COPIED_FOR_MS = 3000;

// One polite live region for the page: a button whose label changes is not
// re-read by screen readers, so what a copy did is also said here. It is
// made with the first copy button, before anything is said in it: screen
// readers miss what is said in a region the moment it appears.
function announcer(doc) {
  let region = doc.getElementById("copy-status");
  if (!region) {
    region = doc.createElement("p");
    region.id = "copy-status";
    region.className = "visually-hidden";
    region.setAttribute("role", "status");
    region.setAttribute("aria-live", "polite");
    (doc.querySelector("main") || doc.body).append(region);
  }
  return region;
}

// The one clipboard helper: a button labelled from labels.copyLabel that
// copies text(), then shows and announces labels.copiedLabel for a few
// seconds. When the browser refuses (permissions, insecure context)
// refused() helps the reader copy by hand.
function copyButton(doc, labels, text, refused) {
  announcer(doc);
  const button = doc.createElement("button");
  button.type = "button";
  button.textContent = labels.copyLabel;
  let timer = 0;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(text());
    } catch {
      refused();
      return;
    }
    const region = announcer(doc);
    button.textContent = labels.copiedLabel;
    region.textContent = labels.copiedLabel;
    clearTimeout(timer);
    timer = setTimeout(() => {
      button.textContent = labels.copyLabel;
      if (region.textContent === labels.copiedLabel) region.textContent = "";
    }, COPIED_FOR_MS);
  });
  return button;
}

// A "copy link" button beside each clause anchor, where the Clipboard API
// exists. The anchor itself stays the no-script way to get the link.
function addCopyButtons(doc) {
  if (!navigator.clipboard) return;
  for (const anchor of doc.querySelectorAll("a[data-copy-link]")) {
    // Refused: follow the anchor so the address bar holds the link.
    anchor.after(copyButton(doc, doc.documentElement.dataset,
      () => anchor.dataset.copyLink, () => { location.hash = anchor.hash; }));
  }
}

// The clause the reader is at: the top-most one they can see, below what
// stays in view at the top (the header, the view switcher). A clause of
// which only a sliver shows there does not count: the reader is at the one
// beneath it. When the start of the clauses is in view the reader is at the
// top of the page, and the other page opens at its top too. Pages without
// clauses keep their anchor (notes and signatories entries have the same
// IDs in every language).
function currentClause(doc) {
  const rows = doc.querySelectorAll(".clause-row[id]");
  if (!rows.length) return location.hash.slice(1);
  let covered = 0;
  for (const bar of doc.querySelectorAll(".site-header, .view-switcher")) {
    covered = Math.max(covered, bar.getBoundingClientRect().bottom);
  }
  if (rows[0].getBoundingClientRect().top >= covered) return "";
  const sliver = 3 * parseFloat(getComputedStyle(doc.documentElement).fontSize);
  for (const row of rows) {
    if (row.getBoundingClientRect().bottom > covered + sliver) return row.id;
  }
  return rows[rows.length - 1].id;
}

// Links to the same text in another language or view keep the clause,
// because clause IDs are the same in every language. The hash is worked out
// when the link is used, so it is never one left from an earlier scroll.
function keepClauseAcrossLanguages(doc) {
  for (const link of doc.querySelectorAll("a[data-keep-clause]")) {
    const carry = () => {
      // The languages side by side go along to the other interface language;
      // without a choice here the link's own (a pair page's pair) stands.
      if ("keepLanguages" in link.dataset && new URLSearchParams(location.search).has("langs")) link.search = location.search;
      link.hash = currentClause(doc);
    };
    link.addEventListener("click", carry);
    link.addEventListener("auxclick", carry);
    link.addEventListener("contextmenu", carry);
  }
}

// --- Embed panels (issue 6, docs/embedding.md) ---
// A "copy code" button under each embed code. Without it (or when refused)
// the code is selected in its read-only textarea, ready to copy by hand.
function addEmbedCopyButtons(doc) {
  if (!navigator.clipboard) return;
  for (const panel of doc.querySelectorAll("details.embed-panel")) {
    const code = panel.querySelector("textarea");
    if (!code) continue;
    code.after(copyButton(doc, panel.dataset, () => code.value, () => code.select()));
  }
}

// --- Languages side by side (issue 11, docs/authoring.md "Choosing the
// languages side by side") ---
// The reader's choice is ?langs=<key>,<key>,… in the address, so it can be
// shared and survives a reload; the #clause anchor stays as it is. A
// language the page lacks comes from its single-language page (text.html:
// the same clause anchors, each cell with its lang, dir and data-lang).
const MOST_COLUMNS = 3;

// The keys of ?langs= that name a language of the menu, once each, at most
// three, in the reader's order; [] when none does.
function chosenLanguages(search, known) {
  const raw = new URLSearchParams(search).get("langs") || "";
  const chosen = [];
  for (const key of raw.split(",")) {
    if (chosen.length === MOST_COLUMNS) break;
    if (known.has(key) && !chosen.includes(key)) chosen.push(key);
  }
  return chosen;
}

// One request per language and page view, shared by every row.
const fetchedPages = new Map();
function textPage(url) {
  if (!fetchedPages.has(url)) {
    fetchedPages.set(url, fetch(url, { credentials: "same-origin" }).then((r) => {
      if (!r.ok) throw new Error(r.status + " " + url);
      return r.text();
    }).then((html) => new DOMParser().parseFromString(html, "text/html")));
  }
  return fetchedPages.get(url);
}

function say(template, value) { return template.replace("{}", value); }

async function showLanguages(doc, nav, view, chosen) {
  const options = new Map([...nav.querySelector("select").options].map((o) => [o.value, o]));
  const status = nav.querySelector(".languages-status");
  status.textContent = "";
  view.setAttribute("aria-busy", "true");
  const pages = new Map();
  const shown = [];
  for (const key of chosen) {
    if (view.querySelector(`.clause-row > .cell[data-lang="${key}"]`)) {
      shown.push(key);
      continue;
    }
    try {
      pages.set(key, await textPage(options.get(key).dataset.text));
      shown.push(key);
    } catch {
      status.textContent = say(nav.dataset.failed, options.get(key).dataset.name);
    }
  }
  if (!shown.length) shown.push(...view.dataset.langs.split(","));

  // The column heads, in the chosen order.
  const head = view.querySelector(".columns-head");
  const heads = new Map([...head.children].map((s) => [s.dataset.lang, s]));
  head.replaceChildren(...shown.map((key) => {
    if (heads.has(key)) return heads.get(key);
    const o = options.get(key), span = doc.createElement("span");
    span.lang = o.lang;
    span.dir = o.dir;
    span.dataset.lang = key;
    span.textContent = o.textContent;
    return span;
  }));

  // Each row: its tools, then the chosen cells in order; the others stay,
  // hidden, so the row's label and the page's own text never go.
  for (const row of view.querySelectorAll(".clause-row[id]")) {
    const cells = new Map([...row.querySelectorAll(":scope > .cell")].map((c) => [c.dataset.lang, c]));
    for (const key of shown) {
      let cell = cells.get(key);
      if (!cell && pages.has(key)) {
        const there = pages.get(key).getElementById(row.id);
        const found = there && there.querySelector(".cell");
        if (found) cell = doc.importNode(found, true);
      }
      if (!cell) continue;
      cell.hidden = false;
      row.append(cell);
      cells.delete(key);
    }
    for (const cell of cells.values()) {
      cell.hidden = true;
      row.append(cell);
    }
  }
  view.classList.remove("columns-1", "columns-2", "columns-3");
  view.classList.add("columns-" + shown.length);

  // The header's titles: the page's own, then the other chosen languages'.
  const header = doc.querySelector(".initiative-header");
  const titles = new Map([...header.querySelectorAll(".other-title")].map((p) => [p.dataset.lang, p]));
  let after = header.querySelector("h1");
  for (const key of shown) {
    let title = titles.get(key);
    if (!title && pages.has(key)) {
      const h1 = pages.get(key).querySelector(".initiative-header h1");
      if (h1) {
        title = doc.createElement("p");
        title.className = "other-title";
        title.lang = options.get(key).lang;
        title.dir = options.get(key).dir;
        title.dataset.lang = key;
        title.textContent = h1.textContent;
      }
    }
    if (!title) continue;
    title.hidden = false;
    after.after(title);
    after = title;
    titles.delete(key);
  }
  for (const title of titles.values()) title.hidden = true;

  const names = shown.map((key) => options.get(key).dataset.name);
  nav.querySelector(".languages-shown").textContent = say(nav.dataset.shown, names.join(nav.dataset.separator));
  nav.querySelectorAll("select").forEach((select, i) => { select.value = shown[i] || ""; });
  for (const link of nav.querySelectorAll(".language-pairs a")) {
    if (link.dataset.langs === shown.join(",")) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  view.removeAttribute("aria-busy");
  return shown;
}

function chooseLanguages(doc) {
  const nav = doc.querySelector(".language-chooser");
  const view = doc.querySelector(".side-by-side");
  if (!nav || !view || !window.fetch) return;
  const form = nav.querySelector(".languages-form");
  const known = new Set([...form.querySelector("select").options].map((o) => o.value));
  const here = view.dataset.langs;

  const show = async (chosen, remember) => {
    const shown = await showLanguages(doc, nav, view, chosen);
    if (remember) {
      // Keys are letters, digits and hyphens: the commas stay readable.
      const rest = new URLSearchParams(location.search);
      rest.delete("langs");
      const others = rest.toString();
      history.replaceState(null, "", "?" + (others ? others + "&" : "") + "langs=" + shown.join(",") + location.hash);
    }
    // The anchored clause moved as the columns changed: bring it back.
    const target = location.hash && doc.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) target.scrollIntoView();
  };

  // The plain links stay on this page, in the reader's interface language.
  for (const link of nav.querySelectorAll(".language-pairs a")) {
    link.href = "?langs=" + link.dataset.langs + location.hash;
    link.addEventListener("click", (e) => {
      e.preventDefault();
      show(link.dataset.langs.split(","), true);
    });
  }
  form.hidden = false;
  form.addEventListener("change", () => {
    const picked = [...form.querySelectorAll("select")].map((s) => s.value).filter((v) => v);
    show(chosenLanguages("?langs=" + picked.join(","), known), true);
  });

  const chosen = chosenLanguages(location.search, known);
  show(chosen.length ? chosen : here.split(","), false);
}

addCopyButtons(document);
keepClauseAcrossLanguages(document);
addEmbedCopyButtons(document);
chooseLanguages(document);
