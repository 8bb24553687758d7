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

async function openModule() {
  const ctx = await openContext(browser, server);
  await ctx.page.goto(server.url(`modules/${mod.slug}.html`));
  const term = ctx.page.locator('button.term').first();
  await term.waitFor();
  assert.equal(await ctx.page.locator('a.term[data-term]').count(), 0, 'every term link became a button');
  const popId = await term.getAttribute('aria-controls');
  const termId = await term.getAttribute('data-term');
  const def = ctx.page.locator(`#def-${termId}`);
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
  await expectText(pop.locator('.term-popup-title'), (await def.locator('dt').textContent()).trim());
  const defText = (await def.locator('dd').textContent()).replace(/\s+/g, ' ').trim();
  assert.ok((await pop.textContent()).replace(/\s+/g, ' ').includes(defText), 'the pop-up shows the definition');
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
