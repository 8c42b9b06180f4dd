// Reports: the monitoring report, the plan document and the KPI scorecard, with
// filters in the address, an optional committee cover sheet, and clean printing.
import { test, expect, openApp, axeViolations, examplePlan, actionsOf, directionOf, cellUnder } from './fixtures.mjs';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';


async function openWithPlan(page, file, query) {
  await page.addInitScript((t) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('waymark.plan', t);
      sessionStorage.setItem('seeded', '1');
    }
  }, JSON.stringify(file));
  await openApp(page, query);
}

function changedPlan() {
  const file = examplePlan();
  const acts = actionsOf(file.plan);
  acts.find((a) => a.id === 'a-1.1').updates.push({ id: 'u-t-1', date: '2009-09-20', author: '', rag: 'red', reason: 'Recruitment to the AD post has stalled', commentary: 'No suitable candidates.' });
  acts.find((a) => a.id === 'a-2.1').updates = [{ id: 'u-t-2', date: '2009-09-25', author: '', rag: 'amber', reason: 'Review slipped to November', commentary: 'Delayed by staff changes.' }];
  file.plan.kpis.find((k) => k.id === 'k-ni72').corporate_dashboard = true;
  return file;
}

/** The references of the commitments listed in the monitoring report. */
async function commitments(page) {
  return page.locator('.monitoring-table tbody th .ref').allInnerTexts();
}

test('the monitoring report filters by priority and RAG, with the plan\'s RAG definitions', async ({ page }) => {
  const plan = examplePlan().plan;
  await openApp(page, '?page=reports&asat=2009-09-30');
  await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
  await expect(page.getByRole('radio', { name: /Monitoring report/ })).toBeChecked();
  await expect(page.getByRole('heading', { name: 'RAG definitions' })).toBeVisible();
  for (const d of plan.rag_definitions) await expect(page.locator('.report .rag-defs')).toContainText(d.meaning);

  await page.getByLabel('Priority', { exact: true }).selectOption({ label: 'Priority 1' });
  await expect(page).toHaveURL(/priority=p1/);
  const p1 = plan.priorities[0].actions.map((a) => a.reference);
  expect(p1).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7']);
  await expect.poll(() => commitments(page)).toEqual(p1);
  await expect(page.getByRole('heading', { name: /^Priority 2:/ })).toHaveCount(0);
  const table = page.getByRole('table', { name: /^Priority 1: .*: commitments$/ });
  await expect(table.getByRole('columnheader')).toHaveText(['Commitment', 'Responsible officer', 'RAG and reason', 'Comments on progress']);
  const row15 = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^1\.5 / }) });
  await expect(row15).toContainText('Head of HR');
  await expect(row15).toContainText('Green');
  await expect(row15).toContainText('30 September 2009');

  await page.getByLabel('RAG', { exact: true }).selectOption({ label: 'Green' });
  await expect(page).toHaveURL(/rag=green/);
  await expect.poll(() => commitments(page)).toEqual(['1.5']);
  await expect(page.locator('.report-meta')).toContainText('Showing priority 1; green only');
});

test('red and amber only lists the exceptions with their reasons; the lead filter narrows', async ({ page }) => {
  await openWithPlan(page, changedPlan(), '?page=reports&report=monitoring&asat=2009-09-30');
  await page.getByLabel('Red and amber only').check();
  await expect(page).toHaveURL(/only=red-amber/);
  await expect.poll(() => commitments(page)).toEqual(['1.1', '2.1']);
  await expect(page.locator('.report')).toContainText('Recruitment to the AD post has stalled');
  await expect(page.locator('.report')).toContainText('Review slipped to November');
  await page.getByLabel('Red and amber only').uncheck();
  await page.getByLabel('Lead').selectOption('DLT');
  const withDlt = actionsOf(changedPlan().plan).filter((a) => a.leads.some((l) => l.toLowerCase() === 'dlt')).map((a) => a.reference);
  await expect.poll(() => commitments(page)).toEqual(withDlt);
});

