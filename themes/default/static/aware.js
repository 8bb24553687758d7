/* aware learner scripts: components in the style of GOV.UK Frontend.

   Each job is a component bound to its root element by data-module="aware-<name>" and
   started by the boot section at the end of this file. Classic scripts (no ES modules, no
   bundler, no framework) so the site works from file://; nothing here talks to any other
   host: progress stays in this browser's localStorage (and, in an LMS package only, goes
   to the optional window.AWARE_LMS: see the progress store section).

   Files (each fills the one namespace window.AWARE; later files use what earlier ones put
   there; templates load them in this order, all with `defer`):
     aware.js        every page: core, progress logic, progress store, quick exit, progress
                     bar, search loader, boot
     module.js       module pages: module progress, quizzes, glossary pop-ups (the final
                     page loads it too, for the quiz form)
     home.js         home page: resume, reset and module status
     final.js        final assessment page
     certificate.js  certificate and verify pages: the certificate code and its check
   So a page makes one request for the shared code and at most two for its own, and no
   page loads code it cannot use but for the final page (module progress, glossary pop-ups).
   Every section below is its own closure that shares nothing but window.AWARE: moving one
   to another file is a cut and paste (and a <script> in the templates).

   window.AWARE:
     register(name, init)      a component: init(root, need) runs once per element with
                               data-module=name; need(selector) returns the first match
                               inside root or throws "missing <selector> inside <root>"
     boot()                    starts the components of the page (runs once, at
                               DOMContentLoaded, when every deferred script has registered)
     error(message)            an error that boot reports as "aware-<name>: <message>"
     need(name, root)          a need() for another root
     util                      $, $$, el, show, today: DOM and date helpers
     lms(hook, arg)            calls window.AWARE_LMS[hook](arg) when there is one
     progress                  pure: the saved state's shape, repair, merge and summaries
     createStore(course, win)  a progress store over win.localStorage
     store()                   this page's progress store (made on first use)
     quiz                      pure: decode, shuffled, draw, sameSet, score; attach(): the form
     home, final, certificate  pure logic of home.js, final.js and certificate.js
   Pure functions take what they need as arguments and never touch the page: tests/js/
   runs them in node. A component that cannot start (say a theme override dropped an
   element it needs) logs "aware-<name>: missing <selector> inside <root>" in the console,
   and the other components still run. */
"use strict";

/* ---------- Core: namespace, helpers, component registry and boot ---------- */
(function (A) {
  var registry = {};
  function $(sel, root) { return (root || document).querySelector(sel); }
  function $$(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text != null) e.textContent = text;
    return e;
  }
  function show(e, on) { if (e) e.hidden = !on; }
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function today(d) {
    d = d || new Date();
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }
  A.util = { $: $, $$: $$, el: el, show: show, today: today };

  A.error = function (message) {
    var e = new Error(message);
    e.name = "AwareError";
    return e;
  };
  A.need = function (name, root) {
    return function (sel) {
      var found = root.querySelector(sel);
      if (!found) throw A.error("missing " + sel + " inside " + (root.id ? "#" + root.id : root.tagName.toLowerCase() + (root.className ? "." + root.className.split(" ")[0] : "")));
      return found;
    };
  };
  /* Optional hooks of an LMS package (the contract is at the progress store). A broken
     LMS script is reported and never stops the course. */
  A.lms = function (hook, arg) {
    var L = window.AWARE_LMS;
    if (!L || typeof L[hook] !== "function") return null;
    try {
      return L[hook](arg);
    } catch (e) {
      console.error("aware-lms: " + hook + "() failed:", e);
      return null;
    }
  };
  A.register = function (name, init) { registry[name] = init; };
  A.registered = function () { return Object.keys(registry); };

  function start(name, root) {
    var flag = "data-" + name + "-init";
    if (root.hasAttribute(flag)) return;
    root.setAttribute(flag, "");
    try {
      registry[name](root, A.need(name, root));
    } catch (e) {
      if (e && e.name === "AwareError") console.error(name + ": " + e.message);
      else console.error(name + ":", e);
    }
  }
  A.boot = function () {
    $$("[data-module^=aware-]").forEach(function (root) {
      var name = root.getAttribute("data-module");
      if (registry[name]) start(name, root);
      else console.error(name + ": no such component (is its script on this page?)");
    });
    /* Quick exit is a safety control: a course's own copy of base.html from before
       data-module still gets it, bound to the link itself. */
    var exit = !$("[data-module=aware-quick-exit]") && $("[data-quick-exit]");
    if (exit) start("aware-quick-exit", exit);
  };
})(window.AWARE = window.AWARE || {});

