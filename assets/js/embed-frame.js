// Inlined into every embed page (embed/inline.html gives the generated
// _headers its hash). Sets the theme the host page chose, which embed.js
// passes as the fragment (#theme=dark, or #theme=auto: dark while the
// reader's system prefers it; anything else is light), before the card is
// painted. Then tells the page that framed it how tall the card is,
// whenever that changes (fonts, width, zoom): embed.js listens for exactly
// this message.
const HEIGHT = "concord-embed:height";
const theme = /^#theme=(dark|auto)$/.exec(location.hash);
if (theme) {
  const prefersDark = matchMedia("(prefers-color-scheme: dark)");
  const apply = () => {
    document.documentElement.dataset.theme = theme[1] === "dark" || prefersDark.matches ? "dark" : "light";
  };
  apply();
  if (theme[1] === "auto") prefersDark.addEventListener("change", apply);
}
let last = 0;

function report() {
  const h = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (h === last) return;
  last = h;
  // Only a number goes out, so any host may hear it ("*"): a sandboxed frame
  // cannot know its parent's origin anyway.
  parent.postMessage({ type: HEIGHT, height: h }, "*");
}

if (parent !== window) new ResizeObserver(report).observe(document.documentElement);
