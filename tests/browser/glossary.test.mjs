// Glossary terms in a module: an inline definition opens on Enter or click, Escape closes it
// and returns focus to the term; "See the glossary" leads to the entry.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  launchBrowser, serveSite, openContext, readCourse, siteDir, tabTo, activeMatches, expectText,
} from './helpers.mjs';

let browser, server, mod;
before(async () => {
  const course = readCourse();
  mod = course.modules.find((m) => fs.readFileSync(path.join(siteDir(), 'modules', `${m.slug}.html`), 'utf8').includes('class="term"'));
  assert.ok(mod, 'some module links a glossary term');
  [browser, server] = await Promise.all([launchBrowser(), serveSite()]);
});
after(async () => { await browser?.close(); await server?.close(); });

const squash = (t) => t.replace(/\s+/g, ' ').trim();

/* A term's definition as the glossary page shows it (the first paragraph of its entry). */
async function glossaryDefinition(context, termId) {
  const g = await context.newPage();
  await g.goto(server.url('glossary.html'));
  const text = squash(await g.locator(`#term-${termId} dd p`).first().textContent());
  await g.close();
  return text;
}

async function openModule() {
  const ctx = await openContext(browser, server);
  await ctx.page.goto(server.url(`modules/${mod.slug}.html`));
  const term = ctx.page.locator('button.term').first();
  await term.waitFor();
  // Every term the module lists became a button; the page has no term link left.
  assert.equal(await ctx.page.locator('.module-body a.term').count(), 0, 'every term link became a button');
  const popId = await term.getAttribute('aria-controls');
  const termId = await term.getAttribute('data-term');
  assert.equal(await term.getAttribute('data-href'), `../glossary.html#term-${termId}`);
  const def = ctx.page.locator('details.terms li').filter({ has: ctx.page.locator(`a[href$="#term-${termId}"]`) });
  assert.equal(await def.count(), 1, 'the term is listed once under "Terms in this module"');
  return { ...ctx, term, pop: ctx.page.locator(`#${popId}`), termId, def };
}

