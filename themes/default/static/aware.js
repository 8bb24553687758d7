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
    if (end && "IntersectionObserver" in window) {
      var io = new IntersectionObserver(function (entries) {
        if (entries.some(function (e) { return e.isIntersecting; })) { reached(); io.disconnect(); }
      });
      io.observe(end);
    } else if (end) {
      window.addEventListener("scroll", function () {
        if (end.getBoundingClientRect().top < window.innerHeight) reached();
      });
    }
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

  /* ---------- Certificate code: SHA-256 of the printed fields, in a readable alphabet ---------- */
  function sha256(str) {
    var bytes = new TextEncoder().encode(str);
    var K = [0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2];
    var H = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    var l = bytes.length;
    var n = ((l + 9 + 63) >> 6) << 6;
    var m = new Uint8Array(n);
    m.set(bytes);
    m[l] = 0x80;
    var bits = l * 8;
    m[n - 4] = (bits >>> 24) & 255; m[n - 3] = (bits >>> 16) & 255; m[n - 2] = (bits >>> 8) & 255; m[n - 1] = bits & 255;
    m[n - 5] = Math.floor(bits / 4294967296) & 255;
    var w = new Array(64);
    function rotr(x, r) { return (x >>> r) | (x << (32 - r)); }
    for (var off = 0; off < n; off += 64) {
      for (var i = 0; i < 16; i++) w[i] = (m[off + 4 * i] << 24) | (m[off + 4 * i + 1] << 16) | (m[off + 4 * i + 2] << 8) | m[off + 4 * i + 3];
      for (i = 16; i < 64; i++) {
        var s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
        var s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
      }
      var a = H[0], b = H[1], c = H[2], d = H[3], e = H[4], f = H[5], g = H[6], h = H[7];
      for (i = 0; i < 64; i++) {
        var t1 = (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
        var t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      H[0] = (H[0] + a) | 0; H[1] = (H[1] + b) | 0; H[2] = (H[2] + c) | 0; H[3] = (H[3] + d) | 0;
      H[4] = (H[4] + e) | 0; H[5] = (H[5] + f) | 0; H[6] = (H[6] + g) | 0; H[7] = (H[7] + h) | 0;
    }
    return H.map(function (x) { return ("00000000" + (x >>> 0).toString(16)).slice(-8); }).join("");
  }
  var ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford base32: no I, L, O, U
  function normName(name) { return String(name || "").normalize("NFC").replace(/\s+/g, " ").trim(); }
  /* The code covers course id, version, title, organisation, learner name, date and score:
     changing any of them changes the code. It proves integrity, not identity. */
  function certificateCode(fields) {
    var text = ["aware-certificate-v1", C.id, fields.version, C.title, C.organisation, normName(fields.name), fields.date, String(fields.score)].join("\n");
    var hex = sha256(text);
    var out = "";
    for (var i = 0; i < 12; i++) {
      // 5 bits per character from the hex digest (60 bits).
      var bitPos = i * 5;
      var nib = parseInt(hex.substr(Math.floor(bitPos / 4), 2), 16);
      var shift = 8 - 5 - (bitPos % 4);
      out += ALPHABET[(nib >> shift) & 31];
    }
    return out.slice(0, 4) + "-" + out.slice(4, 8) + "-" + out.slice(8, 12);
  }
  function normCode(code) {
    return String(code || "").toUpperCase().replace(/[\s-]/g, "").replace(/[IL]/g, "1").replace(/O/g, "0");
  }
  window.AWARE_CERTIFICATE_CODE = function (f) { return C ? certificateCode(f) : null; };

  function setupCertificate() {
    if (!C) return;
    var form = $("[data-certificate-form]");
    var cert = $("[data-certificate]");
    var locked = $("[data-certificate-locked]");
    var actions = $("[data-certificate-actions]");
    var earned = !!(state.final && state.final.passed) || (!C.final && allRequiredDone());
    show(locked, !earned);
    show(form, earned);
    if (!earned) return;
    var input = $("#learner-name");
    var score = C.final ? state.final.score : 100;
    var date = C.final ? state.final.date : today();
    function render(name) {
      $("[data-cert-name]", cert).textContent = name; // textContent: a name is never markup
      $("[data-cert-date]", cert).textContent = date;
      $("[data-cert-score]", cert).textContent = score + "%";
      $("[data-cert-code]", cert).textContent = certificateCode({ version: C.version, name: name, date: date, score: score });
      show(cert, true);
      show(actions, true);
    }
    if (state.name) { input.value = state.name; render(state.name); }
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var name = normName(input.value);
      var old = $(".error-message", form);
      if (old) old.remove();
      if (!name) {
        var msg = el("p", { "class": "error-message", id: "learner-name-error" }, "Error: enter your name.");
        input.parentNode.insertBefore(msg, input);
        input.setAttribute("aria-describedby", "learner-name-hint learner-name-error");
        input.focus();
        return;
      }
      update(function (s) { s.name = name; });
      render(name);
      var h = $("#cert-title");
      h.setAttribute("tabindex", "-1");
      h.focus();
    });
    var printBtn = $("[data-print]");
    if (printBtn) printBtn.addEventListener("click", function () { window.print(); });
  }

  function setupVerify() {
    var form = $("[data-verify-form]");
    if (!form || !C) return;
    var out = $("[data-verify-result]", form);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var v = function (n) { return form.elements[n].value.trim(); };
      var score = v("score").replace(/%$/, "").trim();
      if (!v("name") || !v("date") || !score || !v("code")) {
        out.setAttribute("data-valid", "incomplete");
        out.textContent = "Fill in every field as printed on the certificate.";
        return;
      }
      var expected = certificateCode({ version: v("version"), name: v("name"), date: v("date"), score: score });
      var ok = normCode(expected) === normCode(v("code"));
      out.setAttribute("data-valid", ok ? "true" : "false");
      out.textContent = ok
        ? "✓ Valid: this code matches these details for “" + C.title + "”."
        : "✗ Not valid: the code does not match these details. Check each field against the certificate.";
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

  setupTerms();
  refresh();
  if (pageKind === "home") setupHome();
  if (pageKind === "module") { setupModule(); setupModuleQuiz(); }
  if (pageKind === "final") setupFinal();
  if (pageKind === "certificate") setupCertificate();
  if (pageKind === "verify") setupVerify();
})();
