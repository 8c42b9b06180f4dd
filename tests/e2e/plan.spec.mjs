// The Plan page shows the whole example plan as a document.
import { test as plainTest } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { test, expect, openApp, axeViolations } from './fixtures.mjs';

test('first open shows the example plan with its priorities, actions and KPIs', async ({ page }) => {
  await openApp(page);
  await expect(page.getByRole('heading', { level: 1, name: 'CYPS Performance Improvement Plan' })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('Milton Keynes Council');
  await expect(
    page.getByRole('heading', { level: 2, name: /Priority 1: To improve leadership and management/i }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: /Priority 4: Establish a clear and shared direction/ })).toBeVisible();

  // An action row with the seed's columns.
  const actions = page.getByRole('table', { name: 'Priority 1: actions' });
  const row11 = actions.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^1\.1\b/ }) });
  await expect(row11).toContainText('Accelerate transition to a permanent high quality leadership team');
  await expect(row11).toContainText('DCS');
  await expect(row11).toContainText('3 substantive AD appointments made 07.07.09');

  // A KPI row with its values, provisional said in words.
  const kpis = page.getByRole('table', { name: 'Outcome 4: indicators' });
  const ni72 = kpis.getByRole('row').filter({ hasText: 'NI 72' });
  await expect(ni72).toContainText('% pupils achieving at least 78 points across Early Years Foundation Stage');
  await expect(ni72).toContainText('48.8');
  await expect(ni72).toContainText('52.9');
  await expect(ni72).toContainText('53.7 (provisional)');
  await expect(ni72).toContainText('Not yet available');
  await expect(ni72).toContainText('54');
  // Column headers name the periods as the seed does.
  await expect(kpis.getByRole('columnheader', { name: 'NA 2008/9' })).toBeVisible();
  await expect(kpis.getByRole('columnheader', { name: 'Target 2010/11' })).toBeVisible();
  // A relative target is shown in words.
  await expect(kpis.getByRole('row').filter({ hasText: /NI 102i \(/ })).toContainText('In line with national');
});

test('the app works from a sub-path and navigates between pages', async ({ page }) => {
  await openApp(page);
  expect(new URL(page.url()).pathname).toBe('/waymark/');
  await page.getByRole('link', { name: 'KPIs' }).click();
  await expect(page).toHaveURL(/\?page=kpis/);
  await expect(page.getByRole('heading', { level: 1, name: 'KPIs' })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'CYPS Performance Improvement Plan' })).toBeVisible();
  // A reload on a page address comes back to that page (bookmarkable).
  await page.goto('./?page=kpis');
  await expect(page.getByRole('heading', { level: 1, name: 'KPIs' })).toBeVisible();
});

test('the Plan page has no accessibility violations (WCAG 2.2 A and AA)', async ({ page }) => {
  // axe-core checks every node of the whole plan document: slow on a busy machine.
  test.setTimeout(90_000);
  await openApp(page, '?page=plan');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

test('the Plan page reads on a tablet in portrait', async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 1024 });
  await openApp(page);
  const row = page.getByRole('table', { name: 'Priority 1: actions' }).getByRole('row').filter({ hasText: 'Accelerate transition' });
  await expect(row).toBeVisible();
  // No horizontal scrolling of the whole page.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('the loading note gives way to the app when it starts', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1, name: 'CYPS Performance Improvement Plan' })).toBeVisible();
  await expect(page.getByText('Opening Waymark…')).toHaveCount(0);
  await expect(page.getByRole('banner')).toHaveCount(1);
});

// Without the app's own error checks: here the app is meant to fail to start.
plainTest('if the app cannot start, the loading note says so in plain words', async ({ page }) => {
  await page.route(/_bg\.wasm$/, (route) => route.abort());
  await page.goto('./');
  await expect(page.getByRole('status')).toHaveText(/Waymark could not start in this browser\. Please reload the page/);
  await expect(page.getByRole('banner')).toContainText('Waymark');
});

test('a search with many matches shows the first 200, then all on request, and the document draws to its end', async ({ page }) => {
  await openApp(page, '?page=files');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('main').getByRole('button', { name: 'Export plan' }).click()]);
  const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
  const p1 = file.plan.priorities[0];
  const base = p1.actions[0];
  for (let i = 0; i < 260; i++) {
    p1.actions.push({ ...base, id: `zebra-${i}`, reference: `1.Z${i}`, title: `Zebra crossing audit ${i}`, updates: [], milestones: [], risks: [] });
  }
  await page.getByLabel('Import plan').setInputFiles({ name: 'zebras.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await page.getByRole('button', { name: 'Replace current plan' }).click();
  await expect(page.getByText(/imported plan is open/)).toBeVisible();

  await page.getByRole('link', { name: 'Plan', exact: true }).click();
  // The document is drawn to its end (priorities after the first follow the first paint).
  await expect(page.getByRole('heading', { level: 2, name: /Priority 4: Establish a clear and shared direction/ })).toBeVisible();
  await page.getByLabel('Search actions').fill('zebra');
  await expect(page.getByRole('status').filter({ hasText: 'actions match' })).toHaveText('260 actions match');
  const rows = page.getByRole('table', { name: 'Matching actions' }).locator('tbody tr');
  await expect(rows).toHaveCount(200);
  await expect(page.getByText('Showing the first 200 of 260.')).toBeVisible();
  await page.getByRole('button', { name: 'Show all 260 matching actions' }).click();
  await expect(rows).toHaveCount(260);
  await expect(rows.last()).toContainText('Zebra crossing audit 259');
  // A narrower search redraws from the top.
  await page.getByLabel('Search actions').fill('zebra audit 259');
  await expect(page.getByRole('status').filter({ hasText: 'match' })).toHaveText('1 action matches');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Zebra crossing audit 259');
});

