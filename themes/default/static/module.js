/* aware module pages: module progress, quizzes and glossary pop-ups. Also loaded by the
   final assessment page, for the quiz form. Loaded after aware.js, whose AWARE namespace
   it extends: see there. */
"use strict";

/* ---------- aware-module: a module page records that it was opened and read to the end ----------
   Root: the module's article, with data-module-slug, data-required ("true" or "false") and
   data-module-quiz (when it has a quiz): the page describes its own module, so it needs
   no module list. Needs: [data-module-end]. Shows the module's status in its
   [data-module-status="<slug>"] elements. */
(function (A) {
  var P = A.progress;
  /* The module of the article `root`: { slug, required, quiz }. */
  A.moduleOf = function (root) {
    return { slug: root.getAttribute("data-module-slug"), required: root.getAttribute("data-required") !== "false", quiz: root.getAttribute("data-module-quiz") || null };
  };
  A.register("aware-module", function (root, need) {
    var slug = root.getAttribute("data-module-slug");
    var end = need("[data-module-end]");
    var store = A.store();
    if (!slug) throw A.error("missing data-module-slug on the module's root");
    var m = A.moduleOf(root);
    var statuses = A.util.$$("[data-module-status=\"" + slug + "\"]", root);
    store.watch(function (s) {
      statuses.forEach(function (e) {
        e.textContent = P.statusText(s, m);
        e.hidden = false;
      });
    });
    store.update(function (s) {
      P.entry(s, slug, m);
      s.last = slug;
    });
    /* The end counts as reached once it has been on screen, even if the learner jumped
       past it (End key, a link to the quiz) without it ever intersecting. */
    var pending = false;
    function check() {
      pending = false;
      if (end.getBoundingClientRect().top >= window.innerHeight) return;
      window.removeEventListener("scroll", onScroll);
      var ms = store.get().modules[slug];
      if (!ms || !ms.end) store.update(function (s) { P.entry(s, slug, m).end = true; });
    }
    function onScroll() {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(check);
    }
    window.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("hashchange", check);
    check();
  });
})(window.AWARE);

