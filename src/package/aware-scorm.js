/* aware LMS runtime: the one script an LMS package adds to every page (lms/aware-scorm.js,
   loaded before course.js and static/aware.js with data-standard="scorm12|scorm2004").

   Without an LMS (the zip opened from disk, or a page outside the LMS) it does nothing and
   the course is the plain site. Inside an LMS:

   One session per launch. SCORM lets a SCO call Initialize once and Terminate once; an LMS
   (and scorm-again) refuses Initialize after Terminate, and a SCORM 2004 LMS may close the
   course when it sees Terminate. So the page the LMS launches becomes the *host*: it finds
   the API, initialises, and shows the course in a full-size frame of its own; every course
   page then opens inside that frame, finds the host through window.parent and talks to the
   LMS through the host's session. Links, Back/Forward, reloads and search results inside the
   course therefore keep one session; the host terminates when it goes away (pagehide: the
   LMS closed the course, the learner closed the window, or quick exit).

   Each course page (in the frame) sets window.AWARE_LMS for aware.js (contract: the progress
   store section of static/aware.js). Every change aware saves is mapped to the data model at
   once and committed when anything changed: completion, success, best final score, bookmark,
   progress (suspend_data) and exit; final answers become cmi.interactions. Nothing waits for
   the end: a session that is never terminated has lost nothing but its session time. Values
   never go down: a status or score the LMS already has is kept if the learner's state says
   less (a failed retry after a pass, a reset, another computer).

   suspend_data is a compact, versioned text (see encode), not JSON: SCORM 1.2 allows 4,096
   characters. Plain ES5, no eval, no framework; styles only through element.style (CSSOM),
   so a strict Content-Security-Policy needs nothing extra. The pure parts are
   window.AWARE_SCORM (tests/js/scorm*.test.mjs). */
