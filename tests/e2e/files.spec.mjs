// Files: export, import with preview, backups, bad and hostile files, library and compare.
import { readFileSync } from 'node:fs';
import { test, expect, openApp, axeViolations, storedPlanText } from './fixtures.mjs';

const FIX = 'tests/fixtures';
const BAD = [
  ['bad/empty.json', 'The file is empty.'],
  ['bad/kpis.csv.json', 'line 1, column 1: expected a value here'],
  ['bad/image.png.json', 'it holds binary data, like a Word document or an image'],
  ['bad/word.docx.json', 'it holds binary data, like a Word document or an image'],
  ['bad/trailing-comma.json', 'line 7, column 3: unexpected comma'],
  ['bad/not-a-plan.json', 'is not a Waymark plan'],
  ['bad/newer-version.json', 'Open it with Waymark 3.2.0 or later'],
  ['bad/bad-date.json', "priorities[2].actions[4].due: '31/02/2009' is not a date"],
  ['bad/nan.json', 'expected a value here'],
  ['bad/huge-number.json', 'number out of range'],
  ['bad/list.json', 'it holds a list where a plan file holds an object'],
  ['bad/wrong-type.json', 'priorities: wrong kind of value'],
];

async function importFile(page, name, buffer) {
  await page.getByLabel('Import plan').setInputFiles({ name, mimeType: 'application/json', buffer });
}

