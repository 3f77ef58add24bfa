// Inlined into every embed page (its hash is in static/_headers): tells the
// page that framed it how tall the clause card is, whenever that changes
// (fonts, width, zoom). embed.js listens for exactly this message.
const HEIGHT = "concord-embed:height";
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