/* ---------- Progress: what the saved state means (pure) ----------
   The state saved per course id + version:
     { schema: 1,
       modules: { <slug>: { end: bool, quiz: null | { attempts: n, best: 0-100, passed: bool },
                            required: bool, hasQuiz: bool } },
       final: { attempts: [{ date: "YYYY-MM-DD", score: 0-100, passed: bool }],
                passed: true, score: best passing score, date: the day it was reached },
       last: slug of the last module opened | null,
       name: the name on the certificate | null,
       attested: true once the learner confirmed the certificate's statement (absent before) }
   final.passed, .score and .date exist only once the final is passed.
   A module's `required` and `hasQuiz` are the module's own facts, copied in when its page
   records it: with them and course.counts, a page that does not load the module list
   (modules.js; a module page) still knows how many required modules are complete. State
   saved before they existed gets them from the list (fill) on the first page that has it,
   or from modules.js, loaded once for that (see the store). The code that reads the list
   (find, fill, withModules) is in list.js, which loads with it. */
(function (A) {
  var SCHEMA = 1;
  function isObj(x) { return !!x && typeof x === "object" && !Array.isArray(x); }
  function isPct(x) { return typeof x === "number" && x >= 0 && x <= 100; }
  function str(x) { return typeof x === "string" ? x : null; }
  function empty() { return { schema: SCHEMA, modules: {}, final: { attempts: [] }, last: null, name: null }; }
  function setPass(f, best) {
    f.passed = true;
    f.score = best.score;
    f.date = best.date;
  }

  /* Any parsed value → a valid state. Each wrong shape or type is dropped on its own, so a
     corrupted entry never costs the rest of the progress; another schema starts empty. */
  function repair(s) {
    var out = empty();
    if (!isObj(s) || s.schema !== SCHEMA) return out;
    var mods = isObj(s.modules) ? s.modules : {};
    Object.keys(mods).forEach(function (slug) {
      var m = mods[slug];
      var q = m && m.quiz;
      if (!isObj(m)) return;
      var e = out.modules[slug] = { end: m.end === true, quiz: isObj(q) ? { attempts: q.attempts >= 0 ? Math.floor(q.attempts) : 0, best: isPct(q.best) ? q.best : 0, passed: q.passed === true } : null };
      if (typeof m.required === "boolean" && typeof m.hasQuiz === "boolean") {
        e.required = m.required;
        e.hasQuiz = m.hasQuiz;
      }
    });
    var f = isObj(s.final) ? s.final : {};
    var best = f.passed === true && isPct(f.score) ? { score: f.score, date: str(f.date) || "" } : null;
    (Array.isArray(f.attempts) ? f.attempts : []).forEach(function (a) {
      if (!isObj(a) || !isPct(a.score)) return;
      a = { date: str(a.date) || "", score: a.score, passed: a.passed === true };
      out.final.attempts.push(a);
      if (f.passed === true && !isPct(f.score) && a.passed && (!best || a.score > best.score)) best = a;
    });
    if (best) setPass(out.final, best);
    out.last = str(s.last);
    out.name = str(s.name);
    if (s.attested === true) out.attested = true;
    return out;
  }

  /* Saved by a newer version of the scripts (a schema this one cannot read): such a state
     is never written over (the store goes read-only). */
  function newer(s) { return isObj(s) && typeof s.schema === "number" && s.schema > SCHEMA; }
  /* A module's entry, made when missing; with `m` (a module: slug, required, quiz), its
     facts are copied in. */
  function entry(s, slug, m) {
    var e = s.modules[slug] || (s.modules[slug] = { end: false, quiz: null });
    if (m) {
      e.required = !!m.required;
      e.hasQuiz = !!m.quiz;
    }
    return e;
  }
  function known(ms) { return typeof ms.required === "boolean" && typeof ms.hasQuiz === "boolean"; }
  function isComplete(s, m) {
    var ms = s.modules[m.slug];
    return !!ms && ms.end && (!m.quiz || !!(ms.quiz && ms.quiz.passed));
  }
  /* Required modules complete, of how many: from the module list when the page has it,
     else from the modules' own facts in the state and course.counts. */
  function counts(course, s) {
    if (!Array.isArray(course.modules)) {
      var total = course.counts ? course.counts.required : 0;
      var done = Object.keys(s.modules).filter(function (slug) {
        var ms = s.modules[slug];
        return ms.required === true && isComplete(s, { slug: slug, quiz: ms.hasQuiz });
      }).length;
      return { done: Math.min(done, total), total: total };
    }
    var req = course.modules.filter(function (m) { return m.required; });
    return { done: req.filter(function (m) { return isComplete(s, m); }).length, total: req.length };
  }
  /* Entries without their module's facts (state saved before they were kept). */
  function needsFacts(s) {
    return Object.keys(s.modules).some(function (slug) { return !known(s.modules[slug]); });
  }
  function allDone(course, s) {
    var c = counts(course, s);
    return c.done === c.total;
  }
  function statusText(s, m) {
    var ms = s.modules[m.slug];
    return isComplete(s, m) ? "Complete" : !ms ? "Not started" : ms.end && m.quiz ? "Quiz to pass" : "In progress";
  }
  function barLabel(course, s) {
    var c = counts(course, s);
    /* Short enough for one line on a phone: the strip never grows when it is filled in. */
    if (s.final.passed) return "Course complete: final passed";
    return c.done + " of " + c.total + " required module" + (c.total === 1 ? "" : "s") + " complete";
  }
  function barPercent(course, s) {
    var c = counts(course, s);
    return c.total ? Math.round(100 * c.done / c.total) : 0;
  }
  /* A module quiz's result: attempts count up, the best score and a pass stay. */
  function quizResult(s, slug, pct, passed, mod) {
    var m = entry(s, slug, mod);
    var q = m.quiz || { attempts: 0, best: 0, passed: false };
    m.end = true;
    q.attempts += 1;
    q.best = Math.max(q.best, pct);
    q.passed = q.passed || passed;
    m.quiz = q;
  }

  A.progress = {
    SCHEMA: SCHEMA, empty: empty, repair: repair, setPass: setPass, newer: newer, entry: entry, known: known, isComplete: isComplete,
    counts: counts, needsFacts: needsFacts, allDone: allDone, statusText: statusText, barLabel: barLabel, barPercent: barPercent, quizResult: quizResult
  };
})(window.AWARE);