/* ---------- Quizzes: scoring (pure), the quiz form, and aware-quiz for module quizzes ---------- */
(function (A) {
  var U = A.util;
  var $ = U.$;
  var $$ = U.$$;

  /* The answer key: the JSON text of script.quiz-key, a base64 string of UTF-8 JSON
     { quiz, pass_mark, shuffle, questions: { <id>: { kind, correct: [indexes],
     feedback: [html or null per option], explanation: html or null } } }; null if unreadable. */
  function decode(text) {
    try {
      var bin = atob(JSON.parse(text));
      var bytes = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      return JSON.parse(new TextDecoder("utf-8").decode(bytes));
    } catch (e) {
      return null;
    }
  }
  function shuffled(list, random) {
    var a = list.slice();
    for (var i = a.length - 1; i > 0; i--) {
      var j = Math.floor((random || Math.random)() * (i + 1));
      var t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }
  function draw(list, n, random) { return shuffled(list, random).slice(0, n); }
  function sameSet(a, b) { return a.length === b.length && a.slice().sort().join() === b.slice().sort().join(); }
  /* answers: [{ id, response: [option indexes] }] in the order asked. A question is right
     only when exactly its correct options are chosen; the score is a whole percent and
     passes at the pass mark or above. */
  function score(key, answers) {
    var right = 0;
    var out = answers.map(function (a) {
      var q = key.questions[a.id];
      var ok = !!q && sameSet(a.response, q.correct);
      if (ok) right++;
      return { id: a.id, kind: q ? q.kind : null, response: a.response.slice(), correct: ok };
    });
    var pct = out.length ? Math.round(100 * right / out.length) : 0;
    return { right: right, total: out.length, pct: pct, passed: pct >= key.pass_mark, answers: out };
  }

  /* The quiz form inside `section` (markup: templates/quiz.html). opts: draw (how many
     questions to draw from the pool for each attempt, or a function (fieldsets, key) →
     the fieldsets of one attempt), revealAnswers, passText,
     onResult(what score() returned). */
  function attach(section, opts, need) {
    var key = decode(need("script.quiz-key").textContent);
    if (!key) throw A.error("the answer key in script.quiz-key cannot be read");
    var form = need("[data-quiz-form]");
    var anchor = need(".quiz-actions");
    var summary = need("[data-error-summary]");
    var result = need("[data-quiz-result]");
    var submit = need("[data-quiz-submit]");
    var retry = need("[data-quiz-retry]");
    var all = $$("fieldset.question", form);
    var container = need("fieldset.question").parentNode;
    var active = all;
    var submitted = false;

    function arrange() {
      var order = typeof opts.draw === "function" ? opts.draw(all, key) : opts.draw ? draw(all, opts.draw) : key.shuffle ? shuffled(all) : all;
      active = order;
      all.forEach(function (f) {
        var on = order.indexOf(f) >= 0;
        f.hidden = !on;
        f.disabled = !on;
      });
      order.forEach(function (f, i) {
        container.insertBefore(f, anchor);
        $(".question-number", f).textContent = "Question " + (i + 1) + " of " + order.length;
        /* True/false keeps its order: "False, True" reads as a trick. */
        if (!key.shuffle && !opts.draw || f.getAttribute("data-kind") === "true_false") return;
        var box = $(".options", f);
        shuffled($$(".option", box)).forEach(function (o) { box.appendChild(o); });
      });
    }
    function reset() {
      submitted = false;
      all.forEach(function (f) {
        f.removeAttribute("data-result");
        f.classList.remove("question-error");
        $$("input", f).forEach(function (i) {
          i.checked = false;
          i.disabled = false;
        });
        $$(".option-tag", f).forEach(function (t) { t.remove(); });
        $$(".option", f).forEach(function (o) { o.removeAttribute("data-mark"); });
        var fb = $("[data-feedback]", f);
        fb.textContent = "";
        fb.hidden = true;
        var err = $(".error-message", f);
        if (err) err.remove();
      });
      summary.hidden = true;
      summary.textContent = "";
      result.textContent = "";
      result.removeAttribute("data-passed");
      result.removeAttribute("data-score");
      submit.hidden = false;
      retry.hidden = true;
      arrange();
    }
    function chosen(f) {
      return $$("input", f).filter(function (i) { return i.checked; }).map(function (i) { return Number(i.value); });
    }
    function labelOf(f, idx) {
      return $("label[for=\"" + $("input[value=\"" + idx + "\"]", f).id + "\"]", f).textContent.trim();
    }
    function html(tag, cls, markup) {
      var e = U.el(tag, cls && { "class": cls });
      /* Rendered from the course's own markdown at build time. */
      e.innerHTML = markup;
      return e;
    }

    function showErrors(missing) {
      summary.textContent = "";
      summary.appendChild(U.el("h3", { "class": "error-summary-title" }, "There is a problem"));
      var ul = U.el("ul");
      missing.forEach(function (f) {
        var first = $("input", f);
        var n = active.indexOf(f) + 1;
        var a = U.el("a", { href: "#" + first.id }, "Answer question " + n);
        a.addEventListener("click", function (ev) {
          ev.preventDefault();
          first.focus();
        });
        ul.appendChild(U.el("li")).appendChild(a);
        if (!$(".error-message", f)) f.insertBefore(U.el("p", { "class": "error-message" }, "Error: select an answer to question " + n + "."), $(".options", f));
        f.classList.add("question-error");
      });
      summary.appendChild(ul);
      summary.hidden = false;
      summary.focus();
    }
    function feedback(f, q, picked, ok) {
      var fb = $("[data-feedback]", f);
      fb.textContent = "";
      fb.appendChild(U.el("p", { "class": "result-label" }, ok ? "✓ Correct" : "✗ Not quite"));
      picked.forEach(function (idx) {
        if (!q.feedback[idx]) return;
        var p = U.el("p", { "class": "option-feedback" });
        p.appendChild(U.el("strong", null, "You chose “" + labelOf(f, idx) + "”: "));
        p.appendChild(html("span", null, q.feedback[idx]));
        fb.appendChild(p);
      });
      if (q.explanation) fb.appendChild(html("p", "explanation", q.explanation));
      fb.hidden = false;
    }
    /* Marks in the list itself, with an icon and words (never colour alone): the learner's
       own answers, and the right ones when the quiz reveals them (a module quiz) or the
       question was answered right. */
    function mark(f, q, picked, ok) {
      var known = ok || opts.revealAnswers;
      $$("input", f).forEach(function (i) {
        var idx = Number(i.value);
        var mine = picked.indexOf(idx) >= 0;
        var right = q.correct.indexOf(idx) >= 0;
        var m = mine ? (known ? (right ? "chosen-correct" : "chosen-wrong") : "chosen") : known && right ? "correct" : null;
        if (!m) return;
        var text = { "chosen-correct": "✓ Your answer: correct", "chosen-wrong": "✗ Your answer: not correct", chosen: "Your answer", correct: "✓ Correct answer" }[m];
        i.parentNode.setAttribute("data-mark", m);
        $("label[for=\"" + i.id + "\"]", f).appendChild(U.el("span", { "class": "option-tag option-tag-" + m + (m === "correct" ? " correct-answer" : "") }, text));
      });
    }

    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (submitted) return;
      var missing = active.filter(function (f) { return !chosen(f).length; });
      if (missing.length) return showErrors(missing);
      summary.hidden = true;
      var r = score(key, active.map(function (f) { return { id: f.getAttribute("data-question"), response: chosen(f) }; }));
      active.forEach(function (f, i) {
        var a = r.answers[i];
        var err = $(".error-message", f);
        if (err) err.remove();
        f.classList.remove("question-error");
        f.setAttribute("data-result", a.correct ? "correct" : "incorrect");
        var q = key.questions[a.id];
        if (q) {
          feedback(f, q, a.response, a.correct);
          mark(f, q, a.response, a.correct);
        }
        $$("input", f).forEach(function (i) { i.disabled = true; });
      });
      submitted = true;
      /* The score first (the result sits above the questions) and focus on it. */
      result.textContent = "You answered " + r.right + " of " + r.total + " questions correctly (" + r.pct + "%). " +
        (r.passed ? opts.passText : "You need " + key.pass_mark + "% to pass. Read the feedback on each question below, then try again.");
      if (r.passed && opts.passLink) {
        result.appendChild(document.createTextNode(" "));
        result.appendChild(U.el("a", { href: opts.passLink.href }, opts.passLink.text));
      }
      result.setAttribute("data-passed", String(r.passed));
      result.setAttribute("data-score", String(r.pct));
      submit.hidden = true;
      retry.hidden = r.passed;
      result.focus();
      opts.onResult(r);
    });
    retry.addEventListener("click", function () {
      reset();
      var h = $("h2", section);
      h.setAttribute("tabindex", "-1");
      h.focus();
    });
    reset();
  }

  A.quiz = { decode: decode, shuffled: shuffled, draw: draw, sameSet: sameSet, score: score, attach: attach };

  /* aware-quiz: a module's quiz. Root: section.quiz inside the module's [data-module-slug]. */
  /* What a module quiz says about earlier attempts (null before the first). */
  function pastText(q, passMark) {
    if (!q || !q.attempts) return null;
    return q.passed ? "You passed (best " + q.best + "%). You can take the quiz again: your pass stays."
      : "Your best score so far is " + q.best + "%. You need " + passMark + "% to pass.";
  }
  A.quiz.pastText = pastText;

  /* aware-quiz: a module's quiz. Root: section.quiz inside the module's [data-module-slug];
     shows earlier attempts in [data-quiz-status] when there is one. */
  A.register("aware-quiz", function (root, need) {
    var art = root.closest("[data-module-slug]");
    if (!art) throw A.error("no [data-module-slug] around the quiz");
    var slug = art.getAttribute("data-module-slug");
    var store = A.store();
    var status = $("[data-quiz-status]", root);
    var passMark = root.getAttribute("data-pass-mark");
    attach(root, {
      revealAnswers: true,
      passText: "You passed. This module is complete.",
      onResult: function (r) {
        if (status) status.hidden = true;
        store.update(function (s) { A.progress.quizResult(s, slug, r.pct, r.passed, A.moduleOf(art)); });
      }
    }, need);
    if (status) {
      var ms = store.get().modules[slug];
      var text = pastText(ms && ms.quiz, passMark);
      status.textContent = text || "";
      status.hidden = !text;
    }
  });
})(window.AWARE);

