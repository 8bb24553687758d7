// The LMS packages in a real LMS runtime: scorm-again (npm, 3.x) provides the SCORM 1.2 and
// SCORM 2004 APIs in a test LMS page (lms/harness.html), which loads each package (built by
// run.sh, unzipped with python3) in a frame the way an LMS does. A scripted learner goes
// through the course; what the test reads back is the data model *as last committed*
// (what an LMS server would have), so a value only set, or only saved at Terminate, fails.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser, completeModulesQuickly, readQuizKey, answerQuiz, submitQuiz, expectText, waitUntil, rightChoice,
} from './helpers.mjs';
import { STANDARDS, lmsServer, launch, view, runtime } from './lms/helpers.mjs';

let browser, server, course, scorm;
before(async () => {
  [browser, server] = await Promise.all([launchBrowser(), lmsServer()]);
  course = server.course;
  scorm = runtime(server.site('scorm12').dir);
});
after(async () => { await browser?.close(); await server?.close(); });

const FIRST_LAUNCH = {
  scorm12: { core: { student_name: 'Learner, Ana', entry: 'ab-initio' }, student_data: { mastery_score: '80' } },
  scorm2004: { learner_name: 'Learner, Ana', entry: 'ab-initio', scaled_passing_score: '0.8' },
};
const STATUS = {
  scorm12: (v) => v.status,
  scorm2004: (v) => `${v.completion}/${v.success}`,
};
const DONE_EXIT = { scorm12: '', scorm2004: 'normal' };

/** Counts of the API calls that start and end a session or commit. */
async function sessionCalls(L, std) {
  const { calls, initialized, terminated } = await L.lms();
  const count = (name) => calls.filter((c) => c[0] === name).length;
  return std === 'scorm12'
    ? { init: count('LMSInitialize'), commits: count('LMSCommit'), ends: count('LMSFinish'), initialized, terminated }
    : { init: count('Initialize'), commits: count('Commit'), ends: count('Terminate'), initialized, terminated };
}
/** What the LMS has committed, as view() names it. */
async function committed(L, std) { return view(std, (await L.lms()).committed); }
/** Waits until the committed data model satisfies fn. */
async function untilCommitted(L, std, fn, message) {
  let last;
  try {
    return await waitUntil(async () => { last = await committed(L, std); return fn(last) && last; }, { message });
  } catch (e) {
    throw new Error(`${e.message}; committed: ${JSON.stringify({ ...last, interactions: last?.interactions.length })}`);
  }
}
/** The final with the mouse: `right` answers right; returns the result and the questions asked. */
async function final(frame, key, right) {
  await frame.locator('section.quiz').waitFor({ state: 'visible' });
  const a = await answerQuiz(frame, key, (i) => i < right);
  const r = await submitQuiz(frame);
  return { ...r, asked: a.questions };
}
/** The progress this browser keeps for the course (localStorage of the course frame). */
const localState = (frame) => frame.evaluate((key) => JSON.parse(localStorage.getItem(key)), `aware:${course.id}:${course.version}`);

/** The mid-course data each standard's first launch left, for its second launch. */
const saved = {};

