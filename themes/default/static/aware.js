/* aware learner script: progress, quizzes, final assessment, certificate, glossary
   pop-ups and quick exit. A classic script (not an ES module) so it runs from file://;
   no framework, no network: everything stays in this browser's localStorage. */
(function () {
  "use strict";

  var C = window.AWARE_COURSE || null;
  var body = document.body;
  var root = body.getAttribute("data-root") || "";
  var pageKind = body.getAttribute("data-page");
  body.classList.add("js");

  function $(sel, el) { return (el || document).querySelector(sel); }
  function $$(sel, el) { return Array.prototype.slice.call((el || document).querySelectorAll(sel)); }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text != null) e.textContent = text;
    return e;
  }
  function show(e, on) { if (e) e.hidden = !on; }

  /* ---------- Quick exit: leave for a neutral page, replacing this one in history ---------- */
  function setupQuickExit() {
    var link = $("[data-quick-exit]");
    if (!link) return;
    var url = link.getAttribute("data-exit-url") || link.href;
    function exitNow() {
      body.style.visibility = "hidden";
      window.location.replace(url);
    }
    link.addEventListener("click", function (ev) { ev.preventDefault(); exitNow(); });
    /* A press counts when Shift is released without another key in between: Shift used
       as a modifier (Shift+Tab, capitals) never counts, and any other key starts over. */
    var presses = [];
    var modified = false;
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Shift") { if (!ev.repeat) modified = false; return; }
      modified = true;
      presses = [];
    });
    document.addEventListener("keyup", function (ev) {
      if (ev.key !== "Shift" || modified) return;
      var now = Date.now();
      presses = presses.filter(function (t) { return now - t < 1000; });
      presses.push(now);
      if (presses.length >= 3) exitNow();
    });
  }
  setupQuickExit();

  /* ---------- Saved progress ---------- */
  var SCHEMA = 1;
  var KEY = C ? "aware:" + C.id + ":" + C.version : null;
  var memoryStore = null;

  function emptyState() { return { schema: SCHEMA, modules: {}, final: { attempts: [] }, last: null, name: null }; }
  function readState() {
    var raw = null;
    try { raw = window.localStorage.getItem(KEY); } catch (e) { raw = memoryStore; }
    if (!raw) return emptyState();
    try {
      var s = JSON.parse(raw);
      if (!s || s.schema !== SCHEMA || typeof s.modules !== "object") return emptyState();
      if (!s.final || !Array.isArray(s.final.attempts)) s.final = { attempts: [] };
      return s;
    } catch (e) { return emptyState(); }
  }
  var state = KEY ? readState() : emptyState();
  /* Every change re-reads the stored state first and applies only its own change, so two
     open tabs never overwrite each other's progress. */
  function update(change) {
    if (!KEY) return;
    var s = readState();
    change(s);
    var raw = JSON.stringify(s);
    try { window.localStorage.setItem(KEY, raw); } catch (e) { memoryStore = raw; }
    state = s;
    refresh();
  }
  function moduleState(s, slug) {
    if (!s.modules[slug]) s.modules[slug] = { end: false, quiz: null };
    return s.modules[slug];
  }
  function isComplete(m, s) {
    var ms = (s || state).modules[m.slug];
    if (!ms || !ms.end) return false;
    return !m.quiz || !!(ms.quiz && ms.quiz.passed);
  }
  function required() { return C ? C.modules.filter(function (m) { return m.required; }) : []; }
  function doneCount() { return required().filter(function (m) { return isComplete(m); }).length; }
  function allRequiredDone() { return doneCount() === required().length; }
  function moduleBySlug(slug) { return C ? C.modules.filter(function (m) { return m.slug === slug; })[0] : null; }
  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  function statusText(m) {
    if (isComplete(m)) return "Complete";
    var ms = state.modules[m.slug];
    if (!ms) return "Not started";
    if (ms.end && m.quiz) return "Quiz to pass";
    return "In progress";
  }

  /* Repaints everything that shows progress; called after every change. */
  function refresh() {
    if (!C) return;
    var total = required().length;
    var done = doneCount();
    var strip = $("[data-progress]");
    if (strip) {
      show(strip, true);
      var label = done + " of " + total + " required module" + (total === 1 ? "" : "s") + " complete";
      if (state.final && state.final.passed) label += " · final assessment passed";
      $("[data-progress-label]", strip).textContent = label;
      $("[data-progress-fill]", strip).style.width = (total ? Math.round(100 * done / total) : 0) + "%";
    }
    C.modules.forEach(function (m) {
      $$('[data-module-status="' + m.slug + '"]').forEach(function (e) {
        e.textContent = statusText(m);
        show(e, true);
      });
      $$('[data-module-card="' + m.slug + '"]').forEach(function (card) {
        card.setAttribute("data-state", isComplete(m) ? "complete" : (state.modules[m.slug] ? "started" : "new"));
      });
    });
    var overall = $("[data-overall-progress]");
    if (overall) {
      overall.textContent = "You have completed " + done + " of " + total + " required modules." +
        (done === total && C.final ? (state.final.passed ? " You passed the final assessment." : " The final assessment is open.") : "");
      show(overall, true);
    }
    var resume = $("[data-resume]");
    if (resume) {
      var last = state.last && moduleBySlug(state.last);
      var next = last && !isComplete(last) ? last : C.modules.filter(function (m) { return m.required && !isComplete(m); })[0];
      if (next && Object.keys(state.modules).length) {
        $("[data-resume-link]", resume).setAttribute("href", "modules/" + next.slug + ".html");
        $("[data-resume-link]", resume).textContent = "Continue where you left off: " + next.title;
        show(resume, true);
        show($("[data-start]"), false);
      } else {
        show(resume, false);
        show($("[data-start]"), true);
      }
    }
    var reset = $("[data-reset-progress]");
    if (reset) show(reset, Object.keys(state.modules).length > 0 || state.final.attempts.length > 0);
  }

  window.addEventListener("storage", function (ev) {
    if (ev.key === KEY) { state = readState(); refresh(); }
  });

  function setupHome() {
    var reset = $("[data-reset-progress]");
    if (!reset) return;
    reset.addEventListener("click", function () {
      if (!window.confirm("Reset your progress? This deletes your saved answers, scores and certificate details in this browser.")) return;
      try { window.localStorage.removeItem(KEY); } catch (e) { memoryStore = null; }
      state = emptyState();
      refresh();
      var h = $("#modules-title");
      if (h) { h.setAttribute("tabindex", "-1"); h.focus(); }
    });
  }

  /* ---------- Module pages ---------- */
  function setupModule() {
    var art = $("[data-module]");
    if (!art || !C) return;
    var slug = art.getAttribute("data-module");
    update(function (s) { moduleState(s, slug); s.last = slug; });
    var end = $("[data-module-end]");
    function reached() {
      if (state.modules[slug] && state.modules[slug].end) return;
      update(function (s) { moduleState(s, slug).end = true; });
    }
    if (!end) return;
    /* The end counts as reached once it has been on screen, even if the learner jumped
       past it (End key, a link to the quiz) without it ever intersecting. */
    var pending = false;
    function check() {
      pending = false;
      if (end.getBoundingClientRect().top < window.innerHeight) {
        reached();
        window.removeEventListener("scroll", onScroll);
      }
    }
    function onScroll() { if (!pending) { pending = true; window.requestAnimationFrame(check); } }
    window.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("hashchange", check);
    check();
  }

  /* ---------- Quizzes ---------- */
  function decodeKey(section) {
    var script = $("script.quiz-key", section);
    if (!script) return null;
    try {
      var b64 = JSON.parse(script.textContent);
      var bin = atob(b64);
      var bytes = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      return JSON.parse(new TextDecoder("utf-8").decode(bytes));
    } catch (e) { return null; }
  }
  function shuffled(list) {
    var a = list.slice();
    for (var i = a.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = a[i]; a[i] = a[j]; a[j] = t;
    }
    return a;
  }
  function sameSet(a, b) {
    if (a.length !== b.length) return false;
    var s = a.slice().sort().join(",");
    return s === b.slice().sort().join(",");
  }

  function setupQuiz(section, opts) {
    var key = decodeKey(section);
    var form = $("[data-quiz-form]", section);
    if (!key || !form) return null;
    var all = $$("fieldset.question", form);
    var container = all.length ? all[0].parentNode : form;
    var anchor = $(".quiz-actions", form);
    var summary = $("[data-error-summary]", form);
    var result = $("[data-quiz-result]", form);
    var submit = $("[data-quiz-submit]", form);
    var retry = $("[data-quiz-retry]", form);
    var active = all;
    var submitted = false;

    function arrange() {
      var order = all;
      if (opts.draw) order = shuffled(all).slice(0, opts.draw);
      else if (key.shuffle) order = shuffled(all);
      active = order;
      all.forEach(function (f) {
        var on = order.indexOf(f) >= 0;
        f.hidden = !on;
        f.disabled = !on;
      });
      order.forEach(function (f, i) {
        container.insertBefore(f, anchor);
        $(".question-number", f).textContent = "Question " + (i + 1) + " of " + order.length;
        if (key.shuffle || opts.draw) {
          var opts_ = $(".options", f);
          shuffled($$(".option", opts_)).forEach(function (o) { opts_.appendChild(o); });
        }
      });
    }

    function reset() {
      submitted = false;
      all.forEach(function (f) {
        f.removeAttribute("data-result");
        f.classList.remove("question-error");
        $$("input", f).forEach(function (i) { i.checked = false; i.disabled = false; });
        var fb = $("[data-feedback]", f);
        fb.textContent = "";
        fb.hidden = true;
        var err = $(".error-message", f);
        if (err) err.remove();
      });
      summary.hidden = true;
      summary.textContent = "";
      result.textContent = "";
      submit.hidden = false;
      retry.hidden = true;
      arrange();
    }

    function chosen(f) {
      return $$("input", f).filter(function (i) { return i.checked; }).map(function (i) { return Number(i.value); });
    }

    function showErrors(missing) {
      summary.textContent = "";
      summary.appendChild(el("h3", { "class": "error-summary-title" }, "There is a problem"));
      var ul = el("ul");
      missing.forEach(function (f) {
        var first = $("input", f);
        var n = active.indexOf(f) + 1;
        var li = el("li");
        var a = el("a", { href: "#" + first.id }, "Answer question " + n);
        a.addEventListener("click", function (ev) { ev.preventDefault(); first.focus(); });
        li.appendChild(a);
        ul.appendChild(li);
        if (!$(".error-message", f)) {
          var msg = el("p", { "class": "error-message" }, "Error: select an answer to question " + n + ".");
          f.insertBefore(msg, $(".options", f));
        }
        f.classList.add("question-error");
      });
      summary.appendChild(ul);
      summary.hidden = false;
      summary.focus();
    }

    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (submitted) return;
      var missing = active.filter(function (f) { return chosen(f).length === 0; });
      if (missing.length) { showErrors(missing); return; }
      summary.hidden = true;
      var correctCount = 0;
      active.forEach(function (f) {
        f.classList.remove("question-error");
        var err = $(".error-message", f);
        if (err) err.remove();
        var q = key.questions[f.getAttribute("data-question")];
        var picked = chosen(f);
        var ok = sameSet(picked, q.correct);
        if (ok) correctCount++;
        f.setAttribute("data-result", ok ? "correct" : "incorrect");
        var fb = $("[data-feedback]", f);
        fb.innerHTML = "";
        fb.appendChild(el("p", { "class": "result-label" }, ok ? "✓ Correct" : "✗ Not quite"));
        picked.forEach(function (idx) {
          var text = q.feedback[idx];
          if (!text) return;
          var label = $('label[for="' + $('input[value="' + idx + '"]', f).id + '"]', f);
          var p = el("p", { "class": "option-feedback" });
          p.appendChild(el("strong", null, "You chose “" + label.textContent.trim() + "”: "));
          var span = el("span");
          span.innerHTML = text; // rendered from the course's own markdown at build time
          p.appendChild(span);
          fb.appendChild(p);
        });
        if (!ok && opts.revealAnswers) {
          var names = q.correct.map(function (idx) {
            var input = $('input[value="' + idx + '"]', f);
            return "“" + $('label[for="' + input.id + '"]', f).textContent.trim() + "”";
          });
          fb.appendChild(el("p", { "class": "correct-answer" }, (names.length > 1 ? "The correct answers are " : "The correct answer is ") + names.join(" and ") + "."));
        }
        if (q.explanation) {
          var ex = el("p", { "class": "explanation" });
          ex.innerHTML = q.explanation;
          fb.appendChild(ex);
        }
        fb.hidden = false;
        $$("input", f).forEach(function (i) { i.disabled = true; });
      });
      submitted = true;
      var pct = Math.round(100 * correctCount / active.length);
      var passed = pct >= key.pass_mark;
      result.textContent = "You answered " + correctCount + " of " + active.length + " questions correctly (" + pct + "%). " +
        (passed ? opts.passText : "You need " + key.pass_mark + "% to pass. Read the feedback above, then try again.");
      result.setAttribute("data-passed", passed ? "true" : "false");
      result.setAttribute("data-score", String(pct));
      submit.hidden = true;
      retry.hidden = false;
      result.focus();
      opts.onResult(pct, passed);
    });

    retry.addEventListener("click", function () {
      reset();
      var h = $("h2", section);
      h.setAttribute("tabindex", "-1");
      h.focus();
    });

    reset();
    return { reset: reset };
  }

  function setupModuleQuiz() {
    var art = $("[data-module]");
    var section = $("section.quiz");
    if (!art || !section || !C) return;
    var slug = art.getAttribute("data-module");
    setupQuiz(section, {
      revealAnswers: true,
      passText: "You passed. This module is complete.",
      onResult: function (pct, passed) {
        update(function (s) {
          var m = moduleState(s, slug);
          m.end = true;
          var q = m.quiz || { attempts: 0, best: 0, passed: false };
          q.attempts += 1;
          q.best = Math.max(q.best, pct);
          q.passed = q.passed || passed;
          m.quiz = q;
        });
      }
    });
  }

  function setupFinal() {
    var section = $("section.quiz");
    if (!section || !C || !C.final) return;
    var locked = $("[data-final-locked]");
    var passedBox = $("[data-final-passed]");
    var attemptsP = $("[data-final-attempts]");
    function paint() {
      var open = allRequiredDone();
      show(locked, !open);
      show(section, open);
      var n = state.final.attempts.length;
      if (attemptsP) {
        attemptsP.textContent = n ? "Attempts so far: " + n + ". Best score: " + Math.max.apply(null, state.final.attempts.map(function (a) { return a.score; })) + "%." : "";
        show(attemptsP, n > 0);
      }
      show(passedBox, !!state.final.passed);
    }
    paint();
    setupQuiz(section, {
      draw: Math.min(C.final.questions, $$("fieldset.question", section).length),
      revealAnswers: false,
      passText: "You passed the final assessment.",
      onResult: function (pct, passed) {
        update(function (s) {
          s.final.attempts.push({ date: today(), score: pct, passed: passed });
          if (passed && (!s.final.passed || pct > s.final.score)) {
            s.final.passed = true;
            s.final.score = pct;
            s.final.date = today();
          }
        });
        paint();
      }
    });
  }

  /* ---------- Glossary terms: inline definitions that open on click, tap or keyboard ---------- */
  function setupTerms() {
    var open = null;
    function close(restoreFocus) {
      if (!open) return;
      open.btn.setAttribute("aria-expanded", "false");
      open.pop.hidden = true;
      if (restoreFocus) open.btn.focus();
      open = null;
    }
    $$("a.term[data-term]").forEach(function (a, i) {
      var id = a.getAttribute("data-term");
      var def = document.getElementById("def-" + id);
      if (!def) return;
      var btn = el("button", { type: "button", "class": "term", "aria-expanded": "false", "aria-controls": "term-pop-" + i, "data-term": id });
      while (a.firstChild) btn.appendChild(a.firstChild);
      var pop = el("span", { "class": "term-popup", id: "term-pop-" + i, role: "note" });
      pop.hidden = true;
      pop.appendChild(el("strong", { "class": "term-popup-title" }, $("dt", def).textContent));
      var dd = el("span", { "class": "term-popup-text" });
      dd.innerHTML = " " + $("dd", def).innerHTML + " ";
      pop.appendChild(dd);
      pop.appendChild(el("a", { href: a.getAttribute("href") }, "See the glossary"));
      a.parentNode.replaceChild(btn, a);
      btn.parentNode.insertBefore(pop, btn.nextSibling);
      btn.addEventListener("click", function () {
        var was = open && open.btn === btn;
        close(false);
        if (!was) {
          btn.setAttribute("aria-expanded", "true");
          pop.hidden = false;
          open = { btn: btn, pop: pop };
        }
      });
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && open) close(true);
    });
    document.addEventListener("click", function (ev) {
      if (open && !open.btn.contains(ev.target) && !open.pop.contains(ev.target)) close(false);
    });
  }

  /* ---------- Search: search.js loads only when the box is first used ---------- */
  function setupSearchLoader() {
    var input = $("#search-input");
    if (!input) return;
    var requested = false;
    function loadSearch() {
      if (requested || window.AWARE_SEARCH) return;
      requested = true;
      var s = el("script", { src: root + "static/search.js" });
      document.head.appendChild(s);
    }
    input.addEventListener("focus", loadSearch);
    input.addEventListener("input", loadSearch);
    document.addEventListener("keydown", function (ev) {
      if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
      var t = ev.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      ev.preventDefault();
      input.focus();
    });
  }

  setupTerms();
  setupSearchLoader();
  refresh();
  if (pageKind === "home") setupHome();
  if (pageKind === "module") { setupModule(); setupModuleQuiz(); }
  if (pageKind === "final") setupFinal();
  // Shared with certificate.js, which the certificate and verify pages load.
  window.AWARE = {
    course: C, $: $, el: el, show: show, update: update, today: today, allRequiredDone: allRequiredDone,
    state: function () { return state; }
  };
})();
