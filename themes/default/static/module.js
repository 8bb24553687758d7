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
  /* Loads the files at `urls` (page-relative; a .css as a stylesheet), each once per page:
     cb() when all are in or failed (then what they define is missing: the caller checks). */
  var files = {};
  A.loadFiles = function (urls, cb) {
    var left = urls.length + 1;
    function done() { if (!--left) cb(); }
    urls.forEach(function (url) {
      var f = files[url];
      if (!f) {
        f = files[url] = { done: false, then: [] };
        var css = /\.css$/.test(url);
        var e = css ? A.util.el("link", { rel: "stylesheet", href: url }) : A.util.el("script", { src: url });
        e.onload = e.onerror = function () {
          f.done = true;
          f.then.forEach(function (fn) { fn(); });
        };
        document.head.appendChild(e);
      }
      if (f.done) done();
      else f.then.push(done);
    });
    done();
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

/* ---------- Quizzes: the quiz form at page load, and aware-quiz for module quizzes ----------
   What a quiz needs before the learner answers: its questions in order (shuffled or drawn)
   and numbered. Checking the answers (scoring, feedback, marks, errors: quiz.js) and the
   styles of what that shows (quiz.css) load on the first interaction with the form, as
   search.js does on the first use of the search box, and so does a module's answer key
   (modules/<slug>.quiz.js): a module page loads none of them unless its quiz is used. A
   page that needs them at page load (the final assessment, whose draw reads the key) has
   them in the page. */
(function (A) {
  var U = A.util;
  var $ = U.$;
  var $$ = U.$$;

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

  /* The quiz form inside `section` (markup: templates/quiz.html). opts: draw (how many
     questions to draw from the pool for each attempt, or a function (fieldsets, key) →
     the fieldsets of one attempt: the page must have loaded quiz.js for the key),
     revealAnswers, passText, passLink, onResult(what score() returned). */
  function attach(section, opts, need) {
    /* The key: in the page (script.quiz-key), or in the file data-quiz-key-src names,
       which sets AWARE_KEYS[<quiz id>] to the same text. */
    var keySrc = section.getAttribute("data-quiz-key-src");
    var q = {
      section: section,
      opts: opts,
      keyText: keySrc ? null : need("script.quiz-key").textContent,
      form: need("[data-quiz-form]"),
      anchor: need(".quiz-actions"),
      summary: need("[data-error-summary]"),
      result: need("[data-quiz-result]"),
      submit: need("[data-quiz-submit]"),
      retry: need("[data-quiz-retry]"),
      container: need("fieldset.question").parentNode,
      submitted: false
    };
    q.all = q.active = $$("fieldset.question", q.form);
    if (A.quiz.decode && q.keyText) {
      q.key = A.quiz.decode(q.keyText);
      if (!q.key) throw A.error("the answer key in script.quiz-key cannot be read");
    }
    var mix = q.key ? q.key.shuffle : section.getAttribute("data-shuffle") === "true";
    q.arrange = function () {
      var order = typeof opts.draw === "function" ? opts.draw(q.all, q.key) : opts.draw ? draw(q.all, opts.draw) : mix ? shuffled(q.all) : q.all;
      q.active = order;
      q.all.forEach(function (f) {
        var on = order.indexOf(f) >= 0;
        f.hidden = !on;
        f.disabled = !on;
      });
      order.forEach(function (f, i) {
        q.container.insertBefore(f, q.anchor);
        $(".question-number", f).textContent = "Question " + (i + 1) + " of " + order.length;
        /* True/false keeps its order: "False, True" reads as a trick. */
        if (!mix && !opts.draw || f.getAttribute("data-kind") === "true_false") return;
        var box = $(".options", f);
        shuffled($$(".option", box)).forEach(function (o) { box.appendChild(o); });
      });
    };
    /* The checking code (quiz.js), its styles (quiz.css) and the key, on first use. */
    var root = document.body.getAttribute("data-root") || "";
    var urls = [root + "static/quiz.css", root + "static/quiz.js"].concat(keySrc ? [keySrc] : []);
    function checker(cb) {
      if (A.quiz.check && q.keyText) return cb();
      A.loadFiles(urls, function () {
        var keys = window.AWARE_KEYS;
        var id = section.getAttribute("data-quiz");
        if (!q.keyText && keys && typeof keys[id] === "string") q.keyText = JSON.stringify(keys[id]);
        cb();
      });
    }
    function prefetch() { checker(function () {}); }
    q.form.addEventListener("focusin", prefetch);
    q.form.addEventListener("pointerdown", prefetch);
    q.form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      checker(function () {
        if (A.quiz.check && q.keyText) A.quiz.check(q);
        else q.result.textContent = "Your answers could not be checked: part of the quiz did not load. Reload the page and try again.";
      });
    });
    q.retry.addEventListener("click", function () { checker(function () { if (A.quiz.reset) A.quiz.reset(q); }); });
    q.arrange();
  }

  A.quiz = { shuffled: shuffled, draw: draw, attach: attach };

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
   Root: the module's text. Each a.term (href: the glossary's #term-<id>) whose term is
   listed under "Terms in this module" becomes a button (data-term: the id; aria-controls:
   its pop-up, empty and hidden until opened); the others stay links to the glossary. What opens, fills, places and closes
   the pop-ups (popups.js), their styles (popups.css) and the module's definitions (the
   root's data-terms-src) load when a term is first hovered, focused or pressed, or the
   list of terms is opened, which they fill in. */
(function (A) {
  var U = A.util;
  var count = 0;
  /* The glossary id a link points to (…glossary.html#term-<id>), or null. */
  function termOf(a) {
    var m = /#term-(.+)$/.exec(a.getAttribute("href") || "");
    return m ? m[1] : null;
  }
  A.register("aware-glossary-popups", function (root) {
    var terms = [];
    var list = U.$("details.terms");
    /* The listed terms: id → list item (a theme of its own may still give each item
       id="def-<id>"). */
    var items = {};
    if (list) U.$$("li", list).forEach(function (li) {
      var a = U.$("a", li);
      var id = li.id.indexOf("def-") === 0 ? li.id.slice(4) : a && termOf(a);
      if (id) items[id] = li;
    });
    U.$$("a.term", root).forEach(function (a) {
      var id = a.getAttribute("data-term") || termOf(a);
      if (!id || !Object.prototype.hasOwnProperty.call(items, id)) return;
      var pid = "term-pop-" + count++;
      var btn = U.el("button", { type: "button", "class": "term", "aria-expanded": "false", "aria-controls": pid, "data-term": id, "data-href": a.getAttribute("href") });
      while (a.firstChild) btn.appendChild(a.firstChild);
      var pop = U.el("span", { "class": "term-popup", id: pid, role: "note" });
      pop.hidden = true;
      a.parentNode.replaceChild(btn, a);
      btn.parentNode.insertBefore(pop, btn.nextSibling);
      terms.push(btn);
    });
    if (!terms.length && !list) return;
    var base = (document.body.getAttribute("data-root") || "") + "static/popups.";
    var defs = root.getAttribute("data-terms-src");
    var toggle = null;
    function ready(cb) {
      if (toggle) return cb();
      A.loadFiles([base + "css", base + "js"].concat(defs ? [defs] : []), function () {
        if (!toggle && A.popups) toggle = A.popups(root, items);
        if (toggle) cb();
      });
    }
    function soon(ev) {
      if (ev.target.closest && ev.target.closest("button.term")) ready(function () {});
    }
    root.addEventListener("pointerover", soon);
    root.addEventListener("focusin", soon);
    function opened() { if (list.open) ready(function () {}); }
    if (list) {
      list.addEventListener("toggle", opened);
      opened();
    }
    terms.forEach(function (btn) {
      btn.addEventListener("click", function () { ready(function () { toggle(btn); }); });
    });
  });
})(window.AWARE);
