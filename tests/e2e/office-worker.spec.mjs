// The Word/Excel/CSV reader's Web Worker (src/bin/waymark-office.rs), as built by
// Trunk: it starts from the page under its Content-Security-Policy, reads the
// committed .docx fixture (tests/fixtures/two-priorities.docx, made by
// tests/office.rs) to its tables, refuses a file that is not what it claims, and
// is not fetched until it is asked for.
import { readFileSync } from 'node:fs';
import { test, expect, openApp } from './fixtures.mjs';

const DOCX = [...readFileSync('tests/fixtures/two-priorities.docx')];

/** Runs the worker on one file in the page and returns its parsed JSON reply. */
async function readInWorker(page, name, bytes) {
  return page.evaluate(
    ([name, bytes]) =>
      new Promise((resolve, reject) => {
        const worker = new Worker('./waymark-office_loader.js');
        worker.onerror = (e) => reject(new Error(`worker error: ${e.message}`));
        worker.onmessage = (msg) => {
          if (msg.data === 'ready') {
            worker.postMessage([name, new Uint8Array(bytes)]);
          } else {
            worker.terminate();
            resolve(JSON.parse(msg.data));
          }
        };
      }),
    [name, bytes],
  );
}

test('the office worker is not loaded with the app, and reads a Word plan to its tables', async ({ page }) => {
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await openApp(page);
  expect(fetched.filter((p) => p.includes('waymark-office'))).toEqual([]);

  const reply = await readInWorker(page, 'two-priorities.docx', DOCX);
  expect(reply.kind).toBe('Word');
  expect(reply.grids.map((g) => g.heading)).toEqual([
    'Priority 1: Looked after children',
    'Priority 2: Teenage pregnancy',
  ]);
  expect(reply.grids[0].rows[1][1]).toEqual({
    paragraphs: ['Agree the pledge', 'with the Children in Care Council'],
    colspan: 1,
  });
  expect(reply.grids[0].rows[2]).toEqual([
    { paragraphs: ['Outcome 1.2: More stable placements'], colspan: 4 },
  ]);
  expect(fetched.some((p) => p.endsWith('/waymark-office_bg.wasm'))).toBe(true);
});

test('the office worker refuses a .docx that is not one, in words', async ({ page }) => {
  await openApp(page);
  const reply = await readInWorker(page, 'plan.docx', [...Buffer.from('Ref,Activity\n1.1,Agree')]);
  expect(reply.error).toMatch(/^This file is named as a Word document, but it is not one: it holds plain text\./);
});
