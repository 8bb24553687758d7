/* aware: the code that reads the whole module list (modules.js). Loaded after aware.js
   on the pages that load the list (home, final assessment, certificate, verify; every
   page of an LMS package), and with modules.js on a page that needs the list only once
   (progress saved by an older version: see the store in aware.js). Extends
   AWARE.progress with find, fill, withModules and merge (pure): merge combines this
   browser's progress with an LMS's (every page of an LMS package loads this file). */
"use strict";

(function (A) {
  var P = A.progress;
  function find(course, slug) { return (course.modules || []).filter(function (m) { return m.slug === slug; })[0] || null; }
  /* Copies each module's facts from the list into its entry (a module the course no longer
     has counts as neither required nor quizzed); true when anything changed. */
  function fill(course, s) {
    if (!Array.isArray(course.modules)) return false;
    var bySlug = {};
    course.modules.forEach(function (m) { bySlug[m.slug] = m; });
    var changed = false;
    Object.keys(s.modules).forEach(function (slug) {
      var e = s.modules[slug];
      var m = bySlug[slug] || { slug: slug, required: false, quiz: null };
      if (e.required === !!m.required && e.hasQuiz === !!m.quiz) return;
      P.entry(s, slug, m);
      changed = true;
    });
    return changed;
  }
  /* course.js's course with modules.js's list: modules as { slug, title, required, quiz }
     and, when the certificate lists topics, the titles of the required modules. */
  function withModules(course, rows) {
    if (!course || !Array.isArray(rows)) return course;
    var out = {};
    Object.keys(course).forEach(function (k) { out[k] = course[k]; });
    out.modules = rows.map(function (r) { return { slug: r[0], title: r[1], required: r[2] === true, quiz: r[3] || null }; });
    var c = course.certificate;
    if (c && c.topics === true) {
      out.certificate = {};
      Object.keys(c).forEach(function (k) { out.certificate[k] = c[k]; });
      out.certificate.topics = out.modules.filter(function (m) { return m.required; }).map(function (m) { return m.title; });
    }
    return out;
  }

  /* Two saved states (this browser's and an LMS's) → one that keeps the progress of both:
     every module reached or passed in either, the best scores, each attempt once (one in
     both counts once) and the best pass: a pass is never lost. On a tie `a` wins. */
  function merge(a, b) {
    var out = P.repair(a);
    b = P.repair(b);
    Object.keys(b.modules).forEach(function (slug) {
      var x = P.entry(out, slug);
      var y = b.modules[slug];
      var q = x.quiz;
      var r = y.quiz;
      x.end = x.end || y.end;
      x.quiz = q && r ? { attempts: Math.max(q.attempts, r.attempts), best: Math.max(q.best, r.best), passed: q.passed || r.passed } : q || r;
      if (!P.known(x) && P.known(y)) {
        x.required = y.required;
        x.hasQuiz = y.hasQuiz;
      }
    });
    var f = out.final;
    var mine = f.attempts.map(function (t) { return JSON.stringify(t); });
    b.final.attempts.forEach(function (t) {
      var i = mine.indexOf(JSON.stringify(t));
      if (i < 0) f.attempts.push(t);
      else mine[i] = null;
    });
    f.attempts.sort(function (x, y) { return x.date < y.date ? -1 : x.date > y.date ? 1 : 0; });
    if (b.final.passed && !(f.score >= b.final.score)) P.setPass(f, b.final);
    out.last = out.last || b.last;
    out.name = out.name || b.name;
    if (b.attested) out.attested = true;
    return out;
  }

  P.find = find;
  P.fill = fill;
  P.withModules = withModules;
  P.merge = merge;
})(window.AWARE);
