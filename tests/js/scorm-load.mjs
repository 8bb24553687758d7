// Loads the LMS runtime (src/package/aware-scorm.js) as a page would, into a fresh node `vm`
// context, but with no document: only its pure parts run (window.AWARE_SCORM). The tests
// of tests/js/scorm*.test.mjs call them; `extra` adds to the fake window (e.g. a console).
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { REPO } from './load.mjs';

export const RUNTIME = path.join(REPO, 'src/package/aware-scorm.js');

export function scorm(extra = {}) {
  const win = { console: { warn() {}, error() {}, log() {} }, ...extra };
  win.window = win;
  vm.createContext(win);
  vm.runInContext(fs.readFileSync(RUNTIME, 'utf8'), win, { filename: 'aware-scorm.js' });
  return win.AWARE_SCORM;
}
