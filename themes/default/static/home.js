/* aware home page: where to continue, how far the learner is, and Reset. Loaded only on
   the home page, after aware.js (whose AWARE namespace it extends: see there). */
"use strict";

/* ---------- Home: what the home page says (pure) ----------
   `course.modules` is the module list in course order; with `part`, only its start (a long
   course's list arrives in pieces, see aware-home below): what needs more of it then
   answers undefined. */
(function (A) {
  var P = A.progress;
  /* As list.js's P.find, which the home page does not load (it would bring the whole list). */
  function find(course, slug) { return course.modules.filter(function (m) { return m.slug === slug; })[0] || null; }
  /* A module known only from its saved facts (its title unknown until its piece arrives). */
  function fromEntry(s, slug) {
    var e = s.modules[slug];
    return e && P.known(e) ? { slug: slug, title: null, required: e.required, quiz: e.hasQuiz } : null;
  }

  /* The module to continue with: the last one opened if it is not complete yet, else the
     first required module that is not; null before anything was started or when all are done. */
  function resume(course, s, part) {
    if (!Object.keys(s.modules).length) return null;
    var last = s.last && (find(course, s.last) || (part ? fromEntry(s, s.last) : null));
    if (last && !P.isComplete(s, last)) return last;
    var m = course.modules.filter(function (x) { return x.required && !P.isComplete(s, x); })[0];
    return m || (part ? undefined : null);
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
  /* The course without its module list: counts come from course.counts and the saved facts. */
  function whole(course) {
    var out = {};
    Object.keys(course).forEach(function (k) { if (k !== "modules") out[k] = course[k]; });
    return out;
  }
  /* The home page's main button follows the learner: start, continue, the final, the
     certificate. `title` is the module to continue with; `more` says the list's next piece
     is needed to tell which module that is. */
  function next(course, s, part) {
    var done = P.allDone(part ? whole(course) : course, s);
    if (s.final.passed || (done && !course.final)) return { stage: "certificate", label: "Get your certificate", href: "certificate.html" };
    if (done) return { stage: "final", label: "Take the final assessment", href: "final.html" };
    var m = resume(course, s, part);
    if (m === undefined) return { stage: "continue", label: "Continue the course", href: null, more: true };
    if (m) {
      var n = { stage: "continue", label: "Continue the course", href: "modules/" + m.slug + ".html", title: m.title };
      if (!m.title) delete n.title;
      return n;
    }
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
    /* This page's modules, from its cards (a theme's older cards without data-quiz take
       the quiz from the saved facts). */
    var cards = U.$$("[data-module-card]", root);
    var listed = cards.map(function (card) {
      var t = U.$(".module-card-title", card);
      return {
        slug: card.getAttribute("data-module-card"),
        title: t ? t.textContent : null,
        required: !card.closest(".module-list-optional"),
        quiz: card.hasAttribute("data-quiz") || null
      };
    });
    var bySlug = {};
    listed.forEach(function (m) { bySlug[m.slug] = m; });
    var statuses = U.$$("[data-module-status]", root);
    var startHref = button && button.getAttribute("href");
    /* A long course's list is in pieces (modules/list-<k>.js, one per list page): where to
       continue is found from the first piece on, loading the next only when needed. */
    var pages = Number(root.getAttribute("data-list-pages")) || 1;
    var pieces = [];
    var loading = false;
    var siteRoot = document.body.getAttribute("data-root") || "";
    /* The course with the modules known so far; `part` while pieces are still to come. */
    function list() {
      var C = store.course;
      if (C.modules) return { course: C, part: false };
      var out = {};
      Object.keys(C).forEach(function (k) { out[k] = C[k]; });
      out.modules = pages > 1 ? [].concat.apply([], pieces) : listed;
      return { course: out, part: pages > 1 && pieces.length < pages };
    }
    function morePieces() {
      if (loading) return;
      loading = true;
      var k = pieces.length;
      var s = U.el("script", { src: siteRoot + "modules/list-" + (k + 1) + ".js" });
      s.onload = function () {
        var rows = (window.AWARE_LISTS || [])[k];
        loading = false;
        if (!Array.isArray(rows)) return s.onerror();
        pieces.push(rows.map(function (r) { return { slug: r[0], title: r[1], required: r[2] === true, quiz: r[3] || null }; }));
        render(store.get());
      };
      s.onerror = function () {
        console.error("aware-home: modules/list-" + (k + 1) + ".js did not load: the button goes to the first module");
        pages = 1;
        pieces = [];
        listed = [];
        render(store.get());
      };
      document.head.appendChild(s);
    }
    function render(s) {
      var C = store.course;
      statuses.forEach(function (e) {
        var m = bySlug[e.getAttribute("data-module-status")];
        if (!m) return;
        e.textContent = A.progress.statusText(s, quizFact(s, m));
        U.show(e, true);
      });
      cards.forEach(function (card) {
        var m = bySlug[card.getAttribute("data-module-card")];
        if (m) card.setAttribute("data-state", H.cardState(s, quizFact(s, m)));
      });
      if (overall) {
        overall.textContent = "";
        H.overall(C, s).forEach(function (part) {
          overall.appendChild(typeof part === "string" ? document.createTextNode(part) : U.el("a", { href: part.href }, part.text));
        });
        U.show(overall, true);
      }
      if (!button) return;
      var l = list();
      var n = H.next(l.course, s, l.part);
      if (n.more) morePieces();
      if (n.stage === "start" && !store.course.modules) n.href = startHref;
      button.textContent = n.label;
      /* The module's name for screen readers; the visible label stays short (one line). */
      if (n.title) button.appendChild(U.el("span", { "class": "visually-hidden" }, ": " + n.title));
      if (n.href) button.setAttribute("href", n.href);
      button.setAttribute("data-stage", n.stage);
    }
    /* A card without data-quiz (a theme's own older template) takes it from the saved facts. */
    function quizFact(s, m) {
      var e = s.modules[m.slug];
      return m.quiz || !e || !A.progress.known(e) ? m : { slug: m.slug, title: m.title, required: m.required, quiz: e.hasQuiz };
    }
    store.watch(render);
  });
})(window.AWARE);
