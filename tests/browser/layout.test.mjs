// Lighter pages: on a phone the header, search and nav take at most a third of the first
// screen; on a desktop each module's own text starts on the first screen; the "/" hint only
// where there is a keyboard; heading anchors only on hover or focus; tables name their row
// and column headers and show when they scroll; a required module's content note says so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, serveSite, openContext, readCourse, siteDir, sitePages } from './helpers.mjs';

let browser, server, course;
before(async () => {
  course = readCourse();
  [browser, server] = await Promise.all([launchBrowser(), serveSite()]);
});
after(async () => { await browser?.close(); await server?.close(); });

const PAGE_TYPES = () => ['', 'glossary.html', 'final.html', 'certificate.html', 'verify.html', 'safety.html', 'search.html?q=hotline', '404.html',
  ...course.modules.map((m) => `modules/${m.slug}.html`)];

test('on a 375 × 812 phone the bar, header, search, nav and progress take at most a third of the screen', async () => {
  const { context, page } = await openContext(browser, server, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  for (const rel of PAGE_TYPES()) {
    await page.goto(server.url(rel));
    const bottom = await page.evaluate(() => document.querySelector('.site-header').getBoundingClientRect().bottom);
    assert.ok(bottom <= 812 / 3, `${rel || 'home'}: the header ends at ${bottom} px (at most ${Math.floor(812 / 3)})`);
  }
  await context.close();
});

test('on a 1280 × 720 desktop every module\'s own content starts on the first screen', async (t) => {
  const { context, page } = await openContext(browser, server, { viewport: { width: 1280, height: 720 } });
  for (const m of course.modules) {
    await page.goto(server.url(`modules/${m.slug}.html`));
    // The first block after the module's title and summary: its objectives, content note or text.
    const r = await page.evaluate(() => {
      const first = document.querySelector('.module > .module-header ~ :not(nav.toc)');
      const body = document.querySelector('.module-body > *');
      return { first: first.getBoundingClientRect().top, what: first.className, body: body.getBoundingClientRect().top };
    });
    assert.ok(r.first + 24 <= 720, `${m.slug}: ${r.what} starts at ${Math.round(r.first)} px`);
    t.diagnostic(`${m.slug}: ${r.what} at ${Math.round(r.first)} px, the body's text at ${Math.round(r.body)} px`);
  }
  await context.close();
});

test('the search box says "/" only where there is a keyboard', async () => {
  const desk = await openContext(browser, server, { viewport: { width: 1280, height: 720 } });
  await desk.page.goto(server.url(''));
  assert.equal(await desk.page.locator('.search-key').isVisible(), true, 'shown with a mouse and keyboard');
  assert.equal(await desk.page.getAttribute('#search-input', 'placeholder'), 'Search');
  assert.equal(await desk.page.getAttribute('#search-input', 'aria-keyshortcuts'), '/');
  await desk.context.close();
  const phone = await openContext(browser, server, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  await phone.page.goto(server.url(''));
  assert.equal(await phone.page.locator('.search-key').isVisible(), false, 'hidden on a touch screen');
  await phone.context.close();
});

test('a heading links to its own section, with a "#" that is there on hover or focus only', async () => {
  const { context, page } = await openContext(browser, server, { viewport: { width: 1280, height: 720 } });
  await page.goto(server.url(`modules/${course.modules[0].slug}.html`));
  const h = page.locator('.module-body h2').first();
  const a = h.locator('> a');
  assert.equal(await a.getAttribute('href'), `#${await h.getAttribute('id')}`);
  assert.equal((await a.textContent()).trim(), (await h.textContent()).trim(), 'the link is the heading\'s text');
  // Not there at all until then (a hidden mark would still take room, and wrapped a
  // heading that fills its line onto a blank second line).
  const mark = () => a.evaluate((e) => getComputedStyle(e, '::after').content);
  const shown = /^"\s*#"/;
  assert.equal(await mark(), 'none');
  await a.focus();
  assert.match(await mark(), shown, 'the mark is a "#"');
  await a.evaluate((e) => e.blur());
  assert.equal(await mark(), 'none');
  await a.hover();
  assert.match(await mark(), shown);
  // The heading reads as a heading, not as a link-coloured line.
  const [hc, ac] = await Promise.all([h.evaluate((e) => getComputedStyle(e).color), a.evaluate((e) => getComputedStyle(e).color)]);
  assert.equal(ac, hc);
  await context.close();
});

test('tables: scoped column and row headers, no empty header cell, no style attribute', () => {
  let tables = 0;
  for (const rel of sitePages().filter((p) => p.startsWith('modules/'))) {
    const html = fs.readFileSync(path.join(siteDir(), rel), 'utf8');
    for (const t of html.match(/<table>[\s\S]*?<\/table>/g) || []) {
      tables++;
      assert.doesNotMatch(t, /<th(\s[^>]*)?>\s*<\/th>/, `${rel}: an empty header cell`);
      assert.doesNotMatch(t, /style=/, `${rel}: a style attribute`);
      for (const th of t.match(/<th\b[^>]*>/g)) assert.match(th, /scope="(col|row)"/, `${rel}: ${th}`);
      const head = /<thead>([\s\S]*?)<\/thead>/.exec(t)[1];
      const cols = (head.match(/<t[hd]\b/g) || []).length;
      for (const row of t.match(/<tbody>[\s\S]*<\/tbody>/)[0].match(/<tr>[\s\S]*?<\/tr>/g)) {
        if (cols > 1) assert.match(row, /^<tr><th scope="row"/, `${rel}: each row is named by its first cell`);
      }
    }
  }
  assert.ok(tables > 5, `the default course has tables (${tables})`);
});

test('on a phone a table wider than the screen scrolls and shows that it does', async (t) => {
  const { context, page } = await openContext(browser, server, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  let wide = 0;
  for (const m of course.modules) {
    await page.goto(server.url(`modules/${m.slug}.html`));
    for (const w of await page.$$eval('.table-wrap', (ws) => ws.map((e) => {
      const c = getComputedStyle(e);
      return { scrolls: e.scrollWidth > e.clientWidth, overflow: c.overflowX, bg: c.backgroundImage, attach: c.backgroundAttachment, tab: e.tabIndex, role: e.getAttribute('role'), label: e.getAttribute('aria-label') };
    }))) {
      assert.equal(w.overflow, 'auto');
      assert.equal(w.tab, 0, 'the region can be scrolled with the keyboard');
      assert.equal(w.role, 'region');
      assert.ok(w.label);
      if (!w.scrolls) continue;
      wide++;
      assert.equal((w.bg.match(/radial-gradient/g) || []).length, 2, 'a shadow on each side that has more');
      assert.match(w.attach, /^local, local, scroll, scroll$/);
    }
  }
  // Whether the course has one or not, a table made wider than the screen shows it.
  await page.goto(server.url(`modules/${course.modules.find((m) => /<table>/.test(fs.readFileSync(path.join(siteDir(), 'modules', `${m.slug}.html`), 'utf8'))).slug}.html`));
  const forced = await page.$eval('.table-wrap', (e) => {
    e.querySelector('table').style.minWidth = '40rem';
    const c = getComputedStyle(e);
    return { scrolls: e.scrollWidth > e.clientWidth, bg: c.backgroundImage, attach: c.backgroundAttachment };
  });
  assert.ok(forced.scrolls);
  assert.equal((forced.bg.match(/radial-gradient/g) || []).length, 2);
  assert.match(forced.attach, /^local, local, scroll, scroll$/);
  t.diagnostic(`${wide} table(s) of the default course are wider than a 375 px phone`);
  await context.close();
});

test('skipping a required module from its content note says it is still needed', () => {
  const noted = course.modules.filter((m) => /class="content-note"/.test(fs.readFileSync(path.join(siteDir(), 'modules', `${m.slug}.html`), 'utf8')));
  assert.ok(noted.length > 0, 'some module has a content note');
  for (const m of noted) {
    const html = fs.readFileSync(path.join(siteDir(), 'modules', `${m.slug}.html`), 'utf8');
    const has = html.includes('This module is required: if you skip it now, you still need to complete it');
    assert.equal(has, !!m.required, m.slug);
    if (m.required && course.final) assert.match(html, /complete it to take the final assessment and to get your certificate\./);
  }
});

test('every page has a description (the module\'s summary on a module page) and a favicon that loads; nothing asks for /favicon.ico', async () => {
  const site = fs.readFileSync(path.join(siteDir(), 'index.html'), 'utf8');
  const siteDescription = /<meta name="description" content="([^"]*)">/.exec(site)[1];
  assert.ok(siteDescription.length > 20, 'home has the course description');
  const { context, page, requests } = await openContext(browser, server);
  const failed = [];
  page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  for (const rel of PAGE_TYPES().filter((r) => r !== '404.html')) {
    await page.goto(server.url(rel));
    const lead = rel.startsWith('modules/') ? page.locator('.module-header .lead') : null;
    const want = lead && await lead.count() ? (await lead.textContent()).trim() : null;
    const got = await page.getAttribute('meta[name="description"]', 'content');
    if (want) assert.equal(got, want, rel);
    else assert.equal(got, siteDescription.replace(/&#x27;/g, "'").replace(/&amp;/g, '&'), rel);
    const icon = await page.$eval('link[rel="icon"]', (l) => l.href);
    assert.ok(icon.endsWith('/static/favicon.svg'), icon);
    await page.waitForTimeout(50);
  }
  const res = await fetch(server.url('static/favicon.svg'));
  assert.equal(res.status, 200);
  assert.match(await res.text(), /^<svg /);
  assert.deepEqual(failed, []);
  assert.deepEqual(requests.filter((u) => u.endsWith('/favicon.ico')), []);
  await context.close();
});
