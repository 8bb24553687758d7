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
  function overall(course, s) {
    var c = P.counts(course, s);
    return "You have completed " + c.done + " of " + c.total + " required modules." +
      (c.done === c.total && course.final ? (s.final.passed ? " You passed the final assessment." : " The final assessment is open.") : "");
  }
  function cardState(s, m) {
    return P.isComplete(s, m) ? "complete" : s.modules[m.slug] ? "started" : "new";
  }
  function hasProgress(s) {
    return Object.keys(s.modules).length > 0 || s.final.attempts.length > 0;
  }

  A.home = { resume: resume, overall: overall, cardState: cardState, hasProgress: hasProgress };
})(window.AWARE);

/* ---------- aware-home: resume, status of every module, reset ----------
   Root: the home page's main. Needs: [data-reset-progress] (and [data-resume-link] inside
   [data-resume] when there is one); shows [data-start], [data-overall-progress],
   [data-module-status="<slug>"] and [data-module-card="<slug>"] when present. */
(function (A) {
  var U = A.util;
  var H = A.home;
  A.register("aware-home", function (root, need) {
    var reset = need("[data-reset-progress]");
    var resumeBox = U.$("[data-resume]", root);
    var resumeLink = resumeBox && need("[data-resume] [data-resume-link]");
    var startBox = U.$("[data-start]", root);
    var overall = U.$("[data-overall-progress]", root);
    var store = A.store();
    var C = store.course;

    store.watch(function (s) {
      C.modules.forEach(function (m) {
        U.$$("[data-module-status=\"" + m.slug + "\"]", root).forEach(function (e) {
          e.textContent = A.progress.statusText(s, m);
          U.show(e, true);
        });
        U.$$("[data-module-card=\"" + m.slug + "\"]", root).forEach(function (card) {
          card.setAttribute("data-state", H.cardState(s, m));
        });
      });
      if (overall) {
        overall.textContent = H.overall(C, s);
        U.show(overall, true);
      }
      if (resumeBox) {
        var next = H.resume(C, s);
        if (next) {
          resumeLink.setAttribute("href", "modules/" + next.slug + ".html");
          resumeLink.textContent = "Continue where you left off: " + next.title;
        }
        U.show(resumeBox, !!next);
        U.show(startBox, !next);
      }
      U.show(reset, H.hasProgress(s));
    });

    reset.addEventListener("click", function () {
      if (!window.confirm("Reset your progress? This deletes your saved answers, scores and certificate details in this browser.")) return;
      store.reset();
      var h = U.$("#modules-title", root);
      if (!h) return;
      h.setAttribute("tabindex", "-1");
      h.focus();
    });
  });
})(window.AWARE);
