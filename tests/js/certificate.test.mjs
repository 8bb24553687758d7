// The certificate code (certificate.js, AWARE.certificate): its SHA-256 and base32 are
// checked against node's own crypto and an independent encoder written here, not against
// the code under test; and when the certificate is earned.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { load, plain, course, state } from './load.mjs';

const { A } = load();
const CE = A.certificate;
const C = course();

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Independent: canonical text → node's SHA-256 → first 60 bits → 12 Crockford base32 characters. */
function expectedCode(c, { name, date, score, version = c.version }) {
  const norm = String(name).normalize('NFC').replace(/\s+/g, ' ').trim();
  const text = ['aware-certificate-v1', c.id, version, c.title, c.organisation, norm, date, String(score)].join('\n');
  const first60 = crypto.createHash('sha256').update(text, 'utf8').digest().readBigUInt64BE(0) >> 4n;
  let out = '';
  for (let i = 0; i < 12; i++) out += ALPHABET[Number((first60 >> BigInt(55 - 5 * i)) & 31n)];
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8)}`;
}

test('sha256 equals node\'s crypto on block boundaries, UTF-8 and long input', () => {
  const inputs = ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(63), 'a'.repeat(64), 'a'.repeat(65),
    'b'.repeat(119), 'b'.repeat(120), 'x'.repeat(1000), 'Zoë Ångström-Øyelund 李小龍 🙂\n\t\u0000end', '\u00e9', 'e\u0301'];
  for (const s of inputs) {
    assert.equal(CE.sha256(s), crypto.createHash('sha256').update(s, 'utf8').digest('hex'), JSON.stringify(s.slice(0, 20)) + ` (${s.length})`);
  }
  // The FIPS 180-2 example, as a fixed point.
  assert.equal(CE.sha256('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

test('the code of known details equals an independent computation', () => {
  const cases = [
    { name: 'Ana Learner', date: '2026-03-14', score: 100 },
    { name: 'Maria José Fernández-Okafor', date: '2026-11-24', score: 85 },
    { name: '李小龍', date: '2027-01-01', score: 80, version: '2.0' },
    { name: '<img src=x onerror=alert(1)>', date: '2026-01-01', score: '90' },
  ];
  for (const f of cases) {
    const got = CE.code(C, { version: C.version, ...f });
    assert.equal(got, expectedCode(C, f), JSON.stringify(f));
    assert.match(got, /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  }
  // Pinned: a change to the canonical text or the encoding invalidates every printed
  // certificate, so it must be deliberate (and this literal updated with it).
  assert.equal(CE.code(C, { version: '2.1', name: 'Ana Learner', date: '2026-03-14', score: 100 }), 'BWKR-352R-WVWN');
});

test('every printed field changes the code; spacing and Unicode composition of the name do not', () => {
  const base = { version: C.version, name: 'Ana Learner', date: '2026-03-14', score: 100 };
  const code = CE.code(C, base);
  for (const change of [{ name: 'Ana Lerner' }, { date: '2026-03-15' }, { score: 99 }, { version: '2.2' }]) {
    assert.notEqual(CE.code(C, { ...base, ...change }), code, JSON.stringify(change));
  }
  for (const other of [course({ id: 'other' }), course({ title: 'Other' }), course({ organisation: 'Other Org' })]) {
    assert.notEqual(CE.code(other, base), code);
  }
  assert.equal(CE.code(C, { ...base, name: '  Ana \t  Learner\n' }), code);
  assert.equal(CE.code(C, { ...base, name: 'Zoe\u0308' }), CE.code(C, { ...base, name: 'Zo\u00eb' }), 'NFC');
  assert.equal(CE.code(C, { ...base, score: '100' }), code, 'a typed score is the same number');
});

test('base32 takes the first 60 bits of the digest', () => {
  assert.equal(CE.base32('0'.repeat(64)), '0000-0000-0000');
  assert.equal(CE.base32('f'.repeat(64)), 'ZZZZ-ZZZZ-ZZZZ');
  // 0x08 = 00001 000...: the first character is 1, the rest 0.
  assert.equal(CE.base32('08' + '0'.repeat(62)), '1000-0000-0000');
  // Bit 60 (the 61st) is not used.
  assert.equal(CE.base32('000000000000000' + '8' + '0'.repeat(48)), '0000-0000-0000');
  assert.equal(CE.base32('000000000000001' + '0'.repeat(49)), '0000-0000-0001');
});

test('a typed code is read as the alphabet reads it', () => {
  assert.equal(CE.normCode('bwkr-352r-wvwn'), 'BWKR352RWVWN');
  assert.equal(CE.normCode(' BWKR 352R WVWN '), 'BWKR352RWVWN');
  assert.equal(CE.normCode('O1IL-oil0'), '01110110');
  assert.equal(CE.normCode(null), '');
});

test('names are normalised for print and for the code', () => {
  assert.equal(CE.normName('  Ana \n Learner  '), 'Ana Learner');
  assert.equal(CE.normName('Zoe\u0308'), 'Zo\u00eb');
  assert.equal(CE.normName(undefined), '');
});

test('earned: with a final, its best pass; without one, all required modules at 100% today', () => {
  const allDone = { one: { end: true, quiz: { attempts: 1, best: 100, passed: true } }, two: { end: true, quiz: null }, three: { end: true, quiz: { attempts: 1, best: 90, passed: true } } };
  assert.equal(CE.earned(C, state({ modules: allDone }), '2026-01-01'), null, 'modules alone are not enough with a final');
  assert.equal(CE.earned(C, state({ final: { attempts: [{ date: 'd', score: 50, passed: false }] } }), 'x'), null);
  assert.deepEqual(plain(CE.earned(C, state({ final: { attempts: [], passed: true, score: 85, date: '2026-02-02' } }), '2026-09-09')), { score: 85, date: '2026-02-02' });
  const noFinal = course({ final: null });
  assert.equal(CE.earned(noFinal, state({ modules: { one: allDone.one } }), 'x'), null);
  assert.deepEqual(plain(CE.earned(noFinal, state({ modules: allDone }), '2026-09-09')), { score: 100, date: '2026-09-09' });
});
