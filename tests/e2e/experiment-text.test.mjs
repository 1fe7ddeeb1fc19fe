// The experiments' titles, questions and what-to-look-for text on every page that shows them are
// the core's own words (its catalogue, asked through the Node WASM build), never a copy: the home
// page's list, the experiment index, and each experiment page before and after its engine loads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite } from './browser.mjs';
import { loadCoreCatalogue } from '../../web/plugins/experiments.js';

let site;
let catalogue;
before(async () => {
  catalogue = await loadCoreCatalogue();
  site = await startSite();
});
after(async () => {
  await site?.close();
});

const squash = (s) =>
  String(s ?? '')
    .replace(/\s+/g, ' ')
    .trim();

// [{id, title, question}] of the experiment list on the page
const listed = (page) =>
  page.$$eval('main ul.experiments li', (lis) =>
    lis.map((li) => ({
      id: decodeURIComponent(li.querySelector('a').getAttribute('href').replace('#/lab/', '')),
      title: li.querySelector('a').textContent,
      question: li.querySelector('.question').textContent,
    })),
  );
const coreList = () => catalogue.map(({ id, title, question }) => ({ id, title, question }));

test("the home page lists every experiment with the core's title and question, in its order", async () => {
  const { page, problems } = await site.newPage();
  await page.goto(site.server.url);
  await page.waitForSelector('main ul.experiments li');
  assert.deepEqual(await listed(page), coreList());
  assert.deepEqual(problems, []);
});

test("the experiment index lists the core's titles and questions", async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.server.url}#/lab`);
  await page.waitForSelector('main ul.experiments li');
  assert.deepEqual(await listed(page), coreList());
  assert.deepEqual(problems, []);
});

test("each experiment page shows the core's title, question and what-to-look-for text", async () => {
  for (const def of catalogue) {
    const { page, context, problems } = await site.newPage();
    await page.goto(`${site.server.url}#/lab/${def.id}`);
    // the text is there at once, before the engine has answered...
    await page.waitForSelector('main h1');
    assert.equal(await page.textContent('main h1'), def.title, def.id);
    assert.equal(squash(await page.textContent('main .lede')), squash(def.question), def.id);
    // ...and stays the core's once the lab view has mounted
    await page.waitForSelector('#lab-form');
    assert.equal(await page.textContent('main h1'), def.title, def.id);
    assert.equal(squash(await page.textContent('main .lede')), squash(def.question), def.id);
    const look = await page.$('main .look');
    if (def.look) assert.equal(squash(await look?.textContent()), squash(`What to look for: ${def.look}`), def.id);
    else assert.equal(look, null, `${def.id}: a what-to-look-for line the core does not have`);
    assert.deepEqual(problems, [], def.id);
    await context.close();
  }
});