for (const std of STANDARDS) {
  test(`${std}: a learner completes the course; status, score, bookmark, progress and answers are committed as they happen, never lowered (not even by a reset), and the session ends once`, async () => {
    const L = await launch(browser, server, std, { data: FIRST_LAUNCH[std] });
    const { frame, win, context } = L;
    const consoleNotes = [];
    win.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') consoleNotes.push(m.text()); });

    // First launch: one session, statuses set explicitly and committed at once.
    let v = await untilCommitted(L, std, (x) => x.location === 'index.html', 'the first commit');
    assert.equal(STATUS[std](v), std === 'scorm12' ? 'incomplete' : 'incomplete/unknown');
    assert.equal(v.exit, 'suspend');
    assert.match(frame.url(), /\/index\.html\?aware-lms-frame$/);
    // The launch page hosts the course: nothing of its own but the frame, titled like the page shown.
    const host = frame.parentFrame();
    assert.deepEqual(await host.evaluate(() => [document.querySelectorAll('main, iframe').length, document.querySelector('iframe').getAttribute('title')]), [1, await frame.title()]);
    assert.equal(await host.title(), await frame.title());

    // Every module, page after page (each a new document in the frame).
    const done = await completeModulesQuickly(frame, L.site, course);
    v = await untilCommitted(L, std, (x) => x.location === `modules/${done.at(-1)}.html`, 'the last module bookmarked');
    if (std === 'scorm12') assert.equal(v.status, 'incomplete', 'SCORM 1.2: incomplete until the final');
    else assert.deepEqual([v.completion, v.success, v.progress], ['completed', 'unknown', '1']);
    assert.deepEqual(scorm.decode(v.suspend, course), await localState(frame), 'suspend_data holds the same progress as localStorage');

    // Navigation that is not a click on a course link: Back, Forward, a reload, a typed URL.
    await frame.getByRole('link', { name: 'Glossary' }).first().click();
    await frame.waitForURL(/glossary\.html$/);
    await win.evaluate(() => history.back());
    await frame.waitForURL(/modules\//);
    await win.evaluate(() => history.forward());
    await frame.waitForURL(/glossary\.html$/);
    await frame.evaluate(() => { window.beforeReload = true; location.reload(); });
    await waitUntil(() => frame.evaluate(() => !window.beforeReload && document.readyState === 'complete').catch(() => false), { message: 'the reloaded page' });
    await untilCommitted(L, std, (x) => x.location === 'glossary.html', 'the glossary bookmarked after Back, Forward and reload');
    const mid = await sessionCalls(L, std);
    assert.deepEqual([mid.init, mid.ends, mid.initialized, mid.terminated], [1, 0, true, false], 'still the one session');

    // The final: a failure reports failed with its score, and each answer.
    await frame.goto(L.site.url('final.html'));
    const key = await readQuizKey(frame);
    const fail = await final(frame, key, 2);
    assert.equal(fail.passed, false);
    v = await untilCommitted(L, std, (x) => x.interactions.length === fail.asked.length, 'the failed attempt committed');
    if (std === 'scorm12') assert.deepEqual([v.status, v.raw, v.min, v.max], ['failed', String(fail.score), '0', '100']);
    else assert.deepEqual([v.completion, v.success, v.scaled, v.raw], ['completed', 'failed', String(fail.score / 100), String(fail.score)]);
    assert.equal(v.exit, 'suspend');
    assert.equal(v.location, 'final.html');
    const letters = (q) => rightChoice(q).map((i) => 'abcdefghijklmnopqrstuvwxyz'[i]);
    v.interactions.forEach((it, i) => {
      const asked = fail.asked[i];
      const q = key.questions[asked.qid];
      assert.equal(it.id, asked.qid, 'one record per question, in the order asked');
      assert.equal(it.type, q.kind === 'true_false' ? 'true-false' : 'choice');
      assert.equal(it.result, i < 2 ? 'correct' : std === 'scorm12' ? 'wrong' : 'incorrect');
      const sep = std === 'scorm12' ? ',' : '[,]';
      const tf = std === 'scorm12' ? ['t', 'f'] : ['true', 'false'];
      const want = q.kind === 'true_false' ? tf[rightChoice(q)[0]] : letters(q).join(sep);
      assert.equal(it.pattern, want, 'the correct response');
      if (i < 2) assert.equal(it.response, want, 'a right answer is the correct response');
      else assert.notEqual(it.response, want);
      if (std === 'scorm2004') assert.ok(it.description && it.description.length > 10, 'the question text');
    });
    saved[std] = (await L.lms()).committed;

    // A later pass turns it into passed with that score; the exit is no longer suspend.
    await frame.getByRole('button', { name: 'Try again' }).click();
    const pass = await final(frame, key, 99);
    assert.equal(pass.passed, true);
    v = await untilCommitted(L, std, (x) => x.interactions.length === 2 * fail.asked.length, 'the pass committed');
    if (std === 'scorm12') assert.deepEqual([v.status, v.raw], ['passed', String(pass.score)]);
    else assert.deepEqual([v.completion, v.success, v.scaled, v.raw], ['completed', 'passed', String(pass.score / 100), String(pass.score)]);
    assert.equal(v.exit, DONE_EXIT[std]);

    // A later failure does not lower it: still passed, still the best score. (After a pass
    // the page offers no Try again: the learner comes back to the final page to retake it.)
    assert.equal(await frame.getByRole('button', { name: 'Try again' }).count(), 0);
    await frame.goto(L.site.url('final.html'));
    const again = await final(frame, key, 0);
    assert.equal(again.passed, false);
    v = await untilCommitted(L, std, (x) => x.interactions.length === 3 * fail.asked.length, 'the third attempt committed');
    if (std === 'scorm12') assert.deepEqual([v.status, v.raw], ['passed', String(pass.score)]);
    else assert.deepEqual([v.success, v.scaled, v.raw], ['passed', String(pass.score / 100), String(pass.score)]);
    assert.equal(v.exit, DONE_EXIT[std]);
    const back = scorm.decode(v.suspend, course);
    assert.deepEqual(back.final.attempts.map((a) => [a.score, a.passed]), [[fail.score, false], [pass.score, true], [again.score, false]]);
    assert.ok(v.suspend.length <= 4096, `suspend_data is ${v.suspend.length} characters`);

    // The certificate: the LMS's "Last, First" name prefilled as "First Last".
    await frame.goto(L.site.url('certificate.html'));
    await frame.locator('[data-certificate-form]').waitFor({ state: 'visible' });
    assert.equal(await frame.locator('#learner-name').inputValue(), 'Ana Learner');
    assert.deepEqual(scorm.decode((await committed(L, std)).suspend, course), await localState(frame));

    // "Reset my progress" empties what this browser and suspend_data keep, but what the LMS
    // recorded stays: passed, with the best score.
    await frame.goto(L.site.url('index.html'));
    win.once('dialog', (d) => d.accept());
    await frame.locator('[data-reset-progress]').click();
    v = await untilCommitted(L, std, (x) => scorm.decode(x.suspend, course)?.final.attempts.length === 0, 'the reset saved');
    if (std === 'scorm12') assert.deepEqual([v.status, v.raw, v.exit], ['passed', String(pass.score), '']);
    else assert.deepEqual([v.completion, v.success, v.scaled, v.raw, v.progress, v.exit], ['completed', 'passed', String(pass.score / 100), String(pass.score), '1', 'normal']);

    // All of that before any terminate; the LMS closing the course ends the session once.
    const calls = await sessionCalls(L, std);
    assert.deepEqual([calls.init, calls.ends], [1, 0]);
    assert.ok(calls.commits >= 10, `${calls.commits} commits`);
    await L.page.evaluate(() => window.lms.close());
    await waitUntil(async () => (await sessionCalls(L, std)).terminated, { message: 'terminated when the frame went away' });
    const end = await sessionCalls(L, std);
    assert.deepEqual([end.init, end.ends], [1, 1]);
    v = await committed(L, std);
    assert.match(v.time, std === 'scorm12' ? /^\d{2,4}:\d{2}:\d{2}$/ : /^PT\d+H\d+M\d+S$/);
    assert.equal(v.time === (std === 'scorm12' ? '00:00:00' : 'PT0H0M0S'), false, 'the session took some time');
    assert.deepEqual(L.errors, []);
    assert.deepEqual(consoleNotes, [], 'nothing in the console');
    await context.close();
  });

  test(`${std}: a second launch with only the LMS's data (a new browser: no localStorage) resumes at the bookmark with all the progress`, async () => {
    assert.ok(saved[std], 'the first launch saved its data');
    const was = view(std, saved[std]);
    const data = std === 'scorm12'
      ? { core: { entry: 'resume', student_name: 'Learner, Ana', lesson_status: was.status, lesson_location: was.location, score: { raw: was.raw, min: was.min, max: was.max } }, suspend_data: was.suspend, student_data: { mastery_score: '80' } }
      : { entry: 'resume', learner_name: 'Learner, Ana', completion_status: was.completion, success_status: was.success, location: was.location, suspend_data: was.suspend, score: { scaled: was.scaled, raw: was.raw, min: was.min, max: was.max }, scaled_passing_score: '0.8' };
    const L = await launch(browser, server, std, { data });
    const { frame, context } = L;
    assert.match(frame.url(), /\/final\.html\?aware-lms-frame$/, 'opened at the bookmark');
    await expectText(frame.locator('[data-final-attempts]'), /^Attempts so far: 1\. Best score: \d+%\.$/);
    assert.equal(await frame.locator('section.quiz').isVisible(), true, 'the final is open: every module complete');
    assert.deepEqual(await localState(frame), scorm.decode(was.suspend, course), 'this browser now keeps the LMS\'s progress');
    await frame.goto(L.site.url('index.html'));
    for (const m of course.modules.filter((x) => x.required)) {
      await expectText(frame.locator(`.module-card [data-module-status="${m.slug}"]`), 'Complete');
    }
    // Nothing was lowered or rewritten by resuming; the pass still lands.
    let v = await committed(L, std);
    assert.equal(STATUS[std](v), STATUS[std](was));
    assert.equal(v.suspend, was.suspend);
    await frame.goto(L.site.url('final.html'));
    const pass = await final(frame, await readQuizKey(frame), 99);
    v = await untilCommitted(L, std, (x) => (std === 'scorm12' ? x.status : x.success) === 'passed', 'passed on the second launch');
    assert.equal(v.raw, String(pass.score));
    assert.equal(scorm.decode(v.suspend, course).final.attempts.length, 2);
    await context.close();
  });
}
