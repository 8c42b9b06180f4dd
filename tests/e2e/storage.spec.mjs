// The open plan in local storage: a manifest ('waymark.plan.v2') and content-addressed
// chunks ('waymark.c.<hash>'). An edit rewrites only the chunk it changed; a plan kept
// by an earlier version under 'waymark.plan' is opened and moved to the new layout; a
// big plan survives a reload; a save that does not fit changes nothing stored.
import { test, expect, openApp, examplePlan, storedPlanText, storedKeys } from './fixtures.mjs';

const MANIFEST = 'waymark.plan.v2';
const LEGACY = 'waymark.plan';

const chunks = (kv) => Object.keys(kv).filter((k) => k.startsWith('waymark.c.')).sort();
const manifest = (page) => page.evaluate((k) => localStorage.getItem(k), MANIFEST);
const actionRow = (page, ref) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${ref.replace(/[.()]/g, '\\$&')}\\b`) }) });

/** Every chunk hash a manifest names, in order. */
function hashes(m) {
  return [m.head, ...m.priorities.flatMap((p) => [p.head, ...p.outcomes.flatMap((o) => [o.head, ...o.actions]), ...p.actions]), ...m.kpis, m.tail];
}

/** Keys the manifest names, once each. */
function named(kv) {
  return [...new Set(hashes(JSON.parse(kv[MANIFEST])))].map((h) => `waymark.c.${h}`).sort();
}

/** Deletes an action and waits for the save that follows (the manifest changes). */
async function deleteAndSave(page, ref) {
  const before = await manifest(page);
  await page.getByRole('button', { name: `Delete action ${ref}` }).click();
  await expect(actionRow(page, ref)).toHaveCount(0);
  await expect.poll(() => manifest(page), { timeout: 10_000 }).not.toBe(before);
  await expect(page.getByRole('status').filter({ hasText: /Saved at/ })).toBeVisible();
}

test('an edit rewrites only the chunk of the actions it changed, and storage holds exactly the named chunks', async ({ page }) => {
  await openApp(page, '?page=plan');
  await deleteAndSave(page, '1.3');
  const one = await storedKeys(page);
  expect(one[LEGACY]).toBeUndefined();
  expect(chunks(one)).toEqual(named(one));
  expect(JSON.parse(one[MANIFEST]).stamp).toBe(one['waymark.stamp']);

  await deleteAndSave(page, '1.5');
  const two = await storedKeys(page);
  expect(chunks(two)).toEqual(named(two));
  const added = chunks(two).filter((k) => !(k in one));
  const removed = chunks(one).filter((k) => !(k in two));
  expect(added).toHaveLength(1);
  expect(removed).toHaveLength(1);
  for (const k of chunks(two)) if (k in one) expect(two[k], k).toBe(one[k]);
  const [m1, m2] = [JSON.parse(one[MANIFEST]), JSON.parse(two[MANIFEST])];
  // The new chunk is one of priority 1's groups of actions; nothing else changed.
  expect(m2.priorities[0].head).toBe(m1.priorities[0].head);
  expect(m2.priorities[0].actions.map((h) => `waymark.c.${h}`)).toContain(added[0]);
  expect(m2.priorities.slice(1)).toEqual(m1.priorities.slice(1));
  expect([m2.head, m2.kpis, m2.tail]).toEqual([m1.head, m1.kpis, m1.tail]);
  expect(two[added[0]]).toContain('"reference":"1.4"');
  // The assembled text is a plan file with the edit in it.
  const plan = JSON.parse(await storedPlanText(page)).plan;
  expect(plan.priorities[0].actions.map((a) => a.reference)).not.toContain('1.5');
  expect(plan.priorities[0].actions.map((a) => a.reference)).toContain('1.4');
});

test('a plan kept by an earlier version under waymark.plan opens, and the next save moves it to the new layout', async ({ page }) => {
  const file = examplePlan();
  file.plan.title = 'Plan kept the old way';
  await page.addInitScript((t) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('waymark.plan', t);
      localStorage.setItem('waymark.stamp', 'old-tab 1 1');
      sessionStorage.setItem('seeded', '1');
    }
  }, JSON.stringify(file));
  await openApp(page, '?page=plan');
  await expect(page.getByRole('banner')).toContainText('Plan kept the old way');
  expect(await manifest(page)).toBeNull();
  await deleteAndSave(page, '1.3');
  const kv = await storedKeys(page);
  expect(kv[LEGACY]).toBeUndefined();
  expect(chunks(kv)).toEqual(named(kv));
  await page.reload();
  await expect(page.getByRole('banner')).toContainText('Plan kept the old way');
  await expect(actionRow(page, '1.2')).toHaveCount(1);
  await expect(actionRow(page, '1.3')).toHaveCount(0);
});

/** The example plan copied `copies` times over (ids made unique): a big plan. */
function bigPlan(copies) {
  const file = examplePlan();
  const base = file.plan;
  const prefix = (n) => (v) => (typeof v === 'string' && v ? `c${n}-${v}` : v);
  const reid = (x, p) => {
    if (Array.isArray(x)) return x.map((y) => reid(y, p));
    if (x && typeof x === 'object') {
      const o = {};
      for (const [k, v] of Object.entries(x)) {
        if (k === 'id' || k === 'priority_id' || k === 'outcome_id') o[k] = p(v);
        else if (k === 'kpi_ids') o[k] = v.map(p);
        else o[k] = reid(v, p);
      }
      return o;
    }
    return x;
  };
  const priorities = [];
  const kpis = [];
  for (let n = 0; n < copies; n++) {
    const p = prefix(n);
    base.priorities.forEach((pr, i) => priorities.push({ ...reid(pr, p), number: String(n * base.priorities.length + i + 1) }));
    kpis.push(...base.kpis.map((k) => reid(k, p)));
  }
  file.plan = { ...base, title: 'A big plan', priorities, kpis };
  return file;
}

test('a big plan survives a reload, and the Files page counts its size', async ({ page }) => {
  test.setTimeout(90_000);
  const file = bigPlan(8);
  const text = JSON.stringify(file);
  expect(text.length).toBeGreaterThan(1_000_000);
  await openApp(page, '?page=files');
  await page.getByLabel('Import plan').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.getByRole('button', { name: 'Replace current plan' }).click();
  await expect(page.getByRole('banner')).toContainText('A big plan');
  await expect.poll(() => manifest(page), { timeout: 20_000 }).not.toBeNull();
  const kv = await storedKeys(page);
  expect(chunks(kv)).toEqual(named(kv));
  const m = JSON.parse(kv[MANIFEST]);
  expect(m.priorities).toHaveLength(file.plan.priorities.length);
  // Every chunk is small next to the plan.
  const biggest = Math.max(...chunks(kv).map((k) => kv[k].length));
  expect(biggest).toBeLessThan(100_000);
  const stored = JSON.parse(await storedPlanText(page)).plan;
  expect(stored.priorities).toHaveLength(file.plan.priorities.length);
  expect(stored.kpis).toHaveLength(file.plan.kpis.length);

  await page.reload();
  await expect(page.getByRole('banner')).toContainText('A big plan', { timeout: 20_000 });
  // The meter counts the chunks (and the library's backup of the example plan).
  const meter = page.getByText(/Plans use [\d.]+ MB of about 5\.0 MB/);
  await expect(meter).toBeVisible();
  const used = Number((await meter.textContent()).match(/Plans use ([\d.]+) MB/)[1]);
  expect(used).toBeGreaterThanOrEqual(Math.floor((text.length / 1024 / 1024) * 10) / 10 * 0.8);
  // After the reload the plan is the same one.
  const again = JSON.parse(await storedPlanText(page)).plan;
  expect(again.priorities.map((p) => p.id)).toEqual(stored.priorities.map((p) => p.id));
});

test('a save that does not fit (storage really full) leaves the stored plan as it was', async ({ page }) => {
  await openApp(page, '?page=plan');
  await deleteAndSave(page, '1.3');
  const before = await storedKeys(page);
  // Fill what is left of this origin's storage with something else.
  await page.evaluate(() => {
    let lo = 0;
    let hi = 12_000_000;
    while (hi - lo > 256) {
      const mid = (lo + hi) >> 1;
      try { localStorage.setItem('filler', 'x'.repeat(mid)); lo = mid; } catch { hi = mid; }
    }
    localStorage.setItem('filler', 'x'.repeat(lo));
  });
  await page.getByRole('button', { name: 'Delete action 1.5' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'not being saved' });
  await expect(alert).toContainText('storage for Waymark is full');
  await expect(alert.getByRole('button', { name: 'Download a copy' })).toBeVisible();
  expect(await storedKeys(page)).toEqual(before);
  // Reload while still full: the stored plan is the one before the failed save.
  await page.reload();
  await expect(actionRow(page, '1.5')).toHaveCount(1);
  await expect(actionRow(page, '1.3')).toHaveCount(0);
  await page.evaluate(() => localStorage.removeItem('filler'));
});

for (const failing of ['manifest', 'stamp']) {
  test(`a save refused at the ${failing} write removes what it wrote: the previous plan stays readable`, async ({ page }) => {
    await page.addInitScript((key) => {
      const real = Storage.prototype.setItem;
      Storage.prototype.setItem = function (k, v) {
        if (window.__full && k === key) throw new DOMException('full', 'QuotaExceededError');
        return real.call(this, k, v);
      };
    }, failing === 'manifest' ? MANIFEST : 'waymark.stamp');
    await openApp(page, '?page=plan');
    await deleteAndSave(page, '1.3');
    const before = await storedKeys(page);
    await page.evaluate(() => {
      window.__full = true;
      window.__writes = [];
      const real = Storage.prototype.setItem;
      Storage.prototype.setItem = function (k, v) {
        window.__writes.push(k);
        return real.call(this, k, v);
      };
    });
    await page.getByRole('button', { name: 'Delete action 1.5' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'not being saved' })).toContainText('storage for Waymark is full');
    // A chunk was written, then removed again.
    const tried = await page.evaluate(() => window.__writes);
    expect(tried.some((k) => k.startsWith('waymark.c.'))).toBe(true);
    expect(await storedKeys(page)).toEqual(before);
    await page.reload();
    await expect(actionRow(page, '1.5')).toHaveCount(1);
    await expect(actionRow(page, '1.3')).toHaveCount(0);
  });
}

test('a chunk missing from storage: the plan is kept, reported unreadable, and its text offered for download', async ({ page }) => {
  await openApp(page, '?page=plan');
  await deleteAndSave(page, '1.3');
  await page.evaluate(() => {
    const m = JSON.parse(localStorage.getItem('waymark.plan.v2'));
    localStorage.removeItem(`waymark.c.${m.priorities[2].head}`);
  });
  await page.reload();
  const alert = page.getByRole('alert').filter({ hasText: 'could not be read' });
  await expect(alert).toContainText('1 of its');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    alert.getByRole('button', { name: 'Download the saved data' }).click(),
  ]);
  const { readFileSync } = await import('node:fs');
  const saved = readFileSync(await download.path(), 'utf8');
  expect(saved).toContain('"priorities":[{');
  expect(saved).toContain('"title":"CYPS Performance Improvement Plan"');
});

test('a chunk that goes missing while the plan is open is written again by the next save', async ({ page }) => {
  await openApp(page);
  await deleteAndSave(page, '1.2');
  // Something else (another tab's clean-up, a browser extension) removes a chunk
  // that the next edit does not change: one of the KPIs'.
  const gone = await page.evaluate((k) => {
    const m = JSON.parse(localStorage.getItem(k));
    const key = `waymark.c.${m.kpis[0]}`;
    localStorage.removeItem(key);
    return key;
  }, MANIFEST);
  await page.waitForTimeout(1100);
  await deleteAndSave(page, '1.5');
  expect(await page.evaluate((k) => localStorage.getItem(k) !== null, gone)).toBe(true);
  // The stored plan reads in full after a reload.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'CYPS Performance Improvement Plan' })).toBeVisible();
  await expect(page.getByText(/cannot be read|parts are missing/)).toHaveCount(0);
  await expect(actionRow(page, '1.5')).toHaveCount(0);
  await page.goto('./?page=kpis');
  await expect(page.getByRole('table', { name: 'KPIs' }).getByRole('row').filter({ hasText: 'NI 72' })).toBeVisible();
});
