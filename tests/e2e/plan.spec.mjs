// The Plan page shows the whole example plan as a document.
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
