// The Dashboard: the plan as at a date. Expected figures are computed here from the
// example plan file itself (data/example-plan.jsonc), independently of the app.
import { test, expect, openApp, axeViolations, examplePlan, actionsOf, directionOf, cellUnder } from './fixtures.mjs';


const live = (a) => (a.updates ?? []).filter((u) => !u.deleted_at);

/** An action's RAG as at a date: the latest update on or before it, else the stated RAG. */
function ragAsAt(a, asAt) {
  if (a.status === 'complete') return 'blue';
  const ups = live(a).map((u, i) => ({ u, i })).filter(({ u }) => !u.date || u.date <= asAt);
  ups.sort((x, y) => ((x.u.date ?? '') < (y.u.date ?? '') ? -1 : (x.u.date ?? '') > (y.u.date ?? '') ? 1 : x.i - y.i));
  if (ups.length) return ups[ups.length - 1].u.rag;
  return a.stated_rag ?? 'not_rated';
}

function countRags(actions, asAt) {
  const c = { red: 0, amber: 0, green: 0, blue: 0, not_rated: 0 };
  for (const a of actions) c[ragAsAt(a, asAt)]++;
  return c;
}

const addDays = (iso, n) => new Date(Date.parse(iso + 'T00:00:00Z') + n * 86400000).toISOString().slice(0, 10);

/** Data health as the issue defines it: the share of checks passed. */
function dataHealth(p, asAt) {
  let checks = 0;
  let gaps = 0;
  const from = addDays(asAt, -(p.settings?.stale_after_days ?? 90));
  for (const a of actionsOf(p)) {
    if (a.status !== 'complete' && a.status !== 'cancelled') {
      checks++;
      if (!live(a).some((u) => u.date && u.date <= asAt && u.date >= from)) gaps++;
    }
    checks += 2;
    if (!(a.leads ?? []).some((l) => l.trim())) gaps++;
    if (!a.due) gaps++;
  }
  const kpiGaps = [];
  for (const k of p.kpis) {
    checks++;
    const any = (x) => x.target != null || x.actual != null || x.national != null || x.neighbours != null || x.region != null;
    const last = [...(k.series ?? [])].reverse().find(any);
    if (!(last && last.actual && typeof last.actual.value === 'number')) {
      gaps++;
      kpiGaps.push(k.id);
    }
  }
  const score = Math.floor(((checks - gaps) * 200 + checks) / (checks * 2));
  // In words as the Dashboard puts it: 90 and over good, 70 to 89 fair, else poor.
  const words = score >= 90 ? 'good' : score >= 70 ? 'fair' : 'poor';
  return { score, gaps, kpiGaps, words };
}

const RAG_WORDS = { red: 'Red', amber: 'Amber', green: 'Green', blue: 'Complete', not_rated: 'Not rated' };

/** Opens the app on a changed copy of the example plan (stored as if saved earlier). */
async function openWithPlan(page, plan, query) {
  const text = JSON.stringify(plan);
  await page.addInitScript((t) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('waymark.plan', t);
      sessionStorage.setItem('seeded', '1');
    }
  }, text);
  await openApp(page, query);
}

/** The example plan with a red and an amber progress update. */
function planWithExceptions() {
  const file = examplePlan();
  const acts = actionsOf(file.plan);
  const a11 = acts.find((a) => a.id === 'a-1.1');
  a11.updates.push({ id: 'u-t-1', date: '2009-09-20', author: 'Test', rag: 'red', reason: 'Recruitment to the AD post has stalled', commentary: 'No suitable candidates.' });
  const a21 = acts.find((a) => a.id === 'a-2.1');
  a21.updates = [{ id: 'u-t-2', date: '2009-09-25', author: 'Test', rag: 'amber', reason: 'Review slipped to November', commentary: 'Delayed by staff changes.' }];
  return file;
}

