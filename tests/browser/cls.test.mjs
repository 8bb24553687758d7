// Layout shift: CLS < 0.1 on every page type, in the states a learner sees them, on a phone
// and a desktop, measured in the page with a PerformanceObserver for `layout-shift` (the
// largest session window, as Core Web Vitals count it). Scripts are held back for 400 ms
// so the page paints before they run: what they fill in must not move what was painted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser, serveSite, openContext, readCourse, completeModulesQuickly, passFinalQuickly, makeCertificate,
} from './helpers.mjs';

const LIMIT = 0.1;
let browser, server, course, some, modulesDone, finalPassed, named;
before(async () => {
  course = readCourse();
  [browser, server] = await Promise.all([launchBrowser(), serveSite()]);
  const { context, page } = await openContext(browser, server);
  await completeModulesQuickly(page, server, course, { except: course.modules.filter((m) => m.required).slice(3).map((m) => m.slug) });
  some = await context.storageState();
  await completeModulesQuickly(page, server, course);
  modulesDone = await context.storageState();
  await passFinalQuickly(page, server);
  finalPassed = await context.storageState();
  await page.goto(server.url('certificate.html'));
  await makeCertificate(page, 'Ann Lee');
  named = await context.storageState();
  await context.close();
});
after(async () => { await browser?.close(); await server?.close(); });

/** Collects layout shifts from the first paint; cls() is the largest session window. */
function observe() {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (!e.hadRecentInput) window.__shifts.push({ t: e.startTime, v: e.value, who: (e.sources || []).map((s) => s.node ? (s.node.className || s.node.nodeName) : '?').join(' ') });
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

async function measure(rel, { viewport, storageState }) {
  const { context, page, errors } = await openContext(browser, server, { viewport, storageState });
  await context.addInitScript(observe);
  await context.route(/\.js(\?|$)/, async (r) => { await new Promise((res) => setTimeout(res, 400)); await r.continue(); });
  await page.goto(server.url(rel));
  await page.waitForLoadState('load');
  await page.waitForTimeout(800);
  const shifts = await page.evaluate(() => window.__shifts);
  await context.close();
  assert.deepEqual(errors, []);
  // Session windows: shifts less than 1 s apart, a window at most 5 s long.
  let best = 0;
  let cur = 0;
  let start = -1;
  let last = -1;
  for (const s of shifts) {
    if (start < 0 || s.t - last > 1000 || s.t - start > 5000) { cur = 0; start = s.t; }
    cur += s.v;
    last = s.t;
    best = Math.max(best, cur);
  }
  return { cls: best, shifts };
}

const CASES = () => [
  ['home', '', {}],
  ['home, some modules done', '', { storageState: some }],
  ['home, final passed', '', { storageState: finalPassed }],
  ['module', `modules/${course.modules[0].slug}.html`, {}],
  ['module, complete', `modules/${course.modules[0].slug}.html`, { storageState: some }],
  ['module with a content note', `modules/${(course.modules.find((m) => m.content_note) || course.modules[1]).slug}.html`, { storageState: some }],
  ['glossary', 'glossary.html', {}],
  ['final, locked', 'final.html', {}],
  ['final, open', 'final.html', { storageState: modulesDone }],
  ['final, passed', 'final.html', { storageState: finalPassed }],
  ['certificate, locked', 'certificate.html', {}],
  ['certificate, name to give', 'certificate.html', { storageState: finalPassed }],
  ['certificate, shown', 'certificate.html', { storageState: named }],
  ['verify', 'verify.html', {}],
  ['safety', 'safety.html', {}],
  ['search results', 'search.html?q=trafficking', {}],
  ['404', '404.html', {}],
];

export const measured = [];
for (const viewport of [{ width: 375, height: 812 }, { width: 1280, height: 720 }]) {
  test(`CLS < ${LIMIT} on every page type at ${viewport.width} × ${viewport.height}`, async (t) => {
    const bad = [];
    for (const [what, rel, opts] of CASES()) {
      const r = await measure(rel, { viewport, ...opts });
      t.diagnostic(`${what}: CLS ${r.cls.toFixed(4)}`);
      measured.push({ viewport: viewport.width, what, cls: r.cls });
      if (process.env.CLS_DEBUG) t.diagnostic(JSON.stringify(r.shifts));
      if (r.cls >= LIMIT) bad.push(`${what} (${rel || 'home'}): ${r.cls.toFixed(3)} ${JSON.stringify(r.shifts)}`);
    }
    assert.deepEqual(bad, []);
  });
}
