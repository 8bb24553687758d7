/* aware certificate and verify pages. Loaded only on those two pages, after aware.js
   (whose AWARE namespace it extends: see there). */
"use strict";

/* ---------- Certificate code: SHA-256 of the printed fields, in a readable alphabet (pure) ---------- */
(function (A) {

  /* SHA-256 of the UTF-8 bytes of str, as 64 hex digits. (crypto.subtle is not available
     from file://, hence this small implementation.) */
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
    m[n - 4] = (bits >>> 24) & 255;
    m[n - 3] = (bits >>> 16) & 255;
    m[n - 2] = (bits >>> 8) & 255;
    m[n - 1] = bits & 255;
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
        h = g;
        g = f;
        f = e;
        e = (d + t1) | 0;
        d = c;
        c = b;
        b = a;
        a = (t1 + t2) | 0;
      }
      H[0] = (H[0] + a) | 0;
      H[1] = (H[1] + b) | 0;
      H[2] = (H[2] + c) | 0;
      H[3] = (H[3] + d) | 0;
      H[4] = (H[4] + e) | 0;
      H[5] = (H[5] + f) | 0;
      H[6] = (H[6] + g) | 0;
      H[7] = (H[7] + h) | 0;
    }
    return H.map(function (x) { return ("00000000" + (x >>> 0).toString(16)).slice(-8); }).join("");
  }

  /* Crockford base32: no I, L, O, U. */
  var ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  /* The first 60 bits of a hex digest as 12 characters, grouped XXXX-XXXX-XXXX. */
  function base32(hex) {
    var out = "";
    for (var i = 0; i < 12; i++) {
      var bitPos = i * 5;
      var pair = parseInt(hex.substr(Math.floor(bitPos / 4), 2), 16);
      out += ALPHABET[(pair >> (3 - bitPos % 4)) & 31];
    }
    return out.slice(0, 4) + "-" + out.slice(4, 8) + "-" + out.slice(8, 12);
  }
  function normName(name) { return String(name || "").normalize("NFC").replace(/\s+/g, " ").trim(); }
  /* A YYYY-MM-DD date `months` later (the last day of the month when it has fewer days). */
  function addMonths(iso, months) {
    var p = String(iso).split("-").map(Number);
    if (p.length !== 3 || p.some(isNaN)) return "";
    var total = p[0] * 12 + (p[1] - 1) + months;
    var y = Math.floor(total / 12), m = total % 12 + 1;
    var last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    var d = Math.min(p[2], last);
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return y + "-" + two(m) + "-" + two(d);
  }
  /* A YYYY-MM-DD date in the course's language, e.g. "December 2, 2026". */
  function formatDate(iso, language) {
    var p = String(iso).split("-").map(Number);
    if (p.length !== 3 || p.some(isNaN)) return String(iso);
    var d = new Date(Date.UTC(p[0], p[1] - 1, p[2]));
    try {
      return d.toLocaleDateString(language || "en", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
    } catch (e) {
      return String(iso);
    }
  }
  /* What the course's settings add to a certificate earned on `date`. */
  function extras(course, date) {
    var c = course.certificate || {};
    return {
      validUntil: c.valid_months ? addMonths(date, c.valid_months) : "",
      hours: c.hours || "",
      topics: (Array.isArray(c.topics) ? c.topics : []).join("; "),
      attested: c.attestation ? "attested" : ""
    };
  }
  function hasExtras(course) {
    var c = course.certificate || {};
    return !!(c.valid_months || c.attestation || c.hours || c.topics);
  }
  /* The code covers course id, version, title, organisation, learner name, date and score,
     and (v2, when the course sets them) the validity, hours, topics and attestation:
     changing any of them changes the code. It proves integrity, not identity. */
  function code(course, fields) {
    var parts = [course.id, fields.version, course.title, course.organisation, normName(fields.name), fields.date, String(fields.score)];
    var text;
    if (hasExtras(course)) {
      var x = extras(course, fields.date);
      text = ["aware-certificate-v2"].concat(parts, [x.validUntil, x.hours, x.topics, x.attested]).join("\n");
    } else {
      text = ["aware-certificate-v1"].concat(parts).join("\n");
    }
    return base32(sha256(text));
  }
  /* A typed code as the alphabet reads it: case, spaces and dashes do not matter, and
     I, L and O are read as 1, 1 and 0. */
  function normCode(c) {
    return String(c || "").toUpperCase().replace(/[\s-]/g, "").replace(/[IL]/g, "1").replace(/O/g, "0");
  }
  /* What the certificate shows, or null before it is earned: with a final assessment, its
     best passing score and the day it was reached; without one, 100% and `today`. */
  function earned(course, s, today) {
    if (!(s.final.passed || (!course.final && A.progress.allDone(course, s)))) return null;
    return course.final ? { score: s.final.score, date: s.final.date } : { score: 100, date: today };
  }

  A.certificate = { sha256: sha256, base32: base32, normName: normName, code: code, normCode: normCode, earned: earned, addMonths: addMonths, formatDate: formatDate, extras: extras };
})(window.AWARE);