test('export downloads the plan as <slug>-<date>.json in the versioned envelope', async ({ page }) => {
  await openApp(page, '?page=files');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('main').getByRole('button', { name: 'Export plan' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^cyps-performance-improvement-plan-\d{4}-\d{2}-\d{2}\.json$/);
  const text = readFileSync(await download.path(), 'utf8');
  const file = JSON.parse(text);
  expect(Object.keys(file)).toEqual(['format', 'format_version', 'app_version', 'exported_at', 'plan']);
  expect(file.format).toBe('waymark-plan');
  expect(file.plan.title).toBe('CYPS Performance Improvement Plan');
  expect(text).toContain('\n  "plan": {');
});

test('import a valid file: preview, replace, and the backup restores the old plan', async ({ page }) => {
  await openApp(page, '?page=files');
  // A changed version of the open plan.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('main').getByRole('button', { name: 'Export plan' }).click()]);
  const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
  file.plan.title = 'CYPS Performance Improvement Plan (board version)';
  const a14 = file.plan.priorities[0].actions.find((a) => a.reference === '1.4');
  a14.updates.push({ id: 'u-new', date: '2009-10-31', author: 'AD CM', rag: 'amber', reason: 'Slipped a month', commentary: 'Data bank build slipped.' });
  const ni72 = file.plan.kpis.find((k) => k.code === 'NI 72');
  ni72.series.find((p) => p.period === '2009/10').actual = { value: 54.1 };
  await importFile(page, 'board.json', Buffer.from(JSON.stringify(file)));

  const preview = page.getByRole('heading', { name: 'Preview of “board.json”' }).locator('..');
  await expect(preview).toContainText('CYPS Performance Improvement Plan (board version)');
  await expect(preview).toContainText('4 priorities');
  await expect(preview).toContainText('What differs from the open plan');
  await expect(preview).toContainText('RAG Not rated → Amber');
  await expect(preview).toContainText('NI 72 2009/10 actual: 53.7 (provisional) → 54.1');
  expect(await axeViolations(page)).toEqual([]);
  // Nothing has changed yet.
  await expect(page.getByRole('banner')).toContainText('CYPS Performance Improvement Plan');
  await expect(page.getByRole('banner')).not.toContainText('board version');

  await page.getByRole('button', { name: 'Replace current plan' }).click();
  await expect(page.getByRole('banner')).toContainText('(board version)');
  const library = page.getByRole('table', { name: 'Plan library' });
  await expect(library).toContainText('Automatic backup');
  await library.getByRole('button', { name: /^Restore Before importing/ }).click();
  await expect(page.getByRole('banner')).not.toContainText('board version');
  await expect(page.getByRole('banner')).toContainText('CYPS Performance Improvement Plan');
});

for (const [name, message] of BAD) {
  test(`a bad file is refused with a clear message and changes nothing: ${name}`, async ({ page }) => {
    await openApp(page, '?page=plan');
    await page.getByRole('button', { name: 'Delete action 1.3' }).click(); // something saved
    await expect(page.getByRole('status').filter({ hasText: /Saved at/ })).toBeVisible();
    const before = await storedPlanText(page);
    expect(before).toContain('"format":"waymark-plan"');
    await page.getByRole('link', { name: 'Files' }).click();
    await importFile(page, name.split('/').pop(), readFileSync(`${FIX}/${name}`));
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('was not opened');
    await expect(alert).toContainText(message);
    await expect(alert).toContainText('Nothing has changed.');
    expect(await storedPlanText(page)).toBe(before);
    await expect(page.getByRole('banner')).toContainText('CYPS Performance Improvement Plan');
  });
}

test('a file too large is refused before it is read', async ({ page }) => {
  await openApp(page, '?page=files');
  await importFile(page, 'huge.json', Buffer.alloc(21 * 1024 * 1024, 32));
  await expect(page.getByRole('alert')).toContainText('the largest plan file Waymark opens is 20 MB');
});

test('a hostile file shows its HTML and script as literal text and runs nothing', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', async (d) => { dialogs += 1; await d.dismiss(); });
  await openApp(page, '?page=files');
  await importFile(page, 'hostile.json', readFileSync(`${FIX}/hostile.json`));
  await page.getByRole('button', { name: 'Replace current plan' }).click();
  await page.getByRole('link', { name: 'Plan', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('<img src=x onerror=alert(1)>Hostile plan');
  await expect(page.getByRole('banner')).toContainText('<script>alert(2)</script>');
  await expect(page.getByText('<svg onload=alert(5)>')).toBeVisible();
  await expect(page.locator('main img, main script, main svg[onload], main iframe')).toHaveCount(0);
  await expect(page.locator('a[href^="javascript:"]')).toHaveCount(0);
  await page.waitForTimeout(300);
  expect(dialogs).toBe(0);
});

test('snapshots: save one, change the plan, compare, and see the changed RAG and KPI value', async ({ page }) => {
  await openApp(page, '?page=files');
  await page.getByLabel('Snapshot name').fill('Before the board');
  await page.getByRole('button', { name: 'Save snapshot' }).click();
  await expect(page.getByRole('table', { name: 'Plan library' })).toContainText('Before the board');
  // Change a RAG and a KPI value through the app's own edits, then compare with the current plan.
  await page.getByRole('link', { name: 'Plan', exact: true }).click();
  await page.getByRole('button', { name: 'Add a progress update to action 1.4' }).click();
  await page.getByRole('radio', { name: /Red$/ }).check();
  await page.getByLabel('Reason for the RAG').fill('Red because the supplier withdrew');
  await page.getByRole('textbox', { name: /^Commentary/ }).fill('Supplier withdrew; re-procuring.');
  await page.getByRole('button', { name: 'Add update' }).click();
  await page.getByRole('link', { name: 'Files' }).click();
  // And a KPI value, arriving as a newer version of the plan from a colleague.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('main').getByRole('button', { name: 'Export plan' }).click()]);
  const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
  file.plan.kpis.find((k) => k.code === 'NI 72').series.find((p) => p.period === '2009/10').actual = { value: 54.1 };
  await importFile(page, 'colleague.json', Buffer.from(JSON.stringify(file)));
  await page.getByRole('button', { name: 'Replace current plan' }).click();
  const snap = await page.getByLabel('Older version').locator('option', { hasText: 'Before the board' }).getAttribute('value');
  await page.getByLabel('Older version').selectOption(snap);
  await page.getByLabel('Newer version').selectOption('current');
  await page.getByRole('button', { name: 'Compare' }).click();
  const report = page.getByRole('article');
  await expect(report).toContainText('Changes from “Before the board” to the current plan');
  await expect(report).toContainText('RAG Not rated → Red');
  await expect(report).toContainText('NI 72 2009/10 actual: 53.7 (provisional) → 54.1');
  expect(await axeViolations(page)).toEqual([]);
});

test('the Files page has no accessibility violations and shows the storage meter', async ({ page }) => {
  await openApp(page, '?page=files');
  await expect(page.getByRole('heading', { level: 1, name: 'Files' })).toBeVisible();
  await expect(page.getByText(/Plans use .* MB of about 5\.0 MB/)).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});
