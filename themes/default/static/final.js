/* aware final assessment page. Loaded only on that page, after aware.js (whose AWARE
   namespace it extends: see there). */
"use strict";

/* ---------- Final assessment: recording attempts (pure) ---------- */
(function (A) {

  /* Every attempt is kept; the pass (score and date) changes only for a higher passing
     score, so a retry after a pass never takes the pass or the certificate's score away. */
  function record(s, pct, passed, date) {
    s.final.attempts.push({ date: date, score: pct, passed: passed });
    if (passed && (!s.final.passed || pct > s.final.score)) {
      s.final.passed = true;
      s.final.score = pct;
      s.final.date = date;
    }
  }
  function attemptsText(s) {
    var n = s.final.attempts.length;
    if (!n) return "";
    return "Attempts so far: " + n + ". Best score: " + Math.max.apply(null, s.final.attempts.map(function (a) { return a.score; })) + "%.";
  }
  /* How many questions each attempt asks: the course's number, at most the pool. */
  function drawSize(course, pool) { return Math.min(course.final.questions, pool); }

  A.final = { record: record, attemptsText: attemptsText, drawSize: drawSize };
})(window.AWARE);

/* ---------- aware-final: the final assessment ----------
   Root: the final page's main. Needs: section.quiz (a quiz form, see aware.js), the
   [data-final-locked] notice shown until every required module is complete, and the
   [data-final-passed] box; shows [data-final-attempts] when present. Each attempt is
   reported to AWARE_LMS.finalAttempt (see the progress store). */
(function (A) {
  var U = A.util;
  var F = A.final;
  A.register("aware-final", function (root, need) {
    var section = need("section.quiz");
    var locked = need("[data-final-locked]");
    var passedBox = need("[data-final-passed]");
    var attempts = U.$("[data-final-attempts]", root);
    var store = A.store();
    var C = store.course;
    if (!C.final) throw A.error("course.js has no final assessment");
    store.watch(function (s) {
      var open = A.progress.allDone(C, s);
      U.show(locked, !open);
      U.show(section, open);
      if (attempts) {
        attempts.textContent = F.attemptsText(s);
        U.show(attempts, s.final.attempts.length > 0);
      }
      U.show(passedBox, !!s.final.passed);
    });
    A.quiz.attach(section, {
      draw: F.drawSize(C, U.$$("fieldset.question", section).length),
      revealAnswers: false,
      passText: "You passed the final assessment.",
      passLink: { text: "Get your certificate", href: "certificate.html" },
      onResult: function (r) {
        store.update(function (s) { F.record(s, r.pct, r.passed, U.today()); });
        A.lms("finalAttempt", { score: r.pct, passed: r.passed, answers: r.answers });
      }
    }, A.need("aware-final", section));
  });
})(window.AWARE);
