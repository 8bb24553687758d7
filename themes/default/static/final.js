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

  /* The ids of one attempt's `n` questions. items: [{ id, module, always }] (the pool).
     With spread "module": every `always` question, then one question at a time from
     the module (or, for questions naming none, the rest of the pool) that has the fewest
     so far, ties at random, random within each: the modules end up within one question
     of each other. Without: n at random. The attempt's order is shuffled. */
  function blueprint(items, n, spread, random) {
    var rnd = random || Math.random;
    var shuffled = A.quiz.shuffled;
    if (spread !== "module") return shuffled(items, rnd).slice(0, n).map(function (q) { return q.id; });
    var chosen = items.filter(function (q) { return q.always; }).slice(0, n);
    var counts = {};
    var buckets = {};
    items.forEach(function (q) {
      var k = q.module || "";
      if (!(k in counts)) counts[k] = 0;
      if (q.always) counts[k]++;
      else (buckets[k] = buckets[k] || []).push(q);
    });
    Object.keys(buckets).forEach(function (k) { buckets[k] = shuffled(buckets[k], rnd); });
    while (chosen.length < n) {
      var open = Object.keys(buckets).filter(function (k) { return buckets[k].length > 0; });
      if (!open.length) break;
      var least = Math.min.apply(null, open.map(function (k) { return counts[k]; }));
      var ties = open.filter(function (k) { return counts[k] === least; });
      var k = ties[Math.floor(rnd() * ties.length)];
      chosen.push(buckets[k].pop());
      counts[k]++;
    }
    return shuffled(chosen, rnd).map(function (q) { return q.id; });
  }

  A.final = { record: record, attemptsText: attemptsText, drawSize: drawSize, blueprint: blueprint };
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
    var size = F.drawSize(C, U.$$("fieldset.question", section).length);
    function attach() {
      A.quiz.attach(section, {
        draw: function (fieldsets, key) {
          var items = fieldsets.map(function (f) {
            var id = f.getAttribute("data-question");
            var q = key.questions[id] || {};
            return { id: id, module: q.module || null, always: !!q.always, el: f };
          });
          var ids = F.blueprint(items, size, C.final.spread);
          return ids.map(function (id) { return items.filter(function (q) { return q.id === id; })[0].el; });
        },
        revealAnswers: false,
        passText: "You passed the final assessment.",
        passLink: { text: "Get your certificate", href: "certificate.html" },
        onResult: function (r) {
          store.update(function (s) { F.record(s, r.pct, r.passed, U.today()); });
          A.lms("finalAttempt", { score: r.pct, passed: r.passed, answers: r.answers });
        }
      }, A.need("aware-final", section));
    }
    /* The draw reads the answer key, so quiz.js is needed at once: final.html loads it;
       a course's own final.html from before it did gets it loaded here. */
    if (A.quiz.decode) return attach();
    var base = document.body.getAttribute("data-root") || "";
    A.loadFiles([base + "static/quiz.css", base + "static/quiz.js"], function () { if (A.quiz.decode) attach(); });
  });
})(window.AWARE);
