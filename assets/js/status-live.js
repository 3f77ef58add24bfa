// Only under `hugo server` (layouts/_partials/status/live.html): the status
// page follows aligncheck --watch's report even when Hugo's live-reload
// message for it is lost. An edit reaches the site in two rebuilds, the
// content and then the report; when the second ends while this page is still
// reloading after the first, its message goes to no one (Hugo does not
// replay messages to a page that connects later) and the page kept the old
// report. So each time live reload connects, the page asks the server for
// its current version of itself and reloads if the report differs.
(() => {
  const script = document.currentScript;
  if (!script) {
    return;
  }
  const shown = script.dataset.statusVersion;
  const key = "concord-status-reloaded-for";
  const served = (html) => {
    const doc = new DOMParser().parseFromString(html, "text/html");
    const s = doc.querySelector("script[data-status-version]");
    return s ? s.dataset.statusVersion : shown;
  };
  let checking = false;
  const check = async () => {
    if (checking) {
      return;
    }
    checking = true;
    try {
      const res = await fetch(location.href, { cache: "no-store" });
      const version = res.ok ? served(await res.text()) : shown;
      // Once per version: a reload that brings the same old page (a cache
      // that answers 304) must not start a loop.
      if (version !== shown && sessionStorage.getItem(key) !== version) {
        sessionStorage.setItem(key, version);
        location.reload();
      }
    } catch {
      // The server is restarting: live reload connects again and so do we.
    } finally {
      checking = false;
    }
  };
  document.addEventListener("LiveReloadConnect", check);
  // Live reload may have connected before this script ran.
  check();
})();