test('the RAG counts match the example plan as at 30 September 2009', async ({ page }) => {
  const plan = examplePlan().plan;
  const asAt = '2009-09-30';
  await openApp(page, `?page=dashboard&asat=${asAt}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(page.getByText('As at 30 September 2009', { exact: true })).toBeVisible();

  const table = page.getByRole('table', { name: 'Actions by RAG' });
  const headers = await table.getByRole('columnheader').allInnerTexts();
  const col = (rag) => headers.findIndex((h) => h.includes(RAG_WORDS[rag]));
  const check = async (rowName, actions) => {
    const expected = countRags(actions, asAt);
    const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: rowName }) });
    const cells = await row.getByRole('cell').allInnerTexts();
    for (const rag of Object.keys(expected)) {
      // Cells start after the row header, so column i is cell i - 1.
      expect(Number(cells[col(rag) - 1]), `${rowName}: ${rag}`).toBe(expected[rag]);
    }
    expect(Number(cells[headers.indexOf('Total') - 1])).toBe(actions.length);
  };
  await check('Whole plan', actionsOf(plan));
  const p1 = plan.priorities[0];
  await check(new RegExp(`Priority 1: ${p1.title.slice(0, 20)}`), actionsOf({ priorities: [p1] }));

  // Every KPI counts once; the bar says the same in words.
  const kpis = page.getByRole('table', { name: 'KPIs by RAG' });
  const kpiRow = kpis.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Whole plan' }) });
  await expect(kpiRow.getByRole('img')).toHaveAttribute('aria-label', new RegExp(`^${plan.kpis.length} KPIs: `));
  // And the KPI list below shows each KPI with its RAG badge.
  const list = page.getByRole('table', { name: 'KPIs with trend and direction of travel' });
  await expect(list.locator('tbody tr')).toHaveCount(plan.kpis.length);
  const redCells = await kpiRow.getByRole('cell').allInnerTexts();
  const kh = await kpis.getByRole('columnheader').allInnerTexts();
  const redCount = Number(redCells[kh.findIndex((h) => h.includes('Red')) - 1]);
  await expect(list.locator('tbody tr').filter({ hasText: /▲\s*Red/ })).toHaveCount(redCount);
  // Sparklines and direction of travel in words.
  await expect(list.getByRole('img', { name: /^Trend of NI 72/ })).toBeVisible();
  // NI 72 went 48.8 → 52.9 → 53.7 (provisional), higher is better: improving, twice running.
  const dir = directionOf(plan.kpis.find((k) => k.id === 'k-ni72'));
  expect([dir.label, dir.runs]).toEqual(['Improving', 2]);
  const ni72 = list.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^NI 72\b/ }) });
  const cell = await cellUnder(list, ni72, 'Direction of travel');
  await expect(cell).toHaveText(
    `${dir.arrow} ${dir.label}Improving for 2 periods: 53.7 (provisional) in 2009/10, up from 52.9 in 2008/9.`,
  );
});

test('the as-at date changes the figures and is kept in the address', async ({ page }) => {
  const plan = examplePlan().plan;
  const within = (from, to) => actionsOf(plan).flatMap(live).filter((u) => u.date && u.date >= from && u.date <= to).length;
  await openApp(page, '?page=dashboard&asat=2009-09-30');
  const tile = page.locator('.tile').filter({ hasText: 'Updates in the last 30 days' });
  // The figure itself (the tile's words hold "30", which any figure's digits could match).
  await expect(tile.locator('.tile-value')).toHaveText(String(within('2009-08-31', '2009-09-30')));

  await page.getByLabel('As at').fill('2009-06-01');
  await expect(page).toHaveURL(/asat=2009-06-01/);
  await expect(page.getByText('As at 1 June 2009', { exact: true })).toBeVisible();
  await expect(tile.locator('.tile-value')).toHaveText(String(within('2009-05-02', '2009-06-01')));
  const greenAt = (d) => countRags(actionsOf(plan), d).green;
  const table = page.getByRole('table', { name: 'Actions by RAG' });
  const whole = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Whole plan' }) });
  await expect(whole.getByRole('img')).toHaveAttribute('aria-label', new RegExp(`${greenAt('2009-06-01')} green`));
  expect(within('2009-05-02', '2009-06-01')).toBeLessThan(within('2009-08-31', '2009-09-30'));

  // Today (years after the plan): nothing recent, and a hint to look back.
  await page.getByRole('button', { name: 'Show as at today' }).click();
  await expect(page).not.toHaveURL(/asat=/);
  await expect(page.getByText(/No progress updates in the 30 days to/)).toBeVisible();
  await page.getByRole('link', { name: /^Try as at / }).click();
  await expect(page).toHaveURL(/asat=2009-10-01/);
  await expect(page.getByRole('list', { name: 'Recent progress updates' })).toBeVisible();
});

test('exceptions list red then amber actions with their reasons and link to the plan', async ({ page }) => {
  await openWithPlan(page, planWithExceptions(), '?page=dashboard&asat=2009-09-30');
  const list = page.getByRole('list', { name: 'Red and amber actions' });
  const items = list.getByRole('listitem');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText('Red');
  await expect(items.nth(0)).toContainText('Reason: Recruitment to the AD post has stalled');
  await expect(items.nth(1)).toContainText('Amber');
  await expect(items.nth(1)).toContainText('Reason: Review slipped to November');
  // Before the red update, 1.1 was not red.
  await page.getByLabel('As at').fill('2009-09-15');
  await expect(items).toHaveCount(0);
  await page.getByLabel('As at').fill('2009-09-30');
  await expect(items).toHaveCount(2);
  await items.nth(0).getByRole('link').click();
  await expect(page).toHaveURL(/\?page=plan#a-1\.1$/);
  await expect(page.locator('[id="a-1.1"]')).toBeFocused();
  // The change of RAG shows in "what changed recently": 1.1's update of 14 September
  // was not rated, 2.1 had none before.
  await page.goBack();
  const recent = page.getByRole('list', { name: 'Recent progress updates' }).getByRole('listitem');
  const update = (ref, date) => recent.filter({ has: page.getByRole('link', { name: new RegExp(`^${ref.replace('.', '\\.')} `) }) }).filter({ hasText: date });
  await expect(update('1.1', '20 September 2009')).toContainText(/RAG changed from\s*\W?\s*Not rated\s*to\s*\W?\s*Red/);
  await expect(update('2.1', '25 September 2009')).toContainText(/RAG changed from\s*\W?\s*Not rated\s*to\s*\W?\s*Amber/);
});

test('data health gives a score in words and its gaps link to the action or KPI', async ({ page }) => {
  const plan = examplePlan().plan;
  const expected = dataHealth(plan, '2009-09-30');
  await openApp(page, '?page=dashboard&asat=2009-09-30');
  const section = page.getByRole('region', { name: 'Data health' });
  await expect(section).toContainText(`${expected.score} out of 100`);
  await expect(section).toContainText(`${expected.gaps} gaps found`);
  await expect(section).toContainText(`${expected.score} out of 100 — ${expected.words} (${expected.gaps} gaps found as at 30 September 2009)`);
  await expect(section.getByRole('meter')).toHaveAttribute('aria-label', new RegExp(`${expected.score} out of 100`));
  // A stale action: 2.1 has no progress update at all.
  const stale = section.getByRole('region', { name: 'Stale actions' });
  await stale.getByRole('link', { name: /^2\.1 .*no progress update yet/ }).click();
  await expect(page).toHaveURL(/\?page=plan#a-2\.1$/);
  await page.goBack();
  const kpiGaps = section.getByRole('region', { name: 'KPIs missing a value for their latest period' }).getByRole('link');
  await expect(kpiGaps).toHaveCount(expected.kpiGaps.length);
  expect(expected.kpiGaps.length).toBeGreaterThan(0);
  await kpiGaps.first().click();
  await expect(page).toHaveURL(new RegExp(`\\?page=kpis&id=${expected.kpiGaps[0]}$`));
});

test('the dashboard renders quickly, has no accessibility violations and fits a tablet', async ({ page }) => {
  await openApp(page, '?page=plan');
  const t0 = Date.now();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('heading', { name: 'Data health' })).toBeVisible();
  const ms = Date.now() - t0;
  console.log(`dashboard first render: ${ms} ms`);
  expect(ms).toBeLessThan(3000);
  expect(await axeViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 768, height: 1024 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