test('the Risk register link reaches the register even on a long plan still being drawn', async ({ page }) => {
  await openApp(page, '?page=files');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('main').getByRole('button', { name: 'Export plan' }).click()]);
  const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
  const p4 = file.plan.priorities[3];
  for (let i = 0; i < 40; i++) {
    file.plan.priorities.push({ ...p4, id: `extra-${i}`, number: `${5 + i}`, title: `Extra priority ${i}`,
      outcomes: [], actions: p4.actions.map((a, j) => ({ ...a, id: `extra-${i}-${j}`, reference: `${5 + i}.${j + 1}` })) });
  }
  await page.getByLabel('Import plan').setInputFiles({ name: 'long.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await page.getByRole('button', { name: 'Replace current plan' }).click();
  await expect(page.getByText(/imported plan is open/)).toBeVisible();
  await page.getByRole('link', { name: 'Plan', exact: true }).click();
  await page.getByRole('link', { name: 'Risk register' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Risk register' })).toBeInViewport();
  await expect(page.getByRole('heading', { level: 2, name: 'Priority 44: Extra priority 39' })).toBeAttached();
});

test('editing one action\'s title updates that row in place, and the rest of the page stays as it was', async ({ page }) => {
  await openApp(page);
  const doc = page.locator('article.plan-doc');
  await expect(doc).toHaveAttribute('aria-busy', 'false');
  // Tag DOM nodes: the edited row, another row, another priority's section.
  await page.evaluate(() => {
    document.getElementById('a-1.2').__tag = 'edited';
    document.getElementById('a-2.1').__tag = 'other';
    document.getElementById('p3').__tag = 'section';
    document.getElementById('a-1.2').querySelector('.action-title').__tag = 'old cell';
  });
  await page.getByRole('button', { name: 'Edit action 1.2' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit action 1.2' })).toBeVisible();
  // While the form is open the document is kept, hidden from sight and from
  // assistive technology.
  await expect(page.getByRole('heading', { level: 1, name: 'CYPS Performance Improvement Plan' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Edit action 1.3' })).toHaveCount(0);
  await page.getByRole('textbox', { name: /^Title( \(required\))?$/ }).fill('Review the supervision policy with team managers');
  await page.getByRole('button', { name: 'Save action' }).click();
  const row = page.getByRole('table', { name: 'Priority 1: actions' }).getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: /^1\.2\b/ }) });
  await expect(row).toContainText('Review the supervision policy with team managers');
  await expect(row).toBeVisible();
  const tags = await page.evaluate(() => ({
    edited: document.getElementById('a-1.2').__tag,
    other: document.getElementById('a-2.1').__tag,
    section: document.getElementById('p3').__tag,
    cell: document.getElementById('a-1.2').querySelector('.action-title').__tag ?? null,
  }));
  // The same row, cell and section nodes: the edited row's text was changed in place.
  expect(tags).toEqual({ edited: 'edited', other: 'other', section: 'section', cell: 'old cell' });
  // Its buttons still work.
  await page.getByRole('button', { name: 'Edit action 1.2' }).click();
  await expect(page.getByRole('textbox', { name: /^Title( \(required\))?$/ })).toHaveValue('Review the supervision policy with team managers');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'CYPS Performance Improvement Plan' })).toBeVisible();
  expect(await page.evaluate(() => document.getElementById('a-2.1').__tag)).toBe('other');
});

test('the buttons that open a form each have an id of their own', async ({ page }) => {
  await openApp(page);
  await expect(page.locator('article.plan-doc')).toHaveAttribute('aria-busy', 'false');
  const ids = await page.evaluate(() => {
    const names = ['Edit action 1.1', 'Add a progress update to action 1.1', 'Edit priority 1', 'Add action to priority 1',
      'Add outcome to priority 4', 'Edit outcome 4', 'Add action to outcome 4', 'Edit plan details', 'Add a priority', 'Add a risk to the register'];
    const all = [...document.querySelectorAll('button')];
    return names.map((n) => all.filter((b) => (b.getAttribute('aria-label') ?? b.textContent.trim()) === n).map((b) => b.id));
  });
  expect(ids).toEqual([['edit-a-1.1'], ['update-a-1.1'], ['edit-p1'], ['add-action-p1'], ['add-outcome-p4'], ['edit-p4-o4'],
    ['add-action-p4-o4'], ['tool-edit-details'], ['tool-add-priority'], ['tool-add-risk']]);
  const every = await page.evaluate(() => [...document.querySelectorAll('[id]')].map((e) => e.id));
  expect(every.length).toBe(new Set(every).size);
});
