// Live reload for `aware serve` (never part of a built site). Listens to the server's
// events: `reload` (pages changed), `css` (a stylesheet changed: swapped in place),
// `error` (the rebuild failed: the problems are shown over the last good page) and `ok`
// (fixed, nothing to reload).
(function () {
  "use strict";
  if (!window.EventSource || window.__awareReload) return;
  window.__awareReload = true;
  var OVERLAY_ID = "aware-serve-overlay";

  function here() {
    var p = decodeURIComponent(location.pathname).replace(/^\/+/, "");
    if (p === "" || p.charAt(p.length - 1) === "/") p += "index.html";
    return p;
  }

  function clearOverlay() {
    var o = document.getElementById(OVERLAY_ID);
    if (o) o.remove();
  }

  function el(tag, style, text) {
    var e = document.createElement(tag);
    if (style) e.setAttribute("style", style);
    if (text != null) e.textContent = text;
    return e;
  }

  function showOverlay(data) {
    clearOverlay();
    var list = (data.diagnostics || []).slice().sort(function (a, b) {
      return (a.severity === "error" ? 0 : 1) - (b.severity === "error" ? 0 : 1);
    });
    var box = el("div", "position:fixed;inset:0;z-index:2147483647;background:rgba(20,20,20,.55);display:flex;align-items:flex-start;justify-content:center;overflow:auto;padding:2rem 1rem;font:16px/1.45 system-ui,sans-serif;");
    box.id = OVERLAY_ID;
    box.setAttribute("role", "alert");
    box.setAttribute("aria-labelledby", OVERLAY_ID + "-title");
    var panel = el("div", "background:#fff;color:#1b1f24;max-width:60rem;width:100%;border-radius:8px;border-top:6px solid #b00020;padding:1.25rem 1.5rem;box-shadow:0 10px 40px rgba(0,0,0,.4);");
    var head = el("div", "display:flex;gap:1rem;align-items:flex-start;justify-content:space-between;");
    var errors = data.errors != null ? data.errors : list.filter(function (d) { return d.severity === "error"; }).length;
    var title = el("h2", "margin:0;font-size:1.25rem;color:#b00020;", "The course has " + errors + " error" + (errors === 1 ? "" : "s") + ": this is the last good version");
    title.id = OVERLAY_ID + "-title";
    var close = el("button", "font:inherit;padding:.35rem .9rem;border:2px solid #1b1f24;border-radius:6px;background:#fff;color:#1b1f24;cursor:pointer;", "Close");
    close.type = "button";
    close.setAttribute("aria-label", "Close the error report");
    close.addEventListener("click", clearOverlay);
    head.appendChild(title);
    head.appendChild(close);
    panel.appendChild(head);
    panel.appendChild(el("p", "margin:.5rem 0 1rem;", "Fix the file and save: this page updates by itself. (" + (data.summary || "") + ")"));
    var ol = el("ol", "margin:0;padding-left:1.25rem;");
    list.forEach(function (d) {
      var li = el("li", "margin:0 0 1rem;");
      li.className = "aware-serve-diagnostic";
      var p = el("p", "margin:0 0 .25rem;");
      var loc = el("code", "font-weight:700;", d.location);
      loc.className = "aware-serve-location";
      p.appendChild(loc);
      p.appendChild(document.createTextNode(" "));
      p.appendChild(el("strong", "color:" + (d.severity === "error" ? "#b00020" : "#8a5a00") + ";", d.severity + "[" + d.code + "]"));
      p.appendChild(document.createTextNode(": " + d.message));
      li.appendChild(p);
      if (d.hint) li.appendChild(el("p", "margin:0 0 .25rem;", "Help: " + d.hint));
      if (d.snippet) li.appendChild(el("pre", "margin:0;padding:.5rem;background:#f3f4f6;color:#1b1f24;overflow:auto;font:13px/1.4 ui-monospace,monospace;white-space:pre;", d.snippet));
      ol.appendChild(li);
    });
    panel.appendChild(ol);
    box.appendChild(panel);
    document.body.appendChild(box);
  }

  function swapCss(paths) {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var url = new URL(link.href, location.href);
      if (url.origin !== location.origin) return;
      if (paths.indexOf(url.pathname.replace(/^\/+/, "")) < 0) return;
      url.searchParams.set("aware-reload", String(Date.now()));
      var fresh = link.cloneNode();
      fresh.href = url.href;
      fresh.addEventListener("load", function () { link.remove(); });
      link.after(fresh);
    });
  }

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") clearOverlay();
  });

  var es = new EventSource("/__aware/events");
  es.addEventListener("reload", function (e) {
    var d = JSON.parse(e.data);
    clearOverlay();
    if (d.all || (d.paths || []).indexOf(here()) >= 0) location.reload();
  });
  es.addEventListener("css", function (e) {
    swapCss(JSON.parse(e.data).paths || []);
  });
  es.addEventListener("ok", clearOverlay);
  es.addEventListener("error", function (e) {
    // Also fired, without data, when the connection drops; EventSource reconnects.
    if (!e.data) return;
    showOverlay(JSON.parse(e.data));
  });
})();
