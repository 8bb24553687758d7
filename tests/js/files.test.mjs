// The scripts as files: classic scripts that survive the build's minifier, no code from
// strings, no inline styles (a strict Content-Security-Policy is coming), and every
// data-module in the templates has its component (and the reverse).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { load, plain, minifyJs, course, FILES, STATIC, TEMPLATES } from './load.mjs';

const ALL = fs.readdirSync(STATIC).filter((f) => f.endsWith('.js')).sort();
// The 404 page's helper is the one module script (it needs import.meta.url: see 404.html).
const MODULES = ['404.js'];
const CLASSIC = ALL.filter((f) => !MODULES.includes(f));
const read = (f) => fs.readFileSync(path.join(STATIC, f), 'utf8');

test('every script is a classic script (no import/export), as written and as published', () => {
  assert.ok(ALL.includes('aware.js') && ALL.includes('search.js'));
  for (const f of CLASSIC) {
    assert.doesNotThrow(() => new vm.Script(read(f), { filename: f }), f);
    assert.doesNotThrow(() => new vm.Script(minifyJs(read(f)), { filename: `${f} (published)` }), `${f} published`);
  }
  for (const f of FILES) assert.match(minifyJs(read(f)), /^"use strict";/, `${f}: strict mode, as its first statement once published`);
  assert.deepEqual([...FILES, 'search.js'].sort(), CLASSIC, 'tests/js/load.mjs lists every component script');
});

test('the published scripts define the same namespace and components as the sources', () => {
  const src = load({ course: course() });
  const pub = load({ course: course(), minified: true });
  assert.deepEqual(Object.keys(pub.A).sort(), Object.keys(src.A).sort());
  for (const ns of ['util', 'progress', 'quiz', 'home', 'final', 'certificate']) {
    assert.deepEqual(Object.keys(pub.A[ns]).sort(), Object.keys(src.A[ns]).sort(), ns);
  }
  assert.deepEqual(plain(pub.A.registered()).sort(), plain(src.A.registered()).sort());
  const f = { version: '2.1', name: 'Ana', date: '2026-01-01', score: 90 };
  assert.equal(pub.A.certificate.code(course(), f), src.A.certificate.code(course(), f));
  const broken = { schema: 1, modules: null, final: { attempts: [null], passed: true, score: 'x' } };
  assert.deepEqual(plain(pub.A.progress.repair(broken)), plain(src.A.progress.repair(broken)));
});

test('no code from strings, no inline styles, no markup with style attributes', () => {
  for (const f of ALL) {
    const code = read(f);
    for (const [what, re] of [
      ['eval', /\beval\s*\(/], ['new Function', /new\s+Function\b/], ['string timers', /set(Timeout|Interval)\s*\(\s*["'`]/],
      ['document.write', /document\.write/], ['style attributes', /setAttribute\(\s*["']style["']|\.cssText|style\s*=\s*\\?["']/],
    ]) assert.doesNotMatch(code, re, `${f}: ${what}`);
  }
});

test('templates: no inline script (JSON data blocks aside) and no style attribute', () => {
  for (const t of fs.readdirSync(TEMPLATES)) {
    const html = fs.readFileSync(path.join(TEMPLATES, t), 'utf8');
    for (const tag of html.match(/<script\b[^>]*>/g) || []) {
      assert.ok(/\bsrc=/.test(tag) || /type="application\/json"/.test(tag), `${t}: ${tag}`);
    }
    assert.doesNotMatch(html, /\sstyle=/, t);
    assert.doesNotMatch(html, /\son[a-z]+=/, `${t}: inline event handler`);
  }
});

test('every data-module in the templates is a registered component, and every component is used', () => {
  const used = new Set();
  for (const t of fs.readdirSync(TEMPLATES)) {
    for (const m of fs.readFileSync(path.join(TEMPLATES, t), 'utf8').matchAll(/data-module="([^"]+)"/g)) used.add(m[1]);
  }
  const registered = plain(load().A.registered()).sort();
  assert.deepEqual([...used].sort(), registered);
  for (const name of registered) assert.match(name, /^aware-[a-z-]+$/);
});

test('templates load the scripts in dependency order', () => {
  const t = (n) => fs.readFileSync(path.join(TEMPLATES, n), 'utf8');
  const order = (html) => [...html.matchAll(/static\/([a-z]+\.js)/g)].map((m) => m[1]).filter((f) => f !== 'search.js');
  assert.deepEqual(order(t('base.html')), ['aware.js', 'list.js']);
  assert.ok(t('base.html').indexOf('course.js') < t('base.html').indexOf('static/aware.js'), 'course.js first');
  assert.ok(t('base.html').indexOf('static/aware.js') < t('base.html').indexOf('{% block scripts %}'), 'page scripts after aware.js');
  assert.deepEqual(order(t('module.html')), ['module.js']);
  assert.deepEqual(order(t('final.html')), ['module.js', 'quiz.js', 'final.js']);
  assert.deepEqual(order(t('index.html')), ['home.js']);
  assert.deepEqual(order(t('certificate.html')), ['certificate.js']);
  assert.deepEqual(order(t('verify.html')), ['certificate.js']);
  for (const html of [t('base.html'), t('module.html'), t('final.html'), t('index.html'), t('certificate.html')]) {
    for (const tag of html.match(/<script src=[^>]*>/g) || []) assert.match(tag, /\sdefer\b/, tag);
  }
});

test('a missing element is a named error: "missing <selector> inside <root>"', () => {
  const { A } = load();
  const need = A.need('aware-quiz', { id: 'quiz', tagName: 'SECTION', querySelector: () => null });
  assert.throws(() => need('[data-quiz-form]'), (e) => e.name === 'AwareError' && e.message === 'missing [data-quiz-form] inside #quiz');
  const found = {};
  assert.equal(A.need('aware-x', { id: '', tagName: 'MAIN', querySelector: () => found })('p'), found);
  assert.throws(() => A.need('aware-x', { id: '', tagName: 'MAIN', className: '', querySelector: () => null })('p'), /missing p inside main$/);
  assert.throws(() => A.need('aware-x', { id: '', tagName: 'DIV', className: 'exit-bar wide', querySelector: () => null })('a'), /missing a inside div\.exit-bar$/);
});

test('404.js is a module script with no import or export, and the 404 page loads it as one', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aware-404-'));
  for (const [name, src] of [['source.mjs', read('404.js')], ['published.mjs', minifyJs(read('404.js'))]]) {
    assert.doesNotMatch(src, /^\s*(import|export)\s/m);
    fs.writeFileSync(path.join(dir, name), src);
    assert.doesNotThrow(() => execFileSync(process.execPath, ['--check', path.join(dir, name)], { stdio: 'pipe' }), `404.js (${name}) parses as a module`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const html = fs.readFileSync(path.join(TEMPLATES, '404.html'), 'utf8');
  for (const tag of html.match(/<script\b[^>]*>/g)) assert.match(tag, /type="module"/, tag);
});
