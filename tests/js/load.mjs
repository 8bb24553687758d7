// Loads the theme's browser scripts into a fresh node `vm` context with a minimal fake
// `window` (no DOM), the way a page loads them: classic scripts, in template order, all
// filling window.AWARE. Unit tests then call the pure functions and the progress store.
// No browser and no npm package is needed: `node --test tests/js/`.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(HERE, '../..');
export const STATIC = path.join(REPO, 'themes/default/static');
export const TEMPLATES = path.join(REPO, 'themes/default/templates');
/** The component scripts, in the order templates load them (search.js is separate). */
export const FILES = ['aware.js', 'list.js', 'module.js', 'quiz.js', 'popups.js', 'home.js', 'final.js', 'certificate.js'];

/**
 * What `aware build` publishes for a built-in script: src/render/minify.rs `minify_js`
 * (drops blank lines, whole-line // comments and /* *\/ blocks that start a line, trims
 * each line, drops the spaces a line without / or ` does not need and joins it with the
 * next after ; { or ,). Kept in step with the Rust by hand; tests load both forms.
 */
export function minifyJs(js) {
  let out = '';
  for (const line of minifyJsLines(js).split('\n')) {
    if (!line) continue;
    const t = squeezeLine(line);
    if (t === null) out += line + '\n';
    else out += t + (/[;{,]$/.test(t) ? '' : '\n');
  }
  return out && !out.endsWith('\n') ? out + '\n' : out;
}

/** src/render/minify.rs `squeeze_line`: spaces outside strings only between two word
 * characters or two of + and -; null for a line with a / or a backtick (left as it is). */
function squeezeLine(t) {
  if (t.includes('/') || t.includes('`')) return null;
  const word = (c) => /[A-Za-z0-9_$]/.test(c) || c.charCodeAt(0) > 127;
  const pm = (c) => c === '+' || c === '-';
  let out = '';
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < t.length && t[j] !== c) j += t[j] === '\\' ? 2 : 1;
      out += t.slice(i, j + 1);
      i = j;
      continue;
    }
    if (c === ' ' || c === '\t') {
      let j = i;
      while (j + 1 < t.length && (t[j + 1] === ' ' || t[j + 1] === '\t')) j++;
      const p = out[out.length - 1];
      const n = t[j + 1];
      if (p !== undefined && n !== undefined && ((word(p) && word(n)) || (pm(p) && pm(n)))) out += ' ';
      i = j;
      continue;
    }
    out += c;
  }
  return out;
}

/** src/render/minify.rs `minify_js_lines`. */
function minifyJsLines(js) {
  let out = '';
  let inBlock = false;
  for (const line of js.split(/\r?\n/)) {
    const t = line.trim();
    if (inBlock) {
      const i = t.indexOf('*/');
      if (i >= 0) {
        inBlock = false;
        const rest = t.slice(i + 2).trim();
        if (rest) out += rest + '\n';
      }
      continue;
    }
    if (!t || t.startsWith('//')) continue;
    if (t.startsWith('/*')) {
      const i = t.indexOf('*/');
      if (i >= 0) {
        const rest = t.slice(i + 2).trim();
        if (rest) out += rest + '\n';
      } else {
        inBlock = true;
      }
      continue;
    }
    out += t + '\n';
  }
  return out;
}

/** A localStorage stand-in; `failing: true` makes every call throw (storage blocked). */
export function memoryStorage({ failing = false } = {}) {
  const map = new Map();
  const guard = () => { if (failing) throw new Error('SecurityError: storage is blocked'); };
  return {
    map,
    getItem(k) { guard(); return map.has(k) ? map.get(k) : null; },
    setItem(k, v) { guard(); map.set(k, String(v)); },
    removeItem(k) { guard(); map.delete(k); },
  };
}

/** A console that records instead of printing. */
export function recordingConsole() {
  const calls = { error: [], warn: [], log: [] };
  const text = (args) => args.map((a) => (a instanceof Error || (a && a.name && a.message) ? `${a.name}: ${a.message}` : String(a))).join(' ');
  return {
    calls,
    errors: () => calls.error.map(text),
    error: (...a) => calls.error.push(a),
    warn: (...a) => calls.warn.push(a),
    log: (...a) => calls.log.push(a),
  };
}

/**
 * A fresh page-like context with the scripts loaded. Options: files, minified (load what
 * the build publishes), course (window.AWARE_COURSE), lms (window.AWARE_LMS),
 * localStorage, console. Returns { A: window.AWARE, win: the fake window, console, storage }.
 * The fake window has addEventListener and dispatch(type, event) for "storage" events.
 */
export function load({ files = FILES, minified = false, course, lms, localStorage, console: con } = {}) {
  const listeners = {};
  const storage = localStorage || memoryStorage();
  const c = con || recordingConsole();
  const win = {
    console: c,
    atob, btoa, TextEncoder, TextDecoder,
    localStorage: storage,
    addEventListener(type, fn) { (listeners[type] ||= []).push(fn); },
    removeEventListener(type, fn) { listeners[type] = (listeners[type] || []).filter((f) => f !== fn); },
    dispatch(type, ev) { for (const fn of listeners[type] || []) fn(ev); },
  };
  win.window = win;
  if (course) win.AWARE_COURSE = course;
  if (lms) win.AWARE_LMS = lms;
  vm.createContext(win);
  for (const f of files) {
    // AWARE_PUBLISHED: a built site's static/ folder, to run every test on the files the
    // build publishes (local names shortened and minified by src/render/rename.rs and
    // minify.rs), as tests/run.sh does after the run on the sources.
    const published = process.env.AWARE_PUBLISHED;
    let src = fs.readFileSync(path.join(published || STATIC, f), 'utf8');
    if (minified && !published) src = minifyJs(src);
    vm.runInContext(src, win, { filename: f });
  }
  return { A: win.AWARE, win, console: c, storage };
}

/** A value from the vm's realm as plain JSON data (deepStrictEqual compares prototypes). */
export const plain = (x) => (x === undefined ? undefined : JSON.parse(JSON.stringify(x)));

/** A small course, shaped like the built course.js. */
export function course(overrides = {}) {
  return {
    schema: 1,
    id: 'demo-course',
    version: '2.1',
    title: 'Demo: “Spotting” the signs',
    organisation: 'Example Org',
    pass_mark: 80,
    quick_exit_url: 'https://www.bbc.co.uk/weather',
    modules: [
      { slug: 'one', title: 'Module one', required: true, quiz: 'one', minutes: 5 },
      { slug: 'two', title: 'Module two', required: true, quiz: null, minutes: 5 },
      { slug: 'extra', title: 'Extra reading', required: false, quiz: 'extra', minutes: 3 },
      { slug: 'three', title: 'Module three', required: true, quiz: 'three', minutes: 8 },
    ],
    final: { quiz: 'final', questions: 5, pass_mark: 80 },
    certificate: null,
    ...overrides,
  };
}

/** A saved state with the given parts (the rest empty, as the scripts make it). */
export function state(parts = {}) {
  return { schema: 1, modules: {}, final: { attempts: [] }, last: null, name: null, ...parts };
}
