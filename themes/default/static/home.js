/* aware home page: where to continue, how far the learner is, and Reset. Loaded only on
   the home page, after aware.js (whose AWARE namespace it extends: see there). */
"use strict";

/* ---------- Home: what the home page says (pure) ---------- */
(function (A) {
  var P = A.progress;

  /* The module to continue with: the last one opened if it is not complete yet, else the
     first required module that is not; null before anything was started or when all are done. */
  function resume(course, s) {
    if (!Object.keys(s.modules).length) return null;
    var last = s.last && P.find(course, s.last);
    if (last && !P.isComplete(s, last)) return last;
    return course.modules.filter(function (m) { return m.required && !P.isComplete(s, m); })[0] || null;
  }
  /* The overall line, as text and at most one link: [text, { text, href }, text]. */
  function overall(course, s) {
    var c = P.counts(course, s);
    var out = ["You have completed " + c.done + " of " + c.total + " required module" + (c.total === 1 ? "" : "s") + "."];
    if (c.done === c.total && course.final) {
      if (s.final.passed) out[0] += " You passed the final assessment.";
      else out.push(" ", { text: "The final assessment is open", href: "final.html" }, ".");
    }
    return out;
  }
  /* The home page's main button follows the learner: start, continue, the final, the
     certificate. `title` is the module to continue with. */
  function next(course, s) {
    var done = P.allDone(course, s);
    if (s.final.passed || (done && !course.final)) return { stage: "certificate", label: "Get your certificate", href: "certificate.html" };
    if (done) return { stage: "final", label: "Take the final assessment", href: "final.html" };
    var m = resume(course, s);
    if (m) return { stage: "continue", label: "Continue the course", href: "modules/" + m.slug + ".html", title: m.title };
    var first = course.modules[0];
    return { stage: "start", label: "Start the course", href: first ? "modules/" + first.slug + ".html" : null };
  }
  function cardState(s, m) {
    return P.isComplete(s, m) ? "complete" : s.modules[m.slug] ? "started" : "new";
  }
  function hasProgress(s) {
    return Object.keys(s.modules).length > 0 || s.final.attempts.length > 0;
  }

  A.home = { resume: resume, overall: overall, next: next, cardState: cardState, hasProgress: hasProgress };
})(window.AWARE);

/* ---------- aware-home: the main button, status of every module, reset ----------
   Root: the home page's main. Needs: [data-reset-progress]; shows the main button
   [data-start-link], [data-overall-progress], [data-module-status="<slug>"] and
   [data-module-card="<slug>"] when present. Reset is wired first, so it works whatever
   the saved progress holds. */
(function (A) {
  var U = A.util;
  var H = A.home;
  A.register("aware-home", function (root, need) {
    var reset = need("[data-reset-progress]");
    var store = A.store();
    reset.addEventListener("click", function () {
      if (!window.confirm("Reset your progress? This deletes your saved answers, scores and certificate details in this browser.")) return;
      store.reset();
      var h = U.$("#modules-title", root);
      if (!h) return;
      h.setAttribute("tabindex", "-1");
      h.focus();
    });
    store.watch(function (s) { U.show(reset, H.hasProgress(s) || store.readOnly()); });
    var button = U.$("[data-start-link]", root);
    var overall = U.$("[data-overall-progress]", root);
    var C = store.course;

    if (!C.modules) throw A.error("no module list (modules.js did not load)");
    /* The modules this page lists (one page of a long course's list), found once. */
    var bySlug = {};
    C.modules.forEach(function (m) { bySlug[m.slug] = m; });
    var statuses = U.$$("[data-module-status]", root);
    var cards = U.$$("[data-module-card]", root);
    store.watch(function (s) {
      statuses.forEach(function (e) {
        var m = bySlug[e.getAttribute("data-module-status")];
        if (!m) return;
        e.textContent = A.progress.statusText(s, m);
        U.show(e, true);
      });
      cards.forEach(function (card) {
        var m = bySlug[card.getAttribute("data-module-card")];
        if (m) card.setAttribute("data-state", H.cardState(s, m));
      });
      if (overall) {
        overall.textContent = "";
        H.overall(C, s).forEach(function (part) {
          overall.appendChild(typeof part === "string" ? document.createTextNode(part) : U.el("a", { href: part.href }, part.text));
        });
        U.show(overall, true);
      }
      var n = H.next(C, s);
      if (!button) return;
      button.textContent = n.label;
      /* The module's name for screen readers; the visible label stays short (one line). */
      if (n.title) button.appendChild(U.el("span", { "class": "visually-hidden" }, ": " + n.title));
      if (n.href) button.setAttribute("href", n.href);
      button.setAttribute("data-stage", n.stage);
    });
  });
})(window.AWARE);