/* ---------- Progress store: the one place progress is read and written ----------
   Every change re-reads the stored state and applies only its own change, so two open
   tabs never overwrite each other; another tab's change ("storage" event) repaints.
   Components read through store.watch(fn) (fn(state) now and after every change) and
   write only through store.update(fn(state)) and store.reset().

   LMS contract. An LMS package (and only that) loads a script before this one that sets
   window.AWARE_LMS. Every member is optional; what one throws is logged, never passed on.
     load()           → saved progress (the shape above) or null. Called once when the
                        page's store starts; repaired, then merged with localStorage's
                        (AWARE.progress.merge, in list.js, which LMS packages load on every
                        page: union of completed modules, best scores, a pass never
                        downgraded). The merge is written back to whichever side it
                        adds something to.
     save(state)      after every change (update, reset, a merge that added something),
                        with a copy of the whole new state.
     learnerName()    → the name to prefill on the certificate form, or null.
     finalAttempt(r)  after each final assessment attempt, once the state is saved:
                        r = { score: 0-100, passed: bool,
                              answers: [{ id: question id, kind: "single" | "multiple" | ...,
                                          response: [option indexes, as in the answer key],
                                          correct: bool }] } (in the order asked).
     exit(url)        → true when the LMS handled the quick exit (e.g. sent its own window
                        to url); anything else and the page replaces itself with url. */
