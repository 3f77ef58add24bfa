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
    const carry = () => { link.hash = currentClause(doc); };
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

addCopyButtons(document);
keepClauseAcrossLanguages(document);
addEmbedCopyButtons(document);