/* ---------- aware-certificate: the learner's certificate ----------
   Root: the certificate page's main. Needs: [data-certificate-locked],
   [data-certificate-form] with #learner-name (and #attest when the course asks the
   learner to confirm a statement), [data-certificate] with [data-cert-name],
   [data-cert-date], [data-cert-score], [data-cert-code] and #cert-title, and
   [data-certificate-actions]; fills [data-cert-valid-until] when present. The name is
   prefilled from AWARE_LMS.learnerName(). */
(function (A) {
  var U = A.util;
  var CE = A.certificate;
  A.register("aware-certificate", function (root, need) {
    var locked = need("[data-certificate-locked]");
    var form = need("[data-certificate-form]");
    var input = need("#learner-name");
    var attest = U.$("#attest", form);
    var cert = need("[data-certificate]");
    var parts = {};
    ["name", "date", "score", "code"].forEach(function (p) { parts[p] = need("[data-certificate] [data-cert-" + p + "]"); });
    var until = U.$("[data-cert-valid-until]", cert);
    var title = need("#cert-title");
    var actions = need("[data-certificate-actions]");
    var store = A.store();
    var C = store.course;
    var s = store.get();
    var got = CE.earned(C, s, U.today());
    U.show(locked, !got);
    U.show(form, !!got);
    if (!got) return;
    function setDate(el, iso) {
      el.setAttribute("datetime", iso);
      el.textContent = CE.formatDate(iso, C.language);
    }
    function render(name) {
      /* textContent: a name is never markup. */
      parts.name.textContent = name;
      setDate(parts.date, got.date);
      parts.score.textContent = got.score + "%";
      if (until) setDate(until, CE.extras(C, got.date).validUntil);
      parts.code.textContent = CE.code(C, { version: C.version, name: name, date: got.date, score: got.score });
      U.show(cert, true);
      U.show(actions, true);
    }
    function error(field, id, text) {
      var msg = U.el("p", { "class": "error-message", id: id }, "Error: " + text);
      field.parentNode.insertBefore(msg, field);
      field.focus();
    }
    if (s.name && (!attest || s.attested)) {
      input.value = s.name;
      if (attest) attest.checked = true;
      render(s.name);
    } else {
      var lmsName = A.lms("learnerName");
      if (!s.name && typeof lmsName === "string") input.value = CE.normName(lmsName);
      if (s.name) input.value = s.name;
    }
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var name = CE.normName(input.value);
      U.$$(".error-message", form).forEach(function (m) { m.remove(); });
      if (!name) {
        error(input, "learner-name-error", "enter your name.");
        input.setAttribute("aria-describedby", "learner-name-hint learner-name-error");
        return;
      }
      if (attest && !attest.checked) {
        error(attest.parentNode, "attest-error", "confirm the statement to get your certificate.");
        attest.setAttribute("aria-describedby", "attest-error");
        attest.focus();
        return;
      }
      store.update(function (st) {
        st.name = name;
        if (attest) st.attested = true;
      });
      render(name);
      title.setAttribute("tabindex", "-1");
      title.focus();
    });
    var printBtn = U.$("[data-print]", root);
    if (printBtn) printBtn.addEventListener("click", function () { window.print(); });
  });
})(window.AWARE);

/* ---------- aware-verify: check a certificate code against the printed details ----------
   Root: the verify form. Needs: fields named name, date, score, version and code, and
   [data-verify-result]. */
(function (A) {
  var CE = A.certificate;
  A.register("aware-verify", function (root, need) {
    var out = need("[data-verify-result]");
    var fields = {};
    ["name", "date", "score", "version", "code"].forEach(function (n) { fields[n] = need("[name=" + n + "]"); });
    var C = A.store().course;
    root.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var v = function (n) { return fields[n].value.trim(); };
      var score = v("score").replace(/%$/, "").trim();
      if (!v("name") || !v("date") || !score || !v("code")) {
        out.setAttribute("data-valid", "incomplete");
        out.textContent = "Fill in every field as printed on the certificate.";
        return;
      }
      var ok = CE.normCode(CE.code(C, { version: v("version"), name: v("name"), date: v("date"), score: score })) === CE.normCode(v("code"));
      var until = ok ? CE.extras(C, v("date")).validUntil : "";
      var expired = until && until < A.util.today();
      out.setAttribute("data-valid", ok ? (expired ? "expired" : "true") : "false");
      if (!ok) {
        out.textContent = "✗ Not valid: the code does not match these details. Check each field against the certificate.";
      } else if (!until) {
        out.textContent = "✓ Valid: this code matches these details for “" + C.title + "”.";
      } else if (expired) {
        out.textContent = "✓ The code matches these details for “" + C.title + "”, but the certificate expired on " + CE.formatDate(until, C.language) + ".";
      } else {
        out.textContent = "✓ Valid until " + CE.formatDate(until, C.language) + ": this code matches these details for “" + C.title + "”.";
      }
    });
  });
})(window.AWARE);