(function (A) {
  var P = A.progress;
  A.createStore = function (course, win) {
    var key = "aware:" + course.id + ":" + course.version;
    var memory = null;
    var watchers = [];
    /* Progress saved by a newer version of the site (here or in the LMS) is never written
       over: the store keeps changes in memory for the page only, and says so. Reset
       (the learner's own choice) clears it. */
    var readOnly = false;
    var lmsReadOnly = false;
    function parse(raw) {
      try {
        return JSON.parse(raw);
      } catch (e) {
        return null;
      }
    }
    function read() {
      var raw = memory;
      try {
        raw = win.localStorage.getItem(key);
      } catch (e) {}
      var s = parse(raw);
      if (P.newer(s)) readOnly = true;
      return P.repair(s);
    }
    function write(s) {
      if (readOnly) return;
      memory = JSON.stringify(s);
      try {
        win.localStorage.setItem(key, memory);
      } catch (e) {}
    }
    /* True while the LMS's progress waits for list.js (merge): nothing is saved to the
       LMS before it is merged, so the LMS never loses progress this browser lacks. */
    var waiting = false;
    function save(s) {
      if (!lmsReadOnly && !waiting) A.lms("save", P.repair(s));
    }
    function call(fn) {
      try {
        fn(state);
      } catch (e) {
        console.error("aware: a progress display failed:", e);
      }
    }
    function notify() { watchers.forEach(call); }
    function changed(s) {
      state = s;
      save(s);
      notify();
    }

    /* Modules without their facts (state saved before they were kept, or from an LMS,
       whose suspend_data has none) get them from the list when the page has it. */
    var list = Array.isArray(course.modules);
    var state = read();
    if (list && P.fill(course, state)) write(state);
    function adopt(saved) {
      saved = P.repair(saved);
      if (list) P.fill(course, saved);
      var merged = P.merge(state, saved);
      var text = JSON.stringify(merged);
      if (text !== JSON.stringify(state)) write(merged);
      state = merged;
      if (text !== JSON.stringify(saved)) save(merged);
    }
    var saved = A.lms("load");
    if (P.newer(saved)) lmsReadOnly = true;
    else if (saved && P.merge) adopt(saved);
    else if (saved && win.document) {
      /* merge is in list.js, which an LMS package loads on every page: a page without it
         (a hook set some other way) loads it first, and repaints once merged. */
      waiting = true;
      var s = A.util.el("script", { src: (win.document.body.getAttribute("data-root") || "") + "static/list.js" });
      s.onload = function () {
        waiting = false;
        adopt(saved);
        notify();
        if (store.fillFacts) store.fillFacts();
      };
      s.onerror = function () { console.error("aware-lms: list.js did not load: the LMS's progress is not merged, and nothing is saved to it"); };
      win.document.head.appendChild(s);
    }
    if (win.addEventListener) {
      win.addEventListener("storage", function (ev) {
        if (ev.key !== key || readOnly) return;
        state = read();
        notify();
      });
    }

    var store = {
      course: course,
      key: key,
      /* Where saved progress is from a newer version of the site and is not written:
         "browser" (then nothing is saved), "lms" (saved in this browser only) or null. */
      readOnly: function () { return readOnly ? "browser" : lmsReadOnly ? "lms" : null; },
      get: function () { return state; },
      watch: function (fn) {
        watchers.push(fn);
        call(fn);
      },
      update: function (change) {
        var s = readOnly ? P.repair(JSON.parse(JSON.stringify(state))) : read();
        change(s);
        write(s);
        changed(s);
      },
      reset: function () {
        memory = null;
        readOnly = false;
        lmsReadOnly = false;
        try {
          win.localStorage.removeItem(key);
        } catch (e) {}
        changed(P.empty());
      },
      /* The module list arrived (modules.js, loaded late): entries get their facts. */
      learn: function (full) {
        store.course = full;
        /* Kept in this browser, as on a page with the list: the facts are not progress,
           so the LMS is not sent them. */
        if (P.needsFacts(state) && P.fill(full, state)) write(state);
        notify();
      }
    };
    return store;
  };

  /* This page's course: course.js's, with modules.js's list when the page loads it. */
  A.course = function () {
    var c = window.AWARE_COURSE;
    return c && P.withModules ? P.withModules(c, window.AWARE_MODULES) : c || null;
  };
  var page = null;
  A.store = function () {
    if (!window.AWARE_COURSE) throw A.error("no course data (course.js did not load)");
    if (page) return page;
    page = A.createStore(A.course(), window);
    /* Saved progress from before modules kept their facts (or an LMS's, merged late on a
       page without the list), on a page without the list: modules.js is loaded once to
       fill them in (the next pages need it no more). */
    var filling = false;
    page.fillFacts = function () {
      if (filling || page.course.modules || !P.needsFacts(page.get()) || typeof document === "undefined") return;
      filling = true;
      var root = document.body.getAttribute("data-root") || "";
      var load = function (src, then) {
        var s = A.util.el("script", { src: root + src });
        s.onload = then;
        document.head.appendChild(s);
      };
      load("modules.js", function () {
        if (P.withModules) page.learn(A.course());
        else load("static/list.js", function () { page.learn(A.course()); });
      });
    };
    page.fillFacts();
    return page;
  };
})(window.AWARE);

/* ---------- aware-quick-exit: leave for a neutral page, and keep the course to one history entry ----------
   Root: the exit bar (or the link itself). Needs: [data-quick-exit], the link.
   After GOV.UK Frontend's "Exit this page": the link, or Shift pressed three times (each
   press within 5 s of the last, Shift alone: Shift+Tab or a capital never counts, and any
   other key starts over), with three lights on the button and a spoken count. Leaving
   replaces this page in the browser's history; so does every link inside the course, so
   the whole visit is one entry and Back after an exit does not return to the course. */
