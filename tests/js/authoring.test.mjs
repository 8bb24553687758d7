// The authoring features' browser logic: the final assessment's blueprint draw
// (final.js, AWARE.final.blueprint) and the certificate's v2 code and dates
// (certificate.js). Expected values are computed here independently.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { load, course } from './load.mjs';

const { A } = load();

/** A seeded PRNG (mulberry32), so a failure can be replayed. */
function seeded(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A pool: `per[m]` questions for each module m, the first `always[m]` of them always asked. */
function pool(per, always = {}) {
  const items = [];
  for (const [m, n] of Object.entries(per)) {
    for (let i = 0; i < n; i++) items.push({ id: `${m}-${i}`, module: m, always: i < (always[m] || 0) });
  }
  return items;
}

test('spread: module asks every always question and keeps modules within one of each other', () => {
  const items = pool({ a: 11, b: 11, c: 11, d: 11 }, { a: 2, b: 1, c: 1 });
  const always = items.filter((q) => q.always).map((q) => q.id);
  for (let seed = 1; seed <= 200; seed++) {
    const ids = A.final.blueprint(items, 20, 'module', seeded(seed));
    assert.equal(ids.length, 20);
    assert.equal(new Set(ids).size, 20, 'no question twice');
    for (const id of always) assert.ok(ids.includes(id), `seed ${seed}: always question ${id} asked`);
    const counts = ['a', 'b', 'c', 'd'].map((m) => ids.filter((id) => id.startsWith(`${m}-`)).length);
    assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, `seed ${seed}: per-module counts ${counts}`);
  }
});

test('a module with too few questions gives what it has and the rest is spread', () => {
  const items = pool({ a: 2, b: 10, c: 10 });
  for (let seed = 1; seed <= 50; seed++) {
    const ids = A.final.blueprint(items, 12, 'module', seeded(seed));
    const counts = ['a', 'b', 'c'].map((m) => ids.filter((id) => id.startsWith(`${m}-`)).length);
    assert.deepEqual(counts, [2, 5, 5], `seed ${seed}`);
  }
});

test('without spread the draw is n at random from the whole pool', () => {
  const items = pool({ a: 30, b: 1 });
  const seen = new Set();
  for (let seed = 1; seed <= 100; seed++) {
    const ids = A.final.blueprint(items, 5, undefined, seeded(seed));
    assert.equal(ids.length, 5);
    ids.forEach((id) => seen.add(id));
  }
  assert.ok(seen.size > 25, `random draws cover the pool (${seen.size} of 31 seen)`);
});

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function independentCode(text) {
  const first60 = crypto.createHash('sha256').update(text, 'utf8').digest().readBigUInt64BE(0) >> 4n;
  let out = '';
  for (let i = 0; i < 12; i++) out += ALPHABET[Number((first60 >> BigInt(55 - 5 * i)) & 31n)];
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8)}`;
}

test('the v2 code covers validity, hours, topics and attestation', () => {
  const base = course();
  const c = { ...base, certificate: { ...base.certificate, valid_months: 12, hours: '41 minutes', topics: ['One', 'Two'], attestation: 'I did it.' } };
  const f = { version: c.version, name: 'Ana Learner', date: '2026-02-28', score: 90 };
  const text = ['aware-certificate-v2', c.id, c.version, c.title, c.organisation, 'Ana Learner', '2026-02-28', '90', '2027-02-28', '41 minutes', 'One; Two', 'attested'].join('\n');
  assert.equal(A.certificate.code(c, f), independentCode(text));
  const variants = [
    { valid_months: 24 }, { hours: '1 hour' }, { topics: ['One'] }, { attestation: null },
  ];
  const codes = new Set([A.certificate.code(c, f)]);
  for (const v of variants) codes.add(A.certificate.code({ ...c, certificate: { ...c.certificate, ...v } }, f));
  for (const v of [{ name: 'Ana Learned' }, { date: '2026-03-01' }, { score: 89 }, { version: '9' }]) codes.add(A.certificate.code(c, { ...f, ...v }));
  assert.equal(codes.size, 9, 'every changed field changes the code');
});

test('valid-until dates and their words', () => {
  const CE = A.certificate;
  assert.equal(CE.addMonths('2026-01-31', 1), '2026-02-28');
  assert.equal(CE.addMonths('2024-02-29', 12), '2025-02-28');
  assert.equal(CE.addMonths('2026-11-15', 14), '2028-01-15');
  assert.equal(CE.formatDate('2026-12-02', 'en-US'), 'December 2, 2026');
  assert.equal(CE.formatDate('2026-12-02', 'en-GB'), '2 December 2026');
  assert.equal(CE.formatDate('not a date', 'en'), 'not a date');
});