test('a glossary term opens with Enter and closes with Escape, returning focus', async () => {
  const { context, page, term, pop, termId, def } = await openModule();
  assert.equal(await term.getAttribute('aria-expanded'), 'false');
  assert.equal(await pop.isVisible(), false);
  await tabTo(page, `button.term[data-term="${termId}"]`);
  await page.keyboard.press('Enter');
  // The pop-ups' code loads on the first focus, hover or press of a term: the first one
  // may open a moment later.
  await pop.waitFor({ state: 'visible' });
  assert.equal(await term.getAttribute('aria-expanded'), 'true');
  assert.equal(await pop.isVisible(), true);
  await expectText(pop.locator('.term-popup-title'), (await def.locator('a').textContent()).trim());
  const defText = await glossaryDefinition(context, termId);
  assert.ok(defText.length > 0);
  assert.ok(squash(await pop.textContent()).includes(defText), 'the pop-up shows the glossary\'s definition');
  await page.keyboard.press('Escape');
  assert.equal(await term.getAttribute('aria-expanded'), 'false');
  assert.equal(await pop.isVisible(), false);
  assert.ok(await activeMatches(page, `button.term[data-term="${termId}"]`), 'focus is back on the term');
  // Space toggles too, and a second Enter closes.
  await page.keyboard.press('Space');
  assert.equal(await term.getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('Enter');
  assert.equal(await term.getAttribute('aria-expanded'), 'false');
  await context.close();
});

test('a glossary term opens on click; Escape or a click elsewhere closes it', async () => {
  const { context, page, term, pop, termId } = await openModule();
  await term.click();
  await pop.waitFor({ state: 'visible' });
  assert.equal(await term.getAttribute('aria-expanded'), 'true');
  assert.equal(await pop.isVisible(), true);
  await page.keyboard.press('Escape');
  assert.equal(await term.getAttribute('aria-expanded'), 'false');
  assert.equal(await pop.isVisible(), false);
  assert.ok(await activeMatches(page, `button.term[data-term="${termId}"]`), 'focus is back on the term');
  await term.click();
  assert.equal(await pop.isVisible(), true);
  await page.locator('h1').click();
  assert.equal(await term.getAttribute('aria-expanded'), 'false', 'a click elsewhere closes it');
  // Only one pop-up at a time.
  const terms = page.locator('button.term');
  if (await terms.count() > 1) {
    await terms.nth(0).click();
    // The second term may be under the first one's pop-up: click it as a script would.
    await terms.nth(1).dispatchEvent('click');
    assert.equal(await page.locator('button.term[aria-expanded="true"]').count(), 1);
    await page.keyboard.press('Escape');
  }
  // "See the glossary" goes to the term's entry.
  await term.click();
  await Promise.all([page.waitForURL(/glossary\.html#term-/), pop.getByRole('link', { name: 'See the glossary' }).click()]);
  assert.ok(page.url().endsWith(`glossary.html#term-${termId}`));
  assert.equal(await page.locator(`#term-${termId}`).isVisible(), true);
  await context.close();
});

test('a pop-up opens without breaking the sentence, inside the screen, and is never clipped by a table', async () => {
  for (const viewport of [{ width: 375, height: 812 }, { width: 1280, height: 720 }]) {
    const { context, page } = await openContext(browser, server, { viewport, reducedMotion: 'reduce' });
    for (const m of readCourse().modules) {
      await page.goto(server.url(`modules/${m.slug}.html`));
      const terms = page.locator('.module-body button.term');
      const n = await terms.count();
      // The first term of the module and the first one inside a table.
      const picks = [0];
      const inTable = await terms.evaluateAll((bs) => bs.findIndex((b) => b.closest('.table-wrap')));
      if (inTable >= 0) picks.push(inTable);
      for (const i of picks.filter((x) => x < n)) {
        const term = terms.nth(i);
        await term.evaluate((b) => b.scrollIntoView({ block: 'center' }));
        const block = () => term.evaluate((b) => { const r = b.closest('p, li, td, th, dd').getBoundingClientRect(); return [Math.round(r.height), Math.round(r.width)]; });
        const before = await block();
        await term.click();
        const pop = page.locator(`#${await term.getAttribute('aria-controls')}`);
        await pop.waitFor({ state: 'visible' });
        assert.deepEqual(await block(), before, `${m.slug} term ${i}: the text around the term does not move`);
        const r = await pop.evaluate((p) => {
          const b = p.getBoundingClientRect();
          const hit = document.elementFromPoint(b.left + b.width / 2, Math.min(b.top + 10, innerHeight - 1));
          return { left: b.left, right: b.right, width: innerWidth, seen: !!hit && p.contains(hit) };
        });
        assert.ok(r.left >= 0 && r.right <= r.width, `${m.slug} term ${i}: inside the screen ${JSON.stringify(r)}`);
        assert.ok(r.seen, `${m.slug} term ${i}: the pop-up is drawn on top, not clipped (${viewport.width} px)`);
        await page.keyboard.press('Escape');
      }
    }
    await context.close();
  }
});

test('a term at the bottom of a phone screen opens its pop-up where it can be read, in plain type', async () => {
  const { context, page } = await openContext(browser, server, { viewport: { width: 390, height: 844 }, reducedMotion: 'reduce' });
  for (const m of readCourse().modules) {
    await page.goto(server.url(`modules/${m.slug}.html`));
    const terms = page.locator('.module-body button.term');
    if (!(await terms.count())) continue;
    // The first term and, if there is one, the first in a table's header or first column.
    const picks = [0];
    const inHeading = await terms.evaluateAll((bs) => bs.findIndex((b) => b.closest('th')));
    if (inHeading >= 0) picks.push(inHeading);
    for (const i of picks) {
      const term = terms.nth(i);
      await term.evaluate((b) => { b.scrollIntoView({ block: 'end' }); window.scrollBy(0, 4); });
      await term.click();
      const pop = page.locator(`#${await term.getAttribute('aria-controls')}`);
      await pop.waitFor({ state: 'visible' });
      const r = await pop.evaluate((p) => {
        const b = p.getBoundingClientRect();
        const s = getComputedStyle(p.querySelector('.term-popup-text'));
        return { top: b.top, bottom: b.bottom, height: innerHeight, bar: document.querySelector('.exit-bar').getBoundingClientRect().bottom, weight: s.fontWeight, align: getComputedStyle(p).textAlign };
      });
      assert.ok(r.top >= r.bar - 1 && r.bottom <= r.height + 1, `${m.slug} term ${i}: the whole pop-up is on the screen ${JSON.stringify(r)}`);
      assert.equal(r.weight, '400', `${m.slug} term ${i}: the definition is not bold`);
      assert.equal(r.align, 'left');
      await page.keyboard.press('Escape');
    }
  }
  await context.close();
});

test('"Terms in this module" lists each term with its glossary link, and opening it shows their definitions', async () => {
  const { context, page } = await openModule();
  const list = page.locator('details.terms');
  const items = list.locator('li');
  const n = await items.count();
  assert.ok(n > 0);
  // Before it is opened the page carries no definition, only the terms and their links.
  assert.equal(await list.locator('.term-def-text').count(), 0);
  const hrefs = await items.evaluateAll((lis) => lis.map((li) => li.querySelector('a').getAttribute('href')));
  const ids = hrefs.map((h) => /^\.\.\/glossary\.html#term-(.+)$/.exec(h)?.[1]);
  assert.ok(ids.every(Boolean), `each item links to its glossary entry: ${hrefs}`);
  await list.locator('summary').click();
  await expectText(items.first().locator('.term-def-text'), await glossaryDefinition(context, ids[0]));
  await expectText(items.nth(n - 1).locator('.term-def-text'), await glossaryDefinition(context, ids[n - 1]));
  assert.equal(await list.locator('.term-def-text').count(), n, 'every term has its definition');
  await context.close();
});

test('"Terms in this module" is collapsed, and focus leaving a pop-up closes it', async () => {
  const { context, page, term, pop } = await openModule();
  assert.equal(await page.locator('details.terms').evaluate((d) => d.open), false, 'collapsed by default');
  await term.focus();
  await page.keyboard.press('Enter');
  await pop.waitFor({ state: 'visible' });
  await page.keyboard.press('Tab');
  assert.ok(await activeMatches(page, '.term-popup a'), 'Tab goes into the pop-up');
  await page.keyboard.press('Tab');
  assert.equal(await pop.isVisible(), false, 'Tab out of the pop-up closes it');
  await context.close();
});