test('the plan document and the KPI scorecard show the expected rows', async ({ page }) => {
  const file = changedPlan();
  await openWithPlan(page, file, '?page=reports&report=plan&priority=p4&asat=2009-09-30');
  await expect(page.getByRole('heading', { level: 2, name: 'Plan document' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Priority 4:/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Priority 1:/ })).toHaveCount(0);
  const o4 = page.getByRole('table', { name: 'Outcome 4: indicators' });
  await expect(o4.getByRole('row').filter({ hasText: 'NI 72' })).toContainText('53.7 (provisional)');
  await expect(o4.getByRole('columnheader', { name: 'Target 2010/11' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Outcome 4: actions' })).toContainText('4.4.1 i)');

  await page.getByRole('radio', { name: /KPI scorecard/ }).check();
  await expect(page).toHaveURL(/report=scorecard/);
  const card = page.getByRole('table', { name: 'KPI scorecard' });
  const inP4 = file.plan.kpis.filter((k) => k.priority_id === 'p4').length;
  await expect(card.locator('tbody tr:not(.section-row)')).toHaveCount(inP4);
  await expect(card.getByRole('row').filter({ hasText: 'NI 72' })).toContainText('*');
  await expect(page.getByText('* marks an indicator on the corporate dashboard.')).toBeVisible();
  // NI 72 went 48.8 → 52.9 → 53.7 (provisional), higher is better: improving.
  const ni72 = card.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^NI 72\b/ }) });
  const dir = directionOf(file.plan.kpis.find((k) => k.id === 'k-ni72'));
  expect(dir.label).toBe('Improving');
  await expect(await cellUnder(card, ni72, 'Direction of travel')).toHaveText(`${dir.arrow} ${dir.label}`);
});

