/* aware quiz checking: scoring (pure), and what the form shows once answers are checked
   (results, feedback, marks, errors). Loaded after module.js, whose quiz form
   (AWARE.quiz.attach) loads this file on the first interaction with a quiz, together with
   quiz.css; the final assessment page loads both at page load. */
"use strict";

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

  /* The quiz `q` (what AWARE.quiz.attach made: its elements, opts, arrange()) back to
     unanswered, with a new order or draw. */
  function reset(q) {
    q.submitted = false;
    q.all.forEach(function (f) {
      f.removeAttribute("data-result");
      f.classList.remove("question-error");
      $$("input", f).forEach(function (i) {
        i.checked = false;
        i.disabled = false;
      });
      $$(".option-tag", f).forEach(function (t) { t.remove(); });
      $$(".option", f).forEach(function (o) { o.removeAttribute("data-mark"); });
      var fb = $("[data-feedback]", f);
      if (fb) {
        fb.textContent = "";
        fb.hidden = true;
      }
      var err = $(".error-message", f);
      if (err) err.remove();
    });
    q.summary.hidden = true;
    q.summary.textContent = "";
    q.result.textContent = "";
    q.result.removeAttribute("data-passed");
    q.result.removeAttribute("data-score");
    q.submit.hidden = false;
    q.retry.hidden = true;
    q.arrange();
    var h = $("h2", q.section);
    h.setAttribute("tabindex", "-1");
    h.focus();
  }

  function showErrors(q, missing) {
    var summary = q.summary;
    summary.textContent = "";
    summary.appendChild(U.el("h3", { "class": "error-summary-title" }, "There is a problem"));
    var ul = U.el("ul");
    missing.forEach(function (f) {
      var first = $("input", f);
      var n = q.active.indexOf(f) + 1;
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
  /* A question's feedback box: made on its first feedback, at the end of its fieldset. */
  function feedback(f, k, picked, ok) {
    var fb = $("[data-feedback]", f) || f.appendChild(U.el("div", { "class": "question-feedback", "data-feedback": "" }));
    fb.textContent = "";
    fb.appendChild(U.el("p", { "class": "result-label" }, ok ? "✓ Correct" : "✗ Not quite"));
    picked.forEach(function (idx) {
      if (!k.feedback[idx]) return;
      var p = U.el("p", { "class": "option-feedback" });
      p.appendChild(U.el("strong", null, "You chose “" + labelOf(f, idx) + "”: "));
      p.appendChild(html("span", null, k.feedback[idx]));
      fb.appendChild(p);
    });
    if (k.explanation) fb.appendChild(html("p", "explanation", k.explanation));
    fb.hidden = false;
  }
  /* Marks in the list itself, with an icon and words (never colour alone): the learner's
     own answers, and the right ones when the quiz reveals them (a module quiz) or the
     question was answered right. */
  function mark(f, k, picked, ok, reveal) {
    var known = ok || reveal;
    $$("input", f).forEach(function (i) {
      var idx = Number(i.value);
      var mine = picked.indexOf(idx) >= 0;
      var right = k.correct.indexOf(idx) >= 0;
      var m = mine ? (known ? (right ? "chosen-correct" : "chosen-wrong") : "chosen") : known && right ? "correct" : null;
      if (!m) return;
      var text = { "chosen-correct": "✓ Your answer: correct", "chosen-wrong": "✗ Your answer: not correct", chosen: "Your answer", correct: "✓ Correct answer" }[m];
      i.parentNode.setAttribute("data-mark", m);
      $("label[for=\"" + i.id + "\"]", f).appendChild(U.el("span", { "class": "option-tag option-tag-" + m + (m === "correct" ? " correct-answer" : "") }, text));
    });
  }

  /* The form of quiz `q` was submitted: errors for unanswered questions, or the score,
     feedback and marks (the score first: the result sits above the questions, and takes
     the focus). */
  function check(q) {
    if (q.submitted) return;
    var opts = q.opts;
    if (!q.key) q.key = decode(q.keyText);
    if (!q.key) {
      q.result.textContent = "Your answers could not be checked: this quiz's answer key cannot be read.";
      return console.error("aware-quiz: the answer key in script.quiz-key cannot be read");
    }
    var key = q.key;
    var missing = q.active.filter(function (f) { return !chosen(f).length; });
    if (missing.length) return showErrors(q, missing);
    q.summary.hidden = true;
    var r = score(key, q.active.map(function (f) { return { id: f.getAttribute("data-question"), response: chosen(f) }; }));
    q.active.forEach(function (f, i) {
      var a = r.answers[i];
      var err = $(".error-message", f);
      if (err) err.remove();
      f.classList.remove("question-error");
      f.setAttribute("data-result", a.correct ? "correct" : "incorrect");
      var k = key.questions[a.id];
      if (k) {
        feedback(f, k, a.response, a.correct);
        mark(f, k, a.response, a.correct, opts.revealAnswers);
      }
      $$("input", f).forEach(function (i) { i.disabled = true; });
    });
    q.submitted = true;
    var result = q.result;
    result.textContent = "You answered " + r.right + " of " + r.total + " questions correctly (" + r.pct + "%). " +
      (r.passed ? opts.passText : "You need " + key.pass_mark + "% to pass. Read the feedback on each question below, then try again.");
    if (r.passed && opts.passLink) {
      result.appendChild(document.createTextNode(" "));
      result.appendChild(U.el("a", { href: opts.passLink.href }, opts.passLink.text));
    }
    result.setAttribute("data-passed", String(r.passed));
    result.setAttribute("data-score", String(r.pct));
    q.submit.hidden = true;
    q.retry.hidden = r.passed;
    result.focus();
    opts.onResult(r);
  }

  var Q = A.quiz;
  Q.decode = decode;
  Q.sameSet = sameSet;
  Q.score = score;
  Q.check = check;
  Q.reset = reset;
})(window.AWARE);
