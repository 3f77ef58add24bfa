// Progressive enhancements; every page reads fully without this file.

// A "copy link" button beside each clause anchor, where the Clipboard API
// exists. The anchor itself stays the no-script way to get the link.
function addCopyButtons(doc) {
  if (!navigator.clipboard) return;
  const copy = doc.documentElement.dataset.copyLabel;
  const copied = doc.documentElement.dataset.copiedLabel;
  for (const anchor of doc.querySelectorAll("a[data-copy-link]")) {
    const button = doc.createElement("button");
    button.type = "button";
    button.textContent = copy;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(anchor.dataset.copyLink);
        button.textContent = copied;
      } catch {
        // Clipboard refused (permissions, insecure context): follow the anchor
        // so the address bar holds the link to copy by hand.
        location.hash = anchor.hash;
      }
    });
    anchor.after(button);
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

addCopyButtons(document);
keepClauseAcrossLanguages(document);