(function (A) {
  var WINDOW = 5000;
  /* Where internal links go: the page replaces itself (see above). */
  A.go = function (url) { window.location.replace(url); };
  A.register("aware-quick-exit", function (root, need) {
    var link = root.hasAttribute("data-quick-exit") ? root : need("[data-quick-exit]");
    var url = link.getAttribute("data-exit-url") || link.href;
    var el = A.util.el;
    var lights = el("span", { "class": "exit-lights", "aria-hidden": "true" });
    for (var i = 0; i < 3; i++) lights.appendChild(el("span", { "class": "exit-light" }));
    link.appendChild(lights);
    var say = el("span", { "class": "visually-hidden", role: "status" });
    (link === root ? link.parentNode : root).appendChild(say);
    var count = 0;
    var timer = null;
    function show(n) {
      count = n;
      lights.setAttribute("data-on", String(n));
    }
    function exitNow() {
      clearTimeout(timer);
      say.textContent = "";
      document.body.style.visibility = "hidden";
      if (A.lms("exit", url) !== true) window.location.replace(url);
    }
    function expire() {
      clearTimeout(timer);
      timer = null;
      if (count) say.textContent = "Exit this page expired.";
      show(0);
    }
    link.addEventListener("click", function (ev) {
      ev.preventDefault();
      exitNow();
    });
    /* A page brought back from the back-forward cache is shown again, never left blank. */
    window.addEventListener("pageshow", function () {
      document.body.style.visibility = "";
      expire();
      say.textContent = "";
    });
    /* A press counts when Shift is released without another key in between. */
    var modified = false;
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Shift") {
        if (!ev.repeat) modified = false;
        return;
      }
      modified = true;
      if (count) expire();
    }, true);
    document.addEventListener("keyup", function (ev) {
      if (ev.key !== "Shift" || modified) return;
      show(count + 1);
      clearTimeout(timer);
      if (count >= 3) return exitNow();
      say.textContent = "Shift, press " + (3 - count) + " more time" + (count === 2 ? "" : "s") + " to exit.";
      timer = setTimeout(expire, WINDOW);
    }, true);

    /* One history entry: a plain click on a link inside the course replaces this page. */
    var base = new URL(document.body.getAttribute("data-root") || "./", window.location.href).href;
    document.addEventListener("click", function (ev) {
      var a = ev.target.closest && ev.target.closest("a[href]");
      if (!a || typeof a.href !== "string" || ev.defaultPrevented || ev.button || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey || a.target || a.hasAttribute("download") || a.href.indexOf(base)) return;
      ev.preventDefault();
      A.go(a.href);
    });
  });
})(window.AWARE);

/* ---------- aware-progress: the progress bar under the header ----------
   Root: [data-progress]. Needs: [data-progress-label], [data-progress-fill]. */
(function (A) {
  A.register("aware-progress", function (root, need) {
    var label = need("[data-progress-label]");
    var fill = need("[data-progress-fill]");
    var store = A.store();
    store.watch(function (s) {
      root.hidden = false;
      var old = store.readOnly();
      root.classList.toggle("progress-readonly", !!old);
      label.textContent = old
        ? "Your saved progress is from a newer version of this course, which this copy cannot read. It is kept as it is: " +
          (old === "lms" ? "what you do here is saved in this browser only." : "nothing you do here is saved.")
        : A.progress.barLabel(store.course, s);
      fill.style.width = A.progress.barPercent(store.course, s) + "%";
    });
  });
})(window.AWARE);

/* ---------- aware-search: search.js (and search.css) load only when the search box is first used ----------
   Root: the header's search slot. Needs: #search-input. "/" focuses the box. */
(function (A) {
  A.register("aware-search", function (root, need) {
    var input = need("#search-input");
    var requested = false;
    function load() {
      if (requested || window.AWARE_SEARCH) return;
      requested = true;
      var root = document.body.getAttribute("data-root") || "";
      /* The pop-up's styles come with the code that fills it (search.css). */
      if (!document.querySelector("link[href$=\"static/search.css\"]")) document.head.appendChild(A.util.el("link", { rel: "stylesheet", href: root + "static/search.css" }));
      document.head.appendChild(A.util.el("script", { src: root + "static/search.js" }));
    }
    input.addEventListener("focus", load);
    input.addEventListener("input", load);
    document.addEventListener("keydown", function (ev) {
      var t = ev.target;
      if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey || t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      ev.preventDefault();
      input.focus();
    });
  });
})(window.AWARE);

/* ---------- Boot: once every deferred script has registered its components ---------- */
(function (A) {
  if (typeof document === "undefined") return;
  document.body.classList.add("js");
  var booted = false;
  function go() {
    if (booted) return;
    booted = true;
    A.boot();
  }
  document.addEventListener("DOMContentLoaded", go);
  window.addEventListener("load", go);
  if (document.readyState === "complete") go();
})(window.AWARE);
