// Progressive enhancements; every page reads fully without this file.

// The one clipboard helper: a button labelled from labels.copyLabel that
// copies text() and then shows labels.copiedLabel. When the browser refuses
// (permissions, insecure context) refused() helps the reader copy by hand.
function copyButton(doc, labels, text, refused) {
  const button = doc.createElement("button");
  button.type = "button";
  button.textContent = labels.copyLabel;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(text());
      button.textContent = labels.copiedLabel;
    } catch {
      refused();
    }
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

// The clause the reader is at: the one in the address bar, else the first
// clause whose bottom is still on screen.
function currentClause(doc) {
  if (location.hash.length > 1) return location.hash.slice(1);
  for (const row of doc.querySelectorAll(".clause-row[id]")) {
    if (row.getBoundingClientRect().bottom > 0) return row.id;
  }
  return "";
}

// Links to the same text in another language or view keep the clause,
// because clause IDs are the same in every language.
function keepClauseAcrossLanguages(doc) {
  for (const link of doc.querySelectorAll("a[data-keep-clause]")) {
    link.addEventListener("click", () => {
      const id = currentClause(doc);
      if (id) link.hash = id;
    });
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