/* ---------- aware-glossary-popups: glossary terms open their definition on click, tap or keyboard ----------
   Root: the module's text. Each a.term[data-term] whose definition #def-<id> is on the
   page becomes a button that shows it; the others stay links to the glossary. */
(function (A) {
  var U = A.util;
  var count = 0;
  A.register("aware-glossary-popups", function (root) {
    var open = null;
    function close(restoreFocus) {
      if (!open) return;
      open.btn.setAttribute("aria-expanded", "false");
      open.pop.hidden = true;
      if (restoreFocus) open.btn.focus();
      open = null;
    }
    /* Below the term, inside the screen, relative to the root (positioned in the CSS; a
       table's scrolling wrapper is not, so a pop-up in a table is never clipped). */
    function place() {
      if (!open) return;
      var b = open.btn.getBoundingClientRect();
      var r = root.getBoundingClientRect();
      var pop = open.pop;
      var room = document.documentElement.clientWidth;
      var left = Math.max(8, Math.min(b.left, room - pop.offsetWidth - 8));
      pop.style.top = b.bottom - r.top + 6 + "px";
      pop.style.left = left - r.left + "px";
    }
    window.addEventListener("resize", place);
    /* Focus leaving the term and its pop-up closes it: nothing focused is ever under it. */
    root.addEventListener("focusout", function (ev) {
      if (open && ev.relatedTarget && !open.btn.contains(ev.relatedTarget) && !open.pop.contains(ev.relatedTarget)) close(false);
    });
    U.$$("a.term[data-term]", root).forEach(function (a) {
      var id = a.getAttribute("data-term");
      var def = document.getElementById("def-" + id);
      if (!def) return;
      var pid = "term-pop-" + count++;
      var btn = U.el("button", { type: "button", "class": "term", "aria-expanded": "false", "aria-controls": pid, "data-term": id });
      while (a.firstChild) btn.appendChild(a.firstChild);
      var pop = U.el("span", { "class": "term-popup", id: pid, role: "note" });
      pop.hidden = true;
      pop.appendChild(U.el("strong", { "class": "term-popup-title" }, U.$("dt", def).textContent));
      var dd = pop.appendChild(U.el("span", { "class": "term-popup-text" }));
      /* The definition's markup, as rendered at build time, copied from the page. */
      dd.innerHTML = " " + U.$("dd", def).innerHTML + " ";
      pop.appendChild(U.el("a", { href: a.getAttribute("href") }, "See the glossary"));
      a.parentNode.replaceChild(btn, a);
      btn.parentNode.insertBefore(pop, btn.nextSibling);
      btn.addEventListener("click", function () {
        var was = open && open.btn === btn;
        close(false);
        if (was) return;
        btn.setAttribute("aria-expanded", "true");
        pop.hidden = false;
        open = { btn: btn, pop: pop };
        place();
      });
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && open) close(true);
    });
    document.addEventListener("click", function (ev) {
      if (open && !open.btn.contains(ev.target) && !open.pop.contains(ev.target)) close(false);
    });
  });
})(window.AWARE);

