// Offline: after a first visit the service worker (built by vite-plugin-pwa, web/src/offline.js)
// controls the page and has cached the whole course; with the network gone (the browser offline
// and the server dropping every connection) a reload still opens the course, a theory page, the
// quiz and a quick experiment run, and the training text once it was loaded. A new build is
// installed in the background and announced by a quiet notice; the page keeps the version it
// has until the learner updates.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSite, distDir } from './browser.mjs';

let site;
before(async () => {
  site = await startSite();
});
after(async () => {
  site?.server.setRoot(distDir);
  site?.server.setDown(false);
  await site?.close();
});

// waits until the service worker controls the page and has finished precaching
async function firstVisit(page) {
  await page.goto(site.server.url);
  await page.waitForFunction(
    () => navigator.serviceWorker.controller !== null && document.documentElement.dataset.offline === 'ready',
    null,
    { timeout: 120000 },
  );
}

const pageLoaded = (page) =>
  page.waitForFunction(() => {
    const h1 = document.querySelector('main h1');
    return !!h1 && !document.querySelector('main [role="status"]')?.textContent.startsWith('Loading');
  });

test('after a first visit the course works with the network off', async () => {
  const { page, context, problems } = await site.newPage();
  await firstVisit(page);
  const manifest = await page.evaluate(() =>
    fetch(document.querySelector('link[rel=manifest]').href).then((r) => r.json()),
  );
  assert.equal(manifest.short_name, 'NormLab');
  assert.ok(manifest.icons.some((i) => i.sizes === '512x512' && i.type === 'image/png'));
  // the training text, loaded once while online (as a lab run loads it)
  const online = await page.evaluate(() => fetch('data/tinyshakespeare.txt').then((r) => (r.ok ? r.text() : '')));
  const hasData = online.length > 0;

  await context.setOffline(true);
  site.server.setDown(true);
  try {
    await page.reload();
    await page.waitForSelector('#demo section[data-state="ready"]', { timeout: 60000 });
    // a theory page (its own lazily loaded chunk, with KaTeX)
    await page.goto(`${site.server.url}#/theory`);
    await pageLoaded(page);
    const theory = await page.$$eval('main a[href^="#/theory/"]', (as) => as.map((a) => a.getAttribute('href')));
    assert.ok(theory.length > 0);
    await page.goto(`${site.server.url}${theory.at(-1)}`);
    await pageLoaded(page);
    assert.doesNotMatch(await page.textContent('main h1'), /not found/i);
    assert.ok((await page.$$('main .katex')).length > 0 || (await page.textContent('main')).length > 500);
    // the quiz
    await page.goto(`${site.server.url}#/quiz`);
    await page.waitForSelector('.question');
    // a quick experiment run on fresh workers (the WASM from the cache)
    await page.goto(`${site.server.url}#/lab/eps?quick=1`);
    await page.waitForSelector('#lab-form');
    await page.waitForFunction(() => !document.querySelector('#run').disabled, null, { timeout: 60000 });
    await page.click('#run');
    await page.waitForFunction(() => document.querySelector('main').dataset.run === 'done', null, { timeout: 120000 });
    assert.deepEqual(await page.$$eval('table.claims tbody tr', (rows) => rows.map((r) => r.dataset.holds)), [
      'true',
      'true',
    ]);
    if (hasData) {
      const offline = await page.evaluate(() => fetch('data/tinyshakespeare.txt').then((r) => r.text()));
      assert.equal(offline.length, online.length, 'the training text is served from the cache');
    }
  } finally {
    site.server.setDown(false);
    await context.setOffline(false);
  }
  assert.deepEqual(problems, []);
});

// A "next build" of the site: the same files with a changed page, and the service worker's
// precache list carrying that page's new revision, as a rebuild after a change writes them.
function nextBuild() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'normlab-next-'));
  fs.cpSync(distDir, dir, { recursive: true });
  const indexFile = path.join(dir, 'index.html');
  const oldHtml = fs.readFileSync(indexFile);
  const html = oldHtml
    .toString()
    .replace('<meta charset="utf-8" />', '<meta charset="utf-8" /><meta name="normlab-build" content="next" />');
  fs.writeFileSync(indexFile, html);
  const md5 = (b) => crypto.createHash('md5').update(b).digest('hex');
  const swFile = path.join(dir, 'sw.js');
  const sw = fs.readFileSync(swFile, 'utf8');
  const entry = `{url:"index.html",revision:"${md5(oldHtml)}"}`;
  assert.ok(sw.includes(entry), 'the precache list names index.html with its md5');
  fs.writeFileSync(swFile, sw.replace(entry, `{url:"index.html",revision:"${md5(html)}"}`));
  return dir;
}

test('a new build is installed in the background, announced quietly, and used once the learner updates', async () => {
  const { page, problems } = await site.newPage();
  await firstVisit(page);
  const next = nextBuild();
  const isNext = () => page.evaluate(() => !!document.querySelector('meta[name="normlab-build"]'));
  try {
    site.server.setRoot(next);
    await page.reload();
    await page.waitForFunction(() => document.documentElement.dataset.update === 'ready', null, { timeout: 120000 });
    const notice = page.locator('#update-notice');
    assert.equal(await notice.isVisible(), true);
    assert.match(await notice.textContent(), /new version of NormLab is ready/);
    assert.equal(await isNext(), false, 'the open page keeps its own version whole');
    await Promise.all([page.waitForEvent('load'), notice.locator('button').click()]);
    await page.waitForFunction(() => !!document.querySelector('meta[name="normlab-build"]'), null, { timeout: 60000 });
    assert.equal(await isNext(), true);
    assert.equal(await notice.isVisible(), false);
  } finally {
    site.server.setRoot(distDir);
    fs.rmSync(next, { recursive: true, force: true });
  }
  assert.deepEqual(problems, []);
});