(function (win) {
  "use strict";

  /* ---------- Pure: progress summary, encoding, data model mapping ---------- */

  var FORMAT = "A1"; /* the suspend_data encoding's name and version */
  var LIMIT = { scorm12: 4096, scorm2004: 64000 }; /* suspend_data characters the standard allows */
  var MAX_ATTEMPTS = 100; /* final attempts kept in suspend_data, newest first */
  var MAX_NAME = 1100; /* longest encoded certificate name kept (120 characters always fit) */
  var B36 = "0123456789abcdefghijklmnopqrstuvwxyz";
  var EPOCH = Date.UTC(2000, 0, 1);
  var DAY = 86400000;

  function isObj(x) { return !!x && typeof x === "object" && !Array.isArray(x); }
  function pad(n, width, ch) {
    var s = String(n);
    while (s.length < width) s = (ch || "0") + s;
    return s;
  }
  function b36(n, width) { return pad(Math.max(0, Math.floor(n)).toString(36), width || 1); }
  function unb36(s) { return /^[0-9a-z]+$/.test(s) ? parseInt(s, 36) : NaN; }

  /* FNV-1a of the module slugs, 6 base-36 characters: suspend_data from a package whose
     module list differs (an updated course re-uploaded over the old one) is not read as this
     course's, because it names modules by their position. */
  function fingerprint(course) {
    var text = course.modules.map(function (m) { return m.slug; }).join("\n");
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = (h + ((h << 1) + (h << 4) + (h << 7) + (h << 8) + (h << 24))) >>> 0;
    }
    return b36(h % 2176782336, 6);
  }

  /* "YYYY-MM-DD" <-> days since 1999-12-31, 3 base-36 characters (to 2127); anything else is 0, "". */
  function dayOf(date) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date || "");
    if (!m) return 0;
    var t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
    var d = (t - EPOCH) / DAY + 1;
    return d >= 1 && d < 46656 && dateOf(d) === date ? d : 0;
  }
  function dateOf(d) {
    if (!(d >= 1)) return "";
    var t = new Date(EPOCH + (d - 1) * DAY);
    return t.getUTCFullYear() + "-" + pad(t.getUTCMonth() + 1, 2) + "-" + pad(t.getUTCDate(), 2);
  }
  function pct(x) { return Math.min(100, Math.max(0, Math.round(x))); }
  /* An attempt (or the pass): 2 characters for score * 2 + passed, 3 for the day. */
  function attemptCode(a) { return b36(pct(a.score) * 2 + (a.passed ? 1 : 0), 2) + b36(dayOf(a.date), 3); }
  function attemptOf(code) {
    var v = unb36(code.slice(0, 2));
    var d = unb36(code.slice(2, 5));
    if (code.length !== 5 || !(v <= 201) || isNaN(d)) return null;
    return { date: dateOf(d), score: v >> 1, passed: (v & 1) === 1 };
  }

  /* One module: "" not opened; "o" opened; "e" read to the end; with a quiz result, a letter
     for end/passed (a: -/-, b: end/-, c: -/passed, d: end/passed), the best score in 2
     characters and the attempts (at most "zz", 1295). */
  function moduleCode(ms) {
    if (!isObj(ms)) return "";
    var q = ms.quiz;
    if (!isObj(q)) return ms.end ? "e" : "o";
    return "abcd".charAt((ms.end ? 1 : 0) + (q.passed ? 2 : 0)) + b36(pct(q.best || 0), 2) + b36(Math.min(q.attempts || 0, 1295));
  }
  function moduleOf(code) {
    if (code === "o" || code === "e") return { end: code === "e", quiz: null };
    var k = "abcd".indexOf(code.charAt(0));
    var best = unb36(code.slice(1, 3));
    var attempts = unb36(code.slice(3));
    if (k < 0 || code.length < 4 || !(best <= 100) || isNaN(attempts)) return null;
    return { end: (k & 1) === 1, quiz: { attempts: attempts, best: best, passed: (k & 2) === 2 } };
  }
  function encodeName(name) {
    return typeof name === "string" && name ? encodeURIComponent(name).replace(/'/g, "%27") : "";
  }

  /* The progress (aware's state, see static/aware.js) as suspend_data:
       A1<fingerprint>|<modules>|<last>|<pass>|<attempts>|<flags>|<name>
     modules: one code per course module in course order, comma-separated, trailing empty
     ones dropped (modules the course does not have are not kept); last: the last module
     opened, as its position in base 36; pass: the best pass as an attempt code; attempts:
     the newest MAX_ATTEMPTS final attempts, 5 characters each, oldest first; flags: one
     letter each, "a" the certificate's statement attested (a reader skips letters it does
     not know); name: the certificate name, URI-encoded. Only ASCII letters, digits and - _ . ! ~ * ( ) % | ,
     so no LMS has to escape anything. When the text would pass `limit`, older attempts
     are left out, then the name; if it still does not fit, null (nothing is written). */
  function encode(state, course, limit) {
    var s = isObj(state) ? state : {};
    var mods = isObj(s.modules) ? s.modules : {};
    var codes = course.modules.map(function (m) { return moduleCode(mods[m.slug]); });
    while (codes.length && codes[codes.length - 1] === "") codes.pop();
    var last = -1;
    course.modules.forEach(function (m, i) { if (m.slug === s.last) last = i; });
    var f = isObj(s.final) ? s.final : {};
    var pass = f.passed === true && typeof f.score === "number" ? attemptCode({ score: f.score, passed: true, date: f.date }) : "";
    var attempts = (Array.isArray(f.attempts) ? f.attempts : []).filter(function (a) { return isObj(a) && typeof a.score === "number"; }).map(attemptCode);
    attempts = attempts.slice(Math.max(0, attempts.length - MAX_ATTEMPTS));
    var name = encodeName(s.name);
    if (name.length > MAX_NAME) name = "";
    var head = FORMAT + fingerprint(course) + "|" + codes.join(",") + "|" + (last < 0 ? "" : b36(last)) + "|" + pass + "|";
    var tail = "|" + (s.attested === true ? "a" : "") + "|";
    limit = limit || LIMIT.scorm12;
    var room = limit - head.length - tail.length;
    if (room - name.length < 0) name = "";
    var fit = Math.max(0, Math.floor((room - name.length) / 5));
    if (room < 0) return null;
    if (attempts.length > fit) attempts = attempts.slice(attempts.length - fit);
    return head + attempts.join("") + tail + name;
  }

  /* suspend_data -> aware's state (the shape AWARE.progress.repair makes), or null when the
     text is not this encoding or belongs to another module list. */
  function decode(text, course) {
    if (typeof text !== "string" || text.slice(0, 2) !== FORMAT) return null;
    var parts = text.slice(2).split("|");
    if (parts.length !== 7 || parts[0].length !== 6 || parts[0] !== fingerprint(course)) return null;
    var out = { schema: 1, modules: {}, final: { attempts: [] }, last: null, name: null };
    if (parts[1]) {
      parts[1].split(",").forEach(function (code, i) {
        var m = course.modules[i];
        var ms = m && code && moduleOf(code);
        if (!ms) return;
        /* The module's facts, as its page records them (see static/aware.js). */
        ms.required = !!m.required;
        ms.hasQuiz = !!m.quiz;
        out.modules[m.slug] = ms;
      });
    }
    var last = parts[2] ? course.modules[unb36(parts[2])] : null;
    out.last = last ? last.slug : null;
    for (var i = 0; i + 5 <= parts[4].length; i += 5) {
      var a = attemptOf(parts[4].slice(i, i + 5));
      if (a) out.final.attempts.push(a);
    }
    var pass = parts[3] ? attemptOf(parts[3]) : null;
    if (pass && pass.passed) {
      out.final.passed = true;
      out.final.score = pass.score;
      out.final.date = pass.date;
    }
    if (parts[6]) {
      try {
        out.name = decodeURIComponent(parts[6]);
      } catch (e) {
        out.name = null;
      }
    }
    if (parts[5].indexOf("a") >= 0) out.attested = true;
    return out;
  }

  /* What the LMS is told about a state: required modules done, final attempted/passed, best score. */
  function summary(course, state) {
    var s = isObj(state) ? state : {};
    var mods = isObj(s.modules) ? s.modules : {};
    var req = course.modules.filter(function (m) { return m.required; });
    var done = req.filter(function (m) {
      var ms = mods[m.slug];
      return isObj(ms) && ms.end === true && (!m.quiz || !!(isObj(ms.quiz) && ms.quiz.passed === true));
    }).length;
    var f = isObj(s.final) ? s.final : {};
    var attempts = Array.isArray(f.attempts) ? f.attempts : [];
    var best = null;
    attempts.forEach(function (a) { if (isObj(a) && typeof a.score === "number" && (best === null || a.score > best)) best = a.score; });
    var passed = f.passed === true;
    if (passed && typeof f.score === "number" && (best === null || f.score > best)) best = f.score;
    return { done: done, total: req.length, complete: done === req.length, attempted: attempts.length > 0 || passed, passed: passed, best: best };
  }

  /* The data model of each standard. */
  var MODEL = {
    scorm12: {
      api: "API", init: "LMSInitialize", end: "LMSFinish", get: "LMSGetValue", set: "LMSSetValue",
      commit: "LMSCommit", error: "LMSGetLastError", errorText: "LMSGetErrorString",
      status: "cmi.core.lesson_status", raw: "cmi.core.score.raw", min: "cmi.core.score.min", max: "cmi.core.score.max",
      location: "cmi.core.lesson_location", suspend: "cmi.suspend_data", exit: "cmi.core.exit", entry: "cmi.core.entry",
      name: "cmi.core.student_name", time: "cmi.core.session_time", response: "student_response", when: "time",
      wrong: "wrong", trueFalse: ["t", "f"], separator: ",",
      locationMax: 255
    },
    scorm2004: {
      api: "API_1484_11", init: "Initialize", end: "Terminate", get: "GetValue", set: "SetValue",
      commit: "Commit", error: "GetLastError", errorText: "GetErrorString",
      completion: "cmi.completion_status", success: "cmi.success_status", progress: "cmi.progress_measure",
      scaled: "cmi.score.scaled", raw: "cmi.score.raw", min: "cmi.score.min", max: "cmi.score.max",
      location: "cmi.location", suspend: "cmi.suspend_data", exit: "cmi.exit", entry: "cmi.entry",
      name: "cmi.learner_name", time: "cmi.session_time", response: "learner_response", when: "timestamp",
      wrong: "incorrect", trueFalse: ["true", "false"], separator: "[,]",
      locationMax: 1000
    }
  };
  /* The LMS values read at Initialize (those a SCO may read), to never go below them. */
  function readable(std) {
    var M = MODEL[std];
    return std === "scorm12" ? [M.status, M.raw, M.location, M.suspend, M.entry, M.name]
      : [M.completion, M.success, M.progress, M.raw, M.location, M.suspend, M.entry, M.name];
  }

  var RANK12 = { incomplete: 1, failed: 2, completed: 2, passed: 3 };
  var RANK_COMPLETION = { incomplete: 1, completed: 2 };
  var RANK_SUCCESS = { failed: 1, passed: 2 };
  function atLeast(rank, want, have) { return (rank[have] || 0) > (rank[want] || 0) ? have : want; }
  function num(x) {
    var n = typeof x === "number" ? x : parseFloat(x);
    return isFinite(n) ? n : null;
  }

  /* The values to report for `state`: [[element, value], ...] in the order to set them.
     `lms` maps elements to what the LMS has now (read at Initialize, then what was written):
     a status or score is never set below it. Statuses are always set explicitly:
       SCORM 1.2  lesson_status: with a final, passed / failed (after a failed attempt) /
                  incomplete; without one, completed / incomplete.
       SCORM 2004 completion_status completed (every required module complete) / incomplete;
                  with a final, success_status passed / failed / unknown; progress_measure.
     Score (only with a final): the best final score, raw 0-100 (2004: also scaled 0-1).
     Exit: suspend until passed (or, without a final, completed); then normal. */
  function report(std, course, state, lms) {
    var M = MODEL[std];
    var L = lms || {};
    var s = summary(course, state);
    var out = [];
    var best = s.best;
    var had = num(L[M.raw]);
    if (had !== null && (best === null || had > best)) best = had;
    var done;
    if (std === "scorm12") {
      var status = course.final ? (s.passed ? "passed" : s.attempted ? "failed" : "incomplete") : s.complete ? "completed" : "incomplete";
      status = atLeast(RANK12, status, L[M.status]);
      out.push([M.status, status]);
      done = status === "passed" || (!course.final && status === "completed");
    } else {
      var completion = atLeast(RANK_COMPLETION, s.complete ? "completed" : "incomplete", L[M.completion]);
      out.push([M.completion, completion]);
      var progress = s.total ? Math.round(100 * s.done / s.total) / 100 : 1;
      var hadProgress = num(L[M.progress]);
      if (hadProgress !== null && hadProgress > progress && hadProgress <= 1) progress = hadProgress;
      if (completion === "completed") progress = 1;
      out.push([M.progress, String(progress)]);
      if (course.final) {
        var success = atLeast(RANK_SUCCESS, s.passed ? "passed" : s.attempted ? "failed" : "unknown", L[M.success]);
        out.push([M.success, success]);
        done = success === "passed";
      } else {
        done = completion === "completed";
      }
    }
    if (course.final && best !== null) {
      best = Math.min(100, Math.max(0, best));
      if (std === "scorm2004") out.push([M.scaled, String(Math.round(best * 100) / 10000)]);
      out.push([M.raw, String(best)], [M.min, "0"], [M.max, "100"]);
    }
    out.push([M.exit, done ? (std === "scorm12" ? "" : "normal") : "suspend"]);
    return out;
  }

  /* SCORM's "Last, First" -> "First Last"; anything else as it is; empty -> null. */
  function lmsName(raw) {
    var n = typeof raw === "string" ? raw.replace(/\s+/g, " ").trim() : "";
    var parts = n.split(",");
    if (parts.length === 2 && parts[0].trim() && parts[1].trim()) n = parts[1].trim() + " " + parts[0].trim();
    return n || null;
  }

  /* Session time: SCORM 1.2 HH:MM:SS (CMITimespan), SCORM 2004 an ISO 8601 duration. */
  function sessionTime(std, ms) {
    var t = Math.max(0, Math.round(ms / 1000));
    var h = Math.floor(t / 3600);
    var m = Math.floor(t / 60) % 60;
    var sec = t % 60;
    if (std === "scorm2004") return "PT" + h + "H" + m + "M" + sec + "S";
    return pad(Math.min(h, 9999), 2) + ":" + pad(m, 2) + ":" + pad(sec, 2);
  }
  function stamp(std, d) {
    var time = pad(d.getHours(), 2) + ":" + pad(d.getMinutes(), 2) + ":" + pad(d.getSeconds(), 2);
    return std === "scorm12" ? time : d.getFullYear() + "-" + pad(d.getMonth() + 1, 2) + "-" + pad(d.getDate(), 2) + "T" + time;
  }

  /* Option indexes -> response identifiers: a-z then 0-9 (SCORM 1.2 takes one character). */
  function optionId(i) { return i < 26 ? "abcdefghijklmnopqrstuvwxyz".charAt(i) : i < 36 ? String(i - 26) : "o" + i; }
  function response(std, kind, indexes) {
    var M = MODEL[std];
    if (kind === "true_false") return M.trueFalse[indexes[0] === 0 ? 0 : 1];
    return indexes.slice().sort(function (a, b) { return a - b; }).map(optionId).join(M.separator);
  }

  /* One final attempt (what aware passes to finalAttempt) -> cmi.interactions records, each
     [[field, value], ...] with id first and type before the responses (SCORM 2004 requires
     that order). `key`: the quiz's answer key when known (for correct_responses); `prompt(id)`:
     the question's text (SCORM 2004 description) or null. */
  function interactions(std, attempt, when, key, prompt) {
    var M = MODEL[std];
    return (attempt && Array.isArray(attempt.answers) ? attempt.answers : []).map(function (a) {
      var kind = a.kind;
      var rec = [["id", String(a.id).replace(/[^A-Za-z0-9_.:-]/g, "_").slice(0, 250) || "question"], ["type", kind === "true_false" ? "true-false" : "choice"]];
      rec.push([M.response, response(std, kind, a.response || [])]);
      var q = key && key.questions && key.questions[a.id];
      if (q && Array.isArray(q.correct)) rec.push(["correct_responses.0.pattern", response(std, kind, q.correct)]);
      rec.push(["result", a.correct ? "correct" : M.wrong]);
      rec.push([M.when, stamp(std, when)]);
      var text = std === "scorm2004" && prompt ? prompt(a.id) : null;
      if (text) rec.push(["description", text.replace(/\s+/g, " ").trim().slice(0, 250)]);
      return rec;
    });
  }

  /* The course page a URL is, relative to the course root ("modules/x.html"), or null. */
  function pageOf(href, root) {
    var url = String(href).split("#")[0].split("?")[0];
    if (!root || url.indexOf(root) !== 0) return null;
    var rel = url.slice(root.length);
    return rel === "" ? "index.html" : rel;
  }
  /* A bookmark the host may open: a plain relative path to an .html page of the course. */
  function safePage(p) {
    return typeof p === "string" && /^[A-Za-z0-9_][A-Za-z0-9_.\/-]*\.html$/.test(p) && p.indexOf("..") < 0 && p.indexOf("//") < 0;
  }

  /* The standard way to find the LMS API: this window and its parents, then the window that
     opened the top one (and its parents), then that one's opener, and so on. Windows of
     other origins are passed over. */
  function findApi(start, name, fns) {
    function usable(w) {
      try {
        var api = w[name];
        return api && typeof api[fns[0]] === "function" ? api : null;
      } catch (e) {
        return null;
      }
    }
    function climb(w) {
      for (var i = 0; w && i < 500; i++) {
        var api = usable(w);
        if (api) return api;
        var p = null;
        try {
          p = w.parent;
        } catch (e) {}
        if (!p || p === w) return null;
        w = p;
      }
      return null;
    }
    var w = start;
    for (var hops = 0; w && hops < 10; hops++) {
      var found = climb(w);
      if (found) return found;
      var top = null;
      var opener = null;
      try {
        top = w.top;
        opener = top && top.opener;
      } catch (e) {}
      if (!opener || opener === w || opener === top) return null;
      w = opener;
    }
    return null;
  }

  var pure = {
    FORMAT: FORMAT, LIMIT: LIMIT, MAX_ATTEMPTS: MAX_ATTEMPTS, MODEL: MODEL,
    encode: encode, decode: decode, fingerprint: fingerprint, summary: summary, report: report,
    readable: readable, lmsName: lmsName, sessionTime: sessionTime, interactions: interactions,
    response: response, pageOf: pageOf, safePage: safePage, findApi: findApi,
    session: openSession /* not pure: the session over an API object (tests give a fake one) */
  };
  win.AWARE_SCORM = pure;

  /* ---------- The session: one per launch, kept by the host page ---------- */

  /* Starts (or, if another page already did, joins) the LMS session; null when the LMS
     refuses (e.g. it has already been terminated). */
  function openSession(api, std, host) {
    var M = MODEL[std];
    var warned = {};
    var ended = false;
    var owner = true;
    function call(fn, a, b) {
      try {
        return String(api[fn](a === undefined ? "" : a, b));
      } catch (e) {
        return "false";
      }
    }
    function lastError() { return call(M.error); }
    function warn(what) {
      var code = lastError();
      if (warned[what]) return;
      warned[what] = true;
      if (win.console) win.console.warn("aware-scorm: the LMS refused " + what + " (error " + code + ": " + call(M.errorText, code) + ")");
    }
    if (call(M.init) !== "true") {
      var code = lastError();
      /* Already initialised (2004: 103; 1.2: 101 and reads work): join that session; it is
         terminated by whoever started it. Anything else: no session. */
      call(M.get, M.suspend);
      if (code !== "103" && !(std === "scorm12" && lastError() === "0")) {
        if (win.console) win.console.warn("aware-scorm: the LMS did not start a session (error " + code + "); progress is kept in this browser only");
        return null;
      }
      owner = false;
    }
    var lms = {};
    readable(std).forEach(function (el) {
      var v = call(M.get, el);
      if (lastError() === "0") lms[el] = v;
    });
    var started = new Date().getTime();
    var nextInteraction = 0;
    var S = {
      std: std, owner: owner, lms: lms,
      entry: lms[M.entry] || "",
      learnerName: lmsName(lms[M.name]),
      alive: function () { return !ended; },
      get: function (el) { return ended ? "" : call(M.get, el); },
      commit: function () {
        if (!ended && call(M.commit) !== "true") warn("Commit");
      },
      /* Sets what differs from what the LMS has; commits when anything changed. */
      apply: function (pairs) {
        if (ended) return 0;
        var changed = 0;
        pairs.forEach(function (p) {
          if (lms[p[0]] === p[1]) return;
          if (call(M.set, p[0], p[1]) === "true") {
            lms[p[0]] = p[1];
            changed++;
          } else {
            warn(p[0] + " = " + String(p[1]).slice(0, 40));
          }
        });
        if (changed) S.commit();
        return changed;
      },
      interactions: function (records) {
        if (ended || !records.length) return;
        var n = parseInt(call(M.get, "cmi.interactions._count"), 10);
        n = Math.max(isFinite(n) ? n : 0, nextInteraction);
        for (var i = 0; i < records.length; i++, n++) {
          var rec = records[i];
          for (var j = 0; j < rec.length; j++) {
            var el = "cmi.interactions." + n + "." + rec[j][0];
            if (call(M.set, el, rec[j][1]) !== "true") {
              warn(el);
              if (j === 0) {
                i = records.length;
                break;
              }
            }
          }
        }
        nextInteraction = n;
        S.commit();
      },
      /* The time so far, then Commit: for the moments a page may be going away for good. */
      flush: function () {
        if (ended) return;
        call(M.set, M.time, sessionTime(std, new Date().getTime() - started));
        S.commit();
      },
      end: function () {
        if (ended || !owner) return;
        call(M.set, M.time, sessionTime(std, new Date().getTime() - started));
        ended = true;
        if (call(M.end) !== "true") warn(M.end);
      },
      /* Quick exit: the LMS window (top) goes to url where the browser allows it, else the
         course's own window (the host) does; true once a navigation is started. */
      exit: function (url) {
        var top = null;
        try {
          top = host.top;
        } catch (e) {}
        var sameOrigin = false;
        try {
          sameOrigin = !!top && !!top.location.href;
        } catch (e) {}
        var activation = win.navigator && win.navigator.userActivation;
        if (top && top !== host && (sameOrigin || !activation || activation.isActive)) {
          try {
            top.location.replace(url);
            if (sameOrigin) return true;
            /* A browser may block it silently across origins: the host follows if still here. */
            host.setTimeout(function () { host.location.replace(url); }, 400);
            return true;
          } catch (e) {}
        }
        try {
          host.location.replace(url);
          return true;
        } catch (e) {
          return false;
        }
      }
    };
    return S;
  }

  /* ---------- A course page inside the host's frame: window.AWARE_LMS ---------- */

  function hooks(S, page, std) {
    var M = MODEL[std];
    /* course.js's course with modules.js's list (both on every page of a package). */
    function course() {
      var C = win.AWARE_COURSE;
      var rows = win.AWARE_MODULES;
      if (C && Array.isArray(C.modules)) return C;
      if (!C || !Array.isArray(rows)) return null;
      var out = {};
      Object.keys(C).forEach(function (k) { out[k] = C[k]; });
      out.modules = rows.map(function (r) { return { slug: r[0], title: r[1], required: r[2] === true, quiz: r[3] || null }; });
      return out;
    }
    function here() {
      var p = page();
      return p && p.length <= M.locationMax ? [[M.location, p]] : [];
    }
    var reported = false;
    /* Statuses, score, bookmark and exit for `state`; with `data`, the progress too. */
    function tell(state, data) {
      var C = course();
      if (!C || !S.alive()) return;
      reported = true;
      var pairs = report(std, C, state, S.lms).concat(here());
      var text = data ? encode(state, C, LIMIT[std]) : null;
      if (data && text === null && win.console) win.console.warn("aware-scorm: the progress does not fit in suspend_data; the LMS keeps the last that did");
      if (text !== null) pairs.push([M.suspend, text]);
      S.apply(pairs);
    }
    function copy(x) { return x == null ? null : JSON.parse(JSON.stringify(x)); }
    /* A page whose aware.js never asks (a theme without the progress store) still bookmarks. */
    win.addEventListener("load", function () {
      if (!reported && S.alive()) S.apply(here());
    });
    return {
      load: function () {
        var C = course();
        if (!C || !S.alive()) return null;
        /* What the LMS has (nothing yet: an empty state, so that aware hands back what this
           browser has). Its suspend_data is only ever replaced by a save. */
        var saved = decode(S.get(M.suspend), C) || { schema: 1, modules: {}, final: { attempts: [] }, last: null, name: null };
        tell(saved, false);
        return copy(saved);
      },
      save: function (state) { tell(copy(state), true); },
      learnerName: function () { return S.learnerName; },
      finalAttempt: function (r) {
        var key = null;
        var doc = win.document;
        try {
          var el = doc.querySelector("section.quiz script.quiz-key");
          key = el && win.AWARE && win.AWARE.quiz ? win.AWARE.quiz.decode(el.textContent) : null;
        } catch (e) {}
        S.interactions(interactions(std, copy(r), new Date(), key, function (id) {
          var f = doc.querySelector("section.quiz fieldset[data-question=\"" + String(id).replace(/["\\]/g, "") + "\"] .question-prompt");
          return f ? f.textContent : null;
        }));
      },
      exit: function (url) { return S.exit(url); }
    };
  }

  /* ---------- Start ---------- */

  if (typeof win.document === "undefined" || !win.document.documentElement) return;
  var doc = win.document;
  var script = doc.currentScript || doc.querySelector("script[data-standard]");
  var std = script && script.getAttribute("data-standard") === "scorm2004" ? "scorm2004" : "scorm12";
  var src = script ? String(script.src) : "";
  var root = /lms\/aware-scorm\.js(\?.*)?$/.test(src) ? src.replace(/lms\/aware-scorm\.js(\?.*)?$/, "") : null;
  function page() { return pageOf(win.location.href, root); }

  /* Inside the host's frame: use its session. */
  var hostSession = null;
  try {
    var parent = win.parent;
    hostSession = parent !== win && parent.AWARE_SCORM_HOST && parent.AWARE_SCORM_HOST.alive() ? parent.AWARE_SCORM_HOST : null;
  } catch (e) {}
  if (hostSession) {
    win.AWARE_LMS = hooks(hostSession, page, hostSession.std);
    return;
  }

  /* No LMS: the plain site. */
  var api = findApi(win, MODEL[std].api, [MODEL[std].init]);
  if (!api) return;
  var S = openSession(api, std, win);
  if (!S) return;

  /* The host: this page's own content gives way to a full-size frame showing the course
     (the bookmarked page when the LMS resumes an attempt, else this page). */
  win.AWARE_SCORM_HOST = S;
  var bookmark = S.lms[MODEL[std].location];
  var start = S.entry === "resume" && root && safePage(bookmark) ? root + bookmark : win.location.href.split("#")[0];
  /* A frame may not show its parent's own URL (browsers stop the recursion): mark it. */
  start += (start.indexOf("?") < 0 ? "?" : "&") + "aware-lms-frame";
  var body = doc.body;
  Array.prototype.slice.call(body.childNodes).forEach(function (n) {
    if (n.nodeName !== "SCRIPT") body.removeChild(n);
  });
  body.setAttribute("data-aware-lms-host", std);
  [doc.documentElement, body].forEach(function (e) {
    e.style.height = "100%";
    e.style.margin = "0";
    e.style.padding = "0";
    e.style.overflow = "hidden";
  });
  body.style.display = "block";
  var frame = doc.createElement("iframe");
  frame.setAttribute("title", doc.title || "Course");
  frame.setAttribute("name", "aware-course");
  frame.style.display = "block";
  frame.style.width = "100%";
  frame.style.height = "100%";
  frame.style.border = "0";
  frame.addEventListener("load", function () {
    try {
      var t = frame.contentDocument && frame.contentDocument.title;
      if (t) {
        doc.title = t;
        frame.setAttribute("title", t);
      }
    } catch (e) {}
  });
  frame.src = start;
  body.appendChild(frame);

  /* The session ends with the host. A hidden page may never come back (mobile browsers
     discard it), so the time so far is committed then too. Never `unload`. */
  win.addEventListener("pagehide", function () { S.end(); });
  doc.addEventListener("visibilitychange", function () {
    if (doc.visibilityState === "hidden") S.flush();
  });
})(window);
