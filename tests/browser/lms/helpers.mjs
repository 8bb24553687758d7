// Helpers of the LMS package tests (tests/browser/lms-*.test.mjs): the two packages that
// tests/browser/run.sh builds (AWARE_SCORM12_ZIP, AWARE_SCORM2004_ZIP) are unzipped with
// Python's zipfile (a reader independent of the Rust zip writer), served beside the test
// LMS (harness.html: scorm-again from node_modules), and launched the way an LMS does.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { HERE, serveSite, openContext, readCourse, waitUntil } from '../helpers.mjs';

const require = createRequire(import.meta.url);
export const STANDARDS = ['scorm12', 'scorm2004'];
export const API_NAME = { scorm12: 'API', scorm2004: 'API_1484_11' };

/** The zip of a standard, as run.sh built it. */
export function zipPath(standard) {
  const v = standard === 'scorm12' ? 'AWARE_SCORM12_ZIP' : 'AWARE_SCORM2004_ZIP';
  const zip = process.env[v];
  if (!zip || !fs.existsSync(zip)) throw new Error(`${v} is not set or missing: run \`bash tests/browser/run.sh\`, which builds the packages first`);
  return zip;
}

/** Unzips with python3's zipfile module into dir. */
export function unzip(zip, dir) {
  execFileSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', zip, dir]);
  return dir;
}

/**
 * A folder served on 127.0.0.1 under /lms/: the test LMS (harness.html, harness.js,
 * scorm-again's builds) and each package unzipped into scorm12/ and scorm2004/.
 */
export async function lmsServer() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aware-lms-'));
  for (const f of ['harness.html', 'harness.js']) fs.copyFileSync(path.join(HERE, 'lms', f), path.join(tmp, f));
  const dist = path.dirname(require.resolve('scorm-again/scorm12'));
  fs.mkdirSync(path.join(tmp, 'scorm-again'));
  for (const f of ['scorm12.min.js', 'scorm2004.min.js']) fs.copyFileSync(path.join(dist, f), path.join(tmp, 'scorm-again', f));
  for (const s of STANDARDS) unzip(zipPath(s), path.join(tmp, s));
  const server = await serveSite(tmp, '/lms/');
  const close = server.close;
  return {
    ...server,
    tmp,
    course: readCourse(path.join(tmp, 'scorm12')),
    /** A server-like view of one package, for the site helpers (server.url(rel)). */
    site: (standard) => ({ url: (rel = '') => server.url(`${standard}/${rel}`), dir: path.join(tmp, standard) }),
    close: async () => { await close(); fs.rmSync(tmp, { recursive: true, force: true }); },
  };
}

/** The package's runtime (lms/aware-scorm.js) loaded in node: its pure functions
    (window.AWARE_SCORM), returning plain data of this realm. */
export function runtime(dir) {
  const win = {};
  win.window = win;
  vm.createContext(win);
  vm.runInContext(fs.readFileSync(path.join(dir, 'lms', 'aware-scorm.js'), 'utf8'), win);
  const S = win.AWARE_SCORM;
  const plain = (x) => (x == null ? x : JSON.parse(JSON.stringify(x)));
  return { ...S, decode: (text, course) => plain(S.decode(text, course)), encode: (s, course, limit) => S.encode(s, course, limit) };
}

/** The course frame: the frame the package's host page made (a grandchild of the LMS page). */
export function courseFrame(page, { popup = false } = {}) {
  const depth = popup ? 1 : 2;
  return page.frames().find((f) => {
    let d = 0;
    for (let p = f.parentFrame(); p; p = p.parentFrame()) d++;
    return d === depth;
  }) || null;
}

/**
 * Opens the test LMS in a new context and launches a package of `standard` with `data`
 * preloaded (loadFromJSON). Returns the context parts, the course frame (or popup), `events`
 * (each Initialize / Commit / Terminate seen by the LMS, with the committed data model) and
 * `lms()` (the harness's state: calls, committed, live). `prepare(ctx)` runs before the LMS
 * page opens (routes, init scripts).
 */
export async function launch(browser, server, standard, { data = {}, popup = false, prepare = null } = {}) {
  const ctx = await openContext(browser, server);
  const events = [];
  await ctx.context.exposeBinding('lmsEvent', (_source, name, result, committed) => { events.push({ name, result, committed }); });
  if (prepare) await prepare(ctx);
  await ctx.page.goto(server.url('harness.html'));
  const popupPage = popup ? ctx.context.waitForEvent('page') : null;
  await ctx.page.evaluate((opts) => window.lms.launch(opts), { standard, data, src: `${standard}/index.html`, popup });
  const win = popup ? await popupPage : ctx.page;
  const frame = await waitUntil(() => courseFrame(win, { popup }), { message: 'the course frame' });
  await frame.waitForLoadState('load');
  return {
    ...ctx,
    win,
    frame,
    events,
    site: server.site(standard),
    lms: () => ctx.page.evaluate(() => window.lms.state()),
  };
}

/** The reported values of a data model snapshot, named the same for both standards. */
export function view(standard, cmi) {
  if (!cmi) return null;
  const list = (o) => Object.keys(o || {}).sort((a, b) => a - b).map((k) => o[k]);
  if (standard === 'scorm12') {
    return {
      status: cmi.core.lesson_status, raw: cmi.core.score.raw, min: cmi.core.score.min, max: cmi.core.score.max,
      location: cmi.core.lesson_location, suspend: cmi.suspend_data, exit: cmi.core.exit, time: cmi.core.session_time,
      interactions: list(cmi.interactions).map((i) => ({ id: i.id, type: i.type, response: i.student_response, result: i.result, pattern: i.correct_responses?.[0]?.pattern, time: i.time })),
    };
  }
  return {
    completion: cmi.completion_status, success: cmi.success_status, progress: cmi.progress_measure,
    scaled: cmi.score.scaled, raw: cmi.score.raw, min: cmi.score.min, max: cmi.score.max,
    location: cmi.location, suspend: cmi.suspend_data, exit: cmi.exit, time: cmi.session_time,
    interactions: list(cmi.interactions).map((i) => ({ id: i.id, type: i.type, response: i.learner_response, result: i.result, pattern: i.correct_responses?.[0]?.pattern, time: i.timestamp, description: i.description })),
  };
}
