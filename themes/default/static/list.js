/* aware: the code that reads the whole module list (modules.js). Loaded after aware.js
   on the pages that load the list (home, final assessment, certificate, verify; every
   page of an LMS package), and with modules.js on a page that needs the list only once
   (progress saved by an older version: see the store in aware.js). Extends
   AWARE.progress with find, fill and withModules (pure). */
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

  P.find = find;
  P.fill = fill;
  P.withModules = withModules;
})(window.AWARE);