test('the cover sheet is saved with the plan and prints in front of the report', async ({ page }) => {
  await openApp(page, '?page=reports&priority=p1&asat=2009-09-30');
  await page.getByLabel('Include a committee cover sheet').check();
  await page.getByLabel('Report to').fill('Improvement Board');
  await page.getByLabel('Day').fill('27');
  await page.getByLabel('Month').fill('10');
  await page.getByLabel('Year').fill('2009');
  await page.getByLabel('Subject').fill('Performance Improvement Plan: progress to September');
  await page.getByLabel('Report of').fill('Director of Children\'s Services');
  await page.getByLabel('Contact officer').fill('Michael Bracey, Assistant Director, Tel: (01908) 258041');
  await page.getByLabel('Purpose').fill('To report progress on the Performance Improvement Plan.');
  await page.getByLabel('Recommendation').fill('That the Board note the progress made.');
  await page.getByRole('button', { name: 'Save cover sheet' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved the committee cover sheet' })).toBeVisible();
  await expect(page.getByText(/Saved at \d\d:\d\d/)).toBeVisible();

  // Kept with the plan: still there after a reload.
  await page.reload();
  await expect(page.getByLabel('Report to')).toHaveValue('Improvement Board');
  const cover = page.getByRole('region', { name: 'Performance Improvement Plan: progress to September' });
  await expect(cover).toContainText('27 October 2009');
  await expect(cover).toContainText('That the Board note the progress made.');

  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(page.getByRole('button', { name: /Print/ })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Save cover sheet' })).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeHidden();
  await expect(cover).toBeVisible();
  const coverBox = await cover.boundingBox();
  const reportBox = await page.getByRole('heading', { level: 2, name: 'Monitoring report' }).boundingBox();
  expect(coverBox.y).toBeLessThan(reportBox.y);
  await expect(page.locator('.report .rag').first()).toHaveCSS('background-color', 'rgba(0, 0, 0, 0)');
});

test('a PDF of the monitoring report has sensible pages and the commitments\' text', async ({ page }) => {
  const plan = examplePlan().plan;
  await openApp(page, '?page=reports&report=monitoring&asat=2009-09-30');
  await expect(page.locator('.monitoring-table').first()).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  const dir = mkdtempSync(join(tmpdir(), 'waymark-pdf-'));
  const file = join(dir, 'monitoring.pdf');
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  writeFileSync(file, pdf);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  const actions = actionsOf(plan).length;
  console.log(`monitoring report PDF: ${pages} pages for ${actions} commitments`);
  // About 8–10 commitments a landscape page; allow for long comments.
  expect(pages).toBeGreaterThanOrEqual(Math.ceil(actions / 15));
  expect(pages).toBeLessThanOrEqual(Math.ceil(actions / 4));
  // pdftotext (poppler-utils, installed by the set-up) must be there: without it
  // this test fails rather than pass unchecked.
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const flat = text.replace(/\s+/g, ' ');
  for (const a of actionsOf(plan).slice(0, 5)) expect(flat).toContain(`${a.reference} ${a.title.slice(0, 30)}`.replace(/\s+/g, ' '));
  expect(flat).toContain('Comments on progress');
  expect(flat).toContain(`Page 1 of ${pages}`);
  // The running header is on every page.
  const heads = flat.split('CYPS Performance Improvement Plan · Monitoring report · As at 30 September 2009').length - 1;
  expect(heads).toBeGreaterThanOrEqual(pages);
});

for (const report of ['monitoring', 'plan', 'scorecard']) {
  test(`the ${report} report has no accessibility violations`, async ({ page }) => {
    await openApp(page, `?page=reports&report=${report}&priority=p1&asat=2009-09-30&cover=1`);
    await expect(page.locator('.report')).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });
}

test('the plan document shows the plan as the Plan page does: KPI rows, action rows, approval line', async ({ page }) => {
  // What a table shows: each row's cells as text, with which cells are provisional.
  const rowsOf = (table) => table.evaluate((t) => [...t.querySelectorAll(':scope > tbody > tr')].map((tr) => ({
    head: (() => { const th = tr.querySelector(':scope > th').cloneNode(true); th.querySelector('.row-buttons')?.remove(); return th.textContent.replace(/\s+/g, ' ').trim(); })(),
    cells: [...tr.querySelectorAll(':scope > td')].map((td) => `${td.textContent.replace(/\s+/g, ' ').trim()}${td.classList.contains('provisional') ? ' [p]' : ''}`),
  })));
  const status = () => page.locator('dl.summary-list').first().getByRole('definition').nth(2).innerText();
  await openApp(page, '?page=plan');
  const pageKpis = await rowsOf(page.getByRole('table', { name: 'Outcome 4: indicators' }));
  const pageActions = await rowsOf(page.getByRole('table', { name: 'Outcome 4: actions' }));
  const pageStatus = await status();
  // As at a date after every update, the report's rows are the Plan page's.
  await openApp(page, '?page=reports&report=plan&priority=p4&asat=2100-01-01');
  const reportKpis = await rowsOf(page.getByRole('table', { name: 'Outcome 4: indicators' }));
  const reportActions = await rowsOf(page.getByRole('table', { name: 'Outcome 4: actions' }));
  expect(reportKpis).toEqual(pageKpis);
  expect(reportActions).toEqual(pageActions);
  expect(await status()).toBe(pageStatus);
  expect(pageStatus).toBe('Approved by Cabinet');
  const ni72 = pageKpis.find((r) => r.head.startsWith('% pupils achieving at least 78 points'));
  expect(pageKpis.find((r) => r.head.startsWith('Gap between lowest 20%')).head).toMatch(/and the rest \(%\)$/);
  // The title says "%": no unit after it; the code carries its sources; provisional marked.
  expect(ni72.head).toBe('% pupils achieving at least 78 points across Early Years Foundation Stage');
  expect(ni72.cells[0]).toBe('NI 72 (NI, LAA)');
  expect(ni72.cells).toContain('53.7 (provisional) [p]');
  // 16 indicators under 3 section headings.
  expect(pageKpis.length).toBe(19);
  expect(pageKpis.filter((r) => r.cells.length === 0).map((r) => r.head)).toEqual(['Foundation Stage', 'Key Stage 2', 'Key Stage 4']);
  await expect(page.getByRole('table', { name: 'Outcome 4: indicators' }).getByRole('rowheader', { name: 'Key Stage 2' })).toBeVisible();
});
