/* aware search: queries the prebuilt index in search/ (written by `aware build` from a
   tantivy index) entirely in the browser. Loads nothing until the search box is used;
   then the manifest, and only the term chunks and excerpt files a query needs, each as a
   <script> so it works from file://. No stemmer runs here: typed words are normalised
   like the index's surface words and looked up in the course's own vocabulary. */
(function () {
  "use strict";

  var slot = document.querySelector("[data-search]");
  var root = document.body.getAttribute("data-root") || "";
  var EXPECTED = slot ? slot.getAttribute("data-analyzer") : null;
  var MAX_BYTES = 40;
  var FOLD = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ŀ": "l", "ŉ": "n", "ĸ": "q", "ſ": "s", "ŧ": "t", "ħ": "h", "ƒ": "f" };

  var data = (window.AWARE_SEARCH_DATA = window.AWARE_SEARCH_DATA || {});
  var loading = {};
  function load(name) {
    if (!loading[name]) {
      loading[name] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = root + "search/" + name + ".js";
        s.async = true;
        s.onload = function () { resolve(); };
        s.onerror = function () { delete loading[name]; reject(new Error("could not load the search index (" + name + ")")); };
        document.head.appendChild(s);
      });
    }
    return loading[name];
  }
  function manifest() {
    return load("manifest").then(function () {
      var m = window.AWARE_SEARCH_MANIFEST;
      if (!m || m.version !== 1) throw new Error("the search index has an unknown format");
      if (EXPECTED && m.analyzer !== EXPECTED) throw new Error("the search index does not match these pages; rebuild the site");
      return m;
    });
  }

  /* Mirrors the index's surface steps: split on non-alphanumerics, lower-case each
     character, fold accents to ASCII, drop tokens of 40+ bytes. */
  function normalise(text) {
    var out = [];
    String(text).split(/[^\p{Alphabetic}\p{N}]+/u).forEach(function (tok) {
      if (!tok) return;
      var lower = Array.from(tok).map(function (c) { return c.toLowerCase(); }).join("");
      var folded = Array.from(lower.normalize("NFKD")).filter(function (c) { return !/\p{M}/u.test(c); }).map(function (c) { return FOLD[c] || c; }).join("");
      folded = folded.split(/[^\p{Alphabetic}\p{N}]+/u).join("");
      if (!folded || new TextEncoder().encode(tok).length >= MAX_BYTES) return;
      out.push(folded);
    });
    return out;
  }

  function chunksFor(m, lo, hi) {
    var names = [];
    m.chunks.forEach(function (c, i) { if (c[1] >= lo && c[0] <= hi) names.push("c" + i); });
    return names;
  }
  /* Stems for one token: the exact word, or every word that starts with it. */
  /* A short prefix of a big course can span many chunks ("co" → every word from "co" to
     "cz"). Expanding it would download much of the index for one keystroke, so a prefix
     that spans more than MAX_PREFIX_CHUNKS chunks is matched as a whole word until the
     learner types more letters. */
  var MAX_PREFIX_CHUNKS = 2;
  function expand(m, token, prefix) {
    if (prefix && chunksFor(m, token, token + "\uffff").length > MAX_PREFIX_CHUNKS) prefix = false;
    var hi = prefix ? token + "\uffff" : token;
    var names = chunksFor(m, token, hi);
    return Promise.all(names.map(load)).then(function () {
      var found = [];
      names.forEach(function (n) {
        var c = data[n];
        var w = c.w;
        // w is a flat, sorted [word, stemIndex, ...] list: binary search the first match.
        var lo = 0, hiI = w.length / 2;
        while (lo < hiI) { var mid = (lo + hiI) >> 1; if (w[2 * mid] < token) lo = mid + 1; else hiI = mid; }
        for (var i = lo; i < w.length / 2; i++) {
          var word = w[2 * i];
          if (prefix ? word.lastIndexOf(token, 0) !== 0 : word !== token) break;
          found.push({ chunk: n, stem: w[2 * i + 1], word: word });
        }
      });
      return found;
    });
  }
  function surfacesOf(chunk, stemIdx) {
    var w = data[chunk].w, out = [];
    for (var i = 0; i < w.length; i += 2) if (w[i + 1] === stemIdx) out.push(w[i]);
    return out;
  }

  /* Postings are impact-ordered: a flat [score, n, doc, doc, ..., score, n, ...] list,
     groups of documents with the same score, best scores first, each group's documents
     ascending and delta-coded. Scores are tantivy's f32s, exactly (Math.fround).
     A stem with very many postings keeps only its best documents in its chunk; the rest
     are in pieces c<N>-<stem>-<k>.js, loaded only when a query needs them. The chunk's
     "x" lists such stems: [stem, document count, [best score of piece 1, of piece 2, …]]. */
  function stemState(chunk, stemIdx) {
    var c = data[chunk];
    if (!c.xs) {
      c.xs = {};
      (c.x || []).forEach(function (e) { c.xs[e[0]] = e; });
    }
    var x = c.xs[stemIdx];
    return { chunk: chunk, stem: stemIdx, pieces: [c.p[stemIdx]], bounds: x ? x[2] : [], df: x ? x[1] : -1 };
  }
  /* The best score a stem's postings not loaded yet can have (0 when all are loaded). */
  function bound(st) {
    return st.pieces.length > st.bounds.length ? 0 : Math.fround(st.bounds[st.pieces.length - 1]);
  }
  function loadNext(st) {
    var name = st.chunk + "-" + st.stem + "-" + st.pieces.length;
    return load(name).then(function () { st.pieces.push(data[name]); });
  }

  /* Scores what is loaded. Per query unit (a word; the last, typed word as a prefix counts
     the best of the stems it expands to), each document's known score v; a unit whose
     stems are not all loaded can add at most `theta` to a document it has not seen.
     Sums are of f32s in f64, which is exact, so they equal `aware search`'s bit for bit. */
  function rank(units, n, limit) {
    var vals = units.map(function () { return new Float64Array(n); });
    var hit = new Uint8Array(n);
    var docs = [];
    var thetas = units.map(function (u, ui) {
      var v = vals[ui], theta = 0;
      u.stems.forEach(function (st) {
        theta = Math.max(theta, bound(st));
        st.pieces.forEach(function (p) {
          for (var i = 0; i < p.length;) {
            var s = Math.fround(p[i]), cnt = p[i + 1], doc = 0;
            i += 2;
            for (var e = i + cnt; i < e; i++) {
              doc += p[i];
              if (s > v[doc]) v[doc] = s;
              if (!hit[doc]) { hit[doc] = 1; docs.push(doc); }
            }
          }
        });
      });
      return theta;
    });
    var rest = thetas.reduce(function (a, b) { return a + b; }, 0);
    var low = new Float64Array(docs.length), high = new Float64Array(docs.length);
    docs.forEach(function (d, j) {
      var l = 0, h = 0;
      for (var ui = 0; ui < units.length; ui++) { var x = vals[ui][d]; l += x; h += x > thetas[ui] ? x : thetas[ui]; }
      low[j] = l;
      high[j] = h;
    });
    var order = docs.map(function (d, j) { return j; });
    order.sort(function (a, b) { return low[b] - low[a] || docs[a] - docs[b]; });
    var k = Math.min(limit, order.length);
    var exact = rest === 0;
    if (!exact && order.length >= limit && k > 0) {
      // The top k are final when their scores are known in full and no document whose
      // score is not known in full (seen or not) can reach the k-th score. (Documents
      // known in full are already in their place, ties by document.)
      var kth = low[order[k - 1]];
      exact = rest < kth;
      for (var i = 0; exact && i < order.length; i++) {
        var j = order[i];
        exact = high[j] === low[j] || (i >= k && high[j] < kth);
      }
    }
    var list = order.slice(0, k).map(function (j) { return { doc: docs[j], score: low[j] }; });
    list.complete = rest === 0;
    list.exact = exact;
    list.seen = docs.length;
    return list;
  }

  /* Ranks documents like `aware search`: per distinct stem, tantivy's BM25 score in the
     document (title boosted, body), summed; a prefix that expands to several stems counts
     the best of them once. Returns [{doc, score}] sorted by score, then document order:
     every match, or with opts.limit only the best `limit`, exactly (loading the pieces of
     very common stems only as far as needed to be sure of them). list.total counts the
     matches; when not every piece was loaded (list.complete false) it is a lower bound. */
  function query(text, opts) {
    opts = opts || {};
    var limit = opts.limit > 0 ? opts.limit : Infinity;
    return manifest().then(function (m) {
      var tokens = normalise(text);
      var prefixLast = opts.prefix !== false && !/\s$/.test(text);
      var jobs = tokens.map(function (t, i) {
        var asPrefix = prefixLast && i === tokens.length - 1 && t.length >= 2;
        return expand(m, t, asPrefix).then(function (hits) { return { prefix: asPrefix, hits: hits }; });
      });
      return Promise.all(jobs).then(function (found) {
        var seen = {};
        var marks = {};
        var words = {};
        var units = [];
        found.forEach(function (u) {
          var unit = { stems: [] };
          var own = {};
          u.hits.forEach(function (h) {
            words[h.word] = true;
            var key = h.chunk + ":" + h.stem;
            if (seen[key] || own[key]) return;
            if (!u.prefix) seen[key] = true;
            own[key] = true;
            surfacesOf(h.chunk, h.stem).forEach(function (s) { marks[s] = true; });
            unit.stems.push(stemState(h.chunk, h.stem));
          });
          if (unit.stems.length) units.push(unit);
        });
        function round() {
          var list = rank(units, m.docs, limit);
          if (list.exact) return list;
          var next = [];
          units.forEach(function (u) { u.stems.forEach(function (st) { if (bound(st) > 0) next.push(loadNext(st)); }); });
          return Promise.all(next).then(round);
        }
        return Promise.resolve(round()).then(function (list) {
          var df = 0;
          units.forEach(function (u) { u.stems.forEach(function (st) { df = Math.max(df, st.df); }); });
          list.total = list.complete ? list.seen : Math.max(list.seen, df);
          list.marks = Object.keys(marks); // every form of the matched stems, to highlight
          list.words = Object.keys(words); // the course's words the typed text matched
          return list;
        });
      });
    });
  }

  function details(m, hits) {
    var files = {};
    hits.forEach(function (h) { files["f" + Math.floor(h.doc / m.fragment_docs)] = true; });
    return Promise.all(Object.keys(files).map(load)).then(function () {
      return hits.map(function (h) {
        var row = data["f" + Math.floor(h.doc / m.fragment_docs)][h.doc % m.fragment_docs];
        return { doc: h.doc, score: h.score, url: row[0], page: row[1], title: row[2], kind: row[3], text: row[4] };
      });
    });
  }

  /* An excerpt around the first marked word, as DOM nodes with <mark>s (never HTML). */
  function excerpt(text, marks, width) {
    var set = {};
    marks.forEach(function (w) { set[w] = true; });
    var re = /[\p{Alphabetic}\p{N}]+/gu, m, ranges = [];
    while ((m = re.exec(text))) {
      var n = normalise(m[0]);
      if (n.length === 1 && set[n[0]]) ranges.push([m.index, m.index + m[0].length]);
    }
    var start = ranges.length ? Math.max(0, ranges[0][0] - Math.floor(width / 3)) : 0;
    if (start > 0) { var sp = text.indexOf(" ", start); start = sp >= 0 && sp < ranges[0][0] ? sp + 1 : start; }
    var end = Math.min(text.length, start + width);
    if (end < text.length) { var sp2 = text.lastIndexOf(" ", end); if (sp2 > start) end = sp2; }
    var frag = document.createDocumentFragment();
    var pos = start;
    if (start > 0) frag.appendChild(document.createTextNode("…"));
    ranges.forEach(function (r) {
      if (r[0] < start || r[1] > end) return;
      frag.appendChild(document.createTextNode(text.slice(pos, r[0])));
      var mk = document.createElement("mark");
      mk.textContent = text.slice(r[0], r[1]);
      frag.appendChild(mk);
      pos = r[1];
    });
    frag.appendChild(document.createTextNode(text.slice(pos, end) + (end < text.length ? "…" : "")));
    return frag;
  }

  /* "Did you mean": each typed word the course does not have is replaced by the nearest
     of the course's own words (search/s<N>.js, the slices of its first letter), by edit
     distance (an adjacent swap counts as one edit), then by how many documents have it.
     Resolves to the corrected text, or null when there is nothing better to offer. */
  var MAX_SUGGEST_SLICES = 3;
  function slicesFor(m, token) {
    var chars = Array.from(token);
    var pick = function (prefix) {
      var names = [];
      (m.suggest || []).forEach(function (r, i) { if (r[1] >= prefix && r[0] <= prefix + "\uffff") names.push("s" + i); });
      return names;
    };
    var names = pick(chars[0]);
    return names.length > MAX_SUGGEST_SLICES && chars.length > 1 ? pick(chars[0] + chars[1]) : names;
  }
  function nearest(token, names) {
    var len = Array.from(token).length;
    var max = len <= 4 ? 1 : len <= 8 ? 2 : 3;
    var best = null;
    names.forEach(function (n) {
      var w = data[n] || [];
      for (var i = 0; i < w.length; i += 2) {
        var word = w[i];
        if (Math.abs(word.length - token.length) > max) continue;
        var d = distance(token, word);
        if (d > max) continue;
        if (!best || d < best.d || d === best.d && (w[i + 1] > best.df || w[i + 1] === best.df && word < best.word)) best = { word: word, d: d, df: w[i + 1] };
      }
    });
    return best && best.word;
  }
  function didYouMean(text) {
    return manifest().then(function (m) {
      var tokens = normalise(text);
      if (!tokens.length || !m.suggest) return null;
      return Promise.all(tokens.map(function (t) {
        return expand(m, t, false).then(function (hits) {
          if (hits.length) return t;
          var names = slicesFor(m, t);
          return Promise.all(names.map(load)).then(function () { return nearest(t, names); });
        });
      })).then(function (words) {
        if (words.indexOf(null) >= 0) return null;
        var out = words.join(" ");
        return out === tokens.join(" ") ? null : out;
      });
    });
  }
  /* Optimal string alignment distance: insertions, deletions, substitutions and swaps of
     two neighbouring letters each count one. */
  function distance(a, b) {
    a = Array.from(a);
    b = Array.from(b);
    var d = [];
    for (var i = 0; i <= a.length; i++) d[i] = [i];
    for (var j = 1; j <= b.length; j++) d[0][j] = j;
    for (i = 1; i <= a.length; i++) for (j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
    return d[a.length][b.length];
  }

  /* Where internal navigation goes: the page replaces itself when aware.js says so (the
     course keeps one history entry: see its quick exit). */
  function go(url) {
    if (window.AWARE && window.AWARE.go) window.AWARE.go(url);
    else window.location.href = url;
  }

  // For tests and other scripts.
  window.AWARE_SEARCH = { normalise: normalise, query: query, didYouMean: didYouMean, distance: distance, details: function (hits) { return manifest().then(function (m) { return details(m, hits); }); } };

  /* A result: a link on the results page; in the search box's listbox an option that
     navigates when chosen (options must not contain links). */
  function resultItem(r, marks, id) {
    var li = document.createElement("li");
    li.className = "search-result";
    var inner = document.createElement(id ? "span" : "a");
    inner.className = "search-result-link";
    if (id) {
      li.id = id;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.setAttribute("data-href", root + r.url);
    } else {
      inner.href = root + r.url;
    }
    var t = document.createElement("span");
    t.className = "search-result-title";
    // A module's opening text is titled by the module; a section by "Module › Section".
    t.textContent = r.kind === "term" ? "Glossary: " + r.title
      : r.kind === "quiz" ? r.page + " › Quiz: " + r.title
      : r.url.indexOf("#") < 0 ? r.page : r.page + " › " + r.title;
    inner.appendChild(t);
    var x = document.createElement("span");
    x.className = "search-result-excerpt";
    x.appendChild(excerpt(r.text, marks, 150));
    inner.appendChild(x);
    li.appendChild(inner);
    return li;
  }

  /* "No results" and, when there is one, "Did you mean …?" in `box` (never inside the
     list of results). `pick(text)` runs a suggestion in place; without it the link goes
     to the results page. */
  function noResults(box, text, pick, quiet) {
    if (!quiet) {
      var p = document.createElement("p");
      p.className = "search-empty";
      p.textContent = "No results for “" + text.trim() + "”.";
      box.appendChild(p);
    }
    return didYouMean(text).then(function (better) {
      if (!better) return null;
      var q = document.createElement("p");
      q.className = "search-suggest";
      q.appendChild(document.createTextNode("Did you mean "));
      var a = document.createElement("a");
      a.href = root + "search.html?q=" + encodeURIComponent(better);
      a.textContent = better;
      if (pick) a.addEventListener("click", function (ev) { ev.preventDefault(); pick(better); });
      q.appendChild(a);
      q.appendChild(document.createTextNode("?"));
      box.appendChild(q);
      return better;
    }, function () { return null; });
  }

  /* ---------- The search box on every page: the ARIA 1.2 combobox pattern ----------
     input[role=combobox] controls a listbox that holds only the result options; "See all
     N results", "No results" and "Did you mean" sit beside it in the same pop-up. */
  function setupBox() {
    if (!slot) return;
    // The box's markup is in every page; aware.js loads this file when it is first used.
    var wrap = slot.querySelector(".search");
    if (!wrap) return;
    var input = wrap.querySelector("input");
    var list = wrap.querySelector("[role=listbox]");
    var status = wrap.querySelector("#search-status");
    var popup = wrap.querySelector(".search-popup");
    var extra = wrap.querySelector(".search-extra");
    if (!popup) {
      /* An older base.html: the pop-up is made around its listbox. */
      popup = document.createElement("div");
      popup.className = "search-popup";
      list.parentNode.insertBefore(popup, list);
      popup.appendChild(list);
      list.hidden = false;
    }
    if (!extra) {
      extra = document.createElement("div");
      extra.className = "search-extra";
      popup.appendChild(extra);
    }
    var active = -1;
    var current = [];
    var seq = 0;
    var timer = null;

    function clear() {
      list.textContent = "";
      extra.textContent = "";
      current = [];
    }
    function close() {
      popup.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function open(hasOptions) {
      list.hidden = !hasOptions;
      popup.hidden = false;
      input.setAttribute("aria-expanded", String(hasOptions));
    }
    function setActive(i) {
      var items = list.querySelectorAll("[role=option]");
      if (!items.length || list.hidden) return;
      active = (i + items.length) % items.length;
      Array.prototype.forEach.call(items, function (el, j) { el.setAttribute("aria-selected", j === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    }
    function pick(better) {
      input.value = better;
      input.focus();
      run();
    }
    function run() {
      var text = input.value;
      var mine = ++seq;
      if (!text.trim()) { close(); clear(); status.textContent = ""; return; }
      // One letter is too little to search on; wait for the next key.
      if (text.trim().length < 2) { close(); clear(); return; }
      query(text, { limit: 8 }).then(function (hits) {
        return manifest().then(function (m) { return details(m, hits).then(function (rows) { return { rows: rows, total: hits.total, complete: hits.complete, marks: hits.marks }; }); });
      }).then(function (res) {
        if (mine !== seq) return;
        clear();
        current = res.rows;
        active = -1;
        input.removeAttribute("aria-activedescendant");
        res.rows.forEach(function (r, i) { list.appendChild(resultItem(r, res.marks, "search-opt-" + i)); });
        if (res.total > res.rows.length) {
          var more = document.createElement("p");
          more.className = "search-more";
          var a = document.createElement("a");
          a.href = root + "search.html?q=" + encodeURIComponent(text.trim());
          a.textContent = res.complete ? "See all " + res.total + " results" : "See all results";
          more.appendChild(a);
          extra.appendChild(more);
        }
        var done = res.total ? Promise.resolve(null) : noResults(extra, text, pick);
        return done.then(function (better) {
          if (mine !== seq) return;
          open(res.total > 0);
          status.textContent = res.total ? (res.complete ? "" : "At least ") + res.total + " result" + (res.total === 1 ? "" : "s") + " found. Use the arrow keys to move through them."
            : "No results." + (better ? " Did you mean " + better + "?" : "");
        });
      }).catch(function (e) {
        if (mine !== seq) return;
        clear();
        var p = document.createElement("p");
        p.className = "search-empty";
        p.textContent = "Search is unavailable: " + e.message;
        extra.appendChild(p);
        open(false);
        status.textContent = p.textContent;
      });
    }
    input.addEventListener("focus", function () { manifest().catch(function () {}); }, { once: true });
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 60); });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown") { ev.preventDefault(); if (popup.hidden && input.value) run(); else setActive(active + 1); }
      else if (ev.key === "ArrowUp") { ev.preventDefault(); setActive(active - 1); }
      else if (ev.key === "Escape") {
        if (!popup.hidden) { ev.preventDefault(); close(); } else if (input.value) { ev.preventDefault(); input.value = ""; }
      } else if (ev.key === "Enter") {
        ev.preventDefault();
        var chosen = current[active >= 0 ? active : 0];
        if (chosen) go(root + chosen.url);
        else if (input.value.trim()) go(root + "search.html?q=" + encodeURIComponent(input.value.trim()));
      }
    });
    document.addEventListener("click", function (ev) { if (!wrap.contains(ev.target)) close(); });
    wrap.addEventListener("focusout", function (ev) { if (ev.relatedTarget && !wrap.contains(ev.relatedTarget)) close(); });
    list.addEventListener("mousedown", function (ev) { ev.preventDefault(); });
    list.addEventListener("click", function (ev) {
      var opt = ev.target.closest("[role=option]");
      if (opt) go(opt.getAttribute("data-href"));
    });
    // Typed before this file arrived: search now.
    if (input.value.trim()) run();
  }

  /* ---------- The full results page: the results are a numbered list of results only;
     "No results" and "Did you mean" are a note beside it. */
  function setupPage() {
    var page = document.querySelector("[data-search-page]");
    if (!page) return;
    var form = page.querySelector("form");
    var input = form.querySelector("input");
    var out = page.querySelector("[data-search-results]");
    var summary = page.querySelector("[data-search-summary]");
    var note = page.querySelector("[data-search-note]");
    if (!note) {
      note = document.createElement("div");
      out.parentNode.insertBefore(note, out);
    }
    function search(text) {
      input.value = text;
      try { history.replaceState(null, "", "?q=" + encodeURIComponent(text.trim())); } catch (e) { /* file:// may refuse */ }
      show(text);
    }
    function show(text) {
      out.textContent = "";
      note.textContent = "";
      out.hidden = true;
      if (!text.trim()) { summary.textContent = ""; return; }
      query(text, { prefix: false, limit: 50 }).then(function (hits) {
        return manifest().then(function (m) { return details(m, hits); }).then(function (rows) {
          var n = hits.total;
          summary.textContent = n ? (hits.complete ? "" : "At least ") + n + " result" + (n === 1 ? "" : "s") + " for “" + text.trim() + "”" + (n > 50 ? " (showing the best 50)" : "") + "." : "";
          rows.forEach(function (r) { out.appendChild(resultItem(r, hits.marks)); });
          out.hidden = !rows.length;
          if (!n) {
            summary.textContent = "No results for “" + text.trim() + "”.";
            return noResults(note, text, search, true);
          }
        });
      }).catch(function (e) { summary.textContent = "Search is unavailable: " + e.message; });
    }
    var q = new URLSearchParams(window.location.search).get("q") || "";
    input.value = q;
    show(q);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      search(input.value);
    });
  }

  setupBox();
  setupPage();
})();
