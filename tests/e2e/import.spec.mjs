// "Paste action table": a real paste event carrying text/html (as Word puts it on
// the clipboard) and text/plain is read from its HTML, previewed in words, added
// as one step, and taken away again by one Undo.
import { test, expect, openApp, axeViolations, storedPlanText } from './fixtures.mjs';

// A Word-style table: a heading above it, a header row, a merged row that starts
// a priority, cells of several paragraphs (milestones by quarter, two leads), a
// RAG with its reason and a progress comment, and an empty cell.
const WORD_HTML = `<html><body><div class="WordSection1">
<p class="MsoNormal"><b>Priority 7: Better transitions to adulthood</b></p>
<table class="MsoTableGrid" border="1">
 <tr><td><p>Activity</p></td><td><p>Timeline</p></td><td><p>Lead(s)</p></td><td><p>Red/Amber/Green</p></td><td><p>Comments on progress</p></td></tr>
 <tr><td><p>7.1 Agree a joint transitions protocol with adult services</p></td>
     <td><p>Qtr1: draft protocol</p><p>Qtr2: protocol signed off</p></td>
     <td><p>Head of Disability Services</p><p>Adult Social Care lead</p></td>
     <td><p>Amber</p><p>sign-off delayed</p></td>
     <td><p>Draft shared with partners</p></td></tr>
 <tr><td><p>7.2 Review every <span>transition plan</span> at 14+</p></td>
     <td><p>March 2027</p></td><td><p>Transitions Team Manager</p></td><td></td><td></td></tr>
</table></div></body></html>`;
// What the same copy gives as plain text: each paragraph on a line of its own,
// so the multi-paragraph cells break the rows apart.
const WORD_TEXT = 'Activity\tTimeline\tLead(s)\tRed/Amber/Green\tComments on progress\n7.1 Agree a joint transitions protocol with adult services\tQtr1: draft protocol\nQtr2: protocol signed off\tHead of Disability Services\nAdult Social Care lead\tAmber\nsign-off delayed\tDraft shared with partners\n7.2 Review every transition plan at 14+\tMarch 2027\tTransitions Team Manager\t\t\n';

async function pasteInto(locator, html, text) {
  await locator.evaluate((el, { html, text }) => {
    el.focus();
    const dt = new DataTransfer();
    if (html) dt.setData('text/html', html);
    dt.setData('text/plain', text);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, { html, text });
}

const storedPlan = async (page) => JSON.parse(await storedPlanText(page)).plan;
/** The stored plan once `pred` holds for it (the autosave runs just after an edit). */
async function storedPlanWhen(page, pred) {
  let plan = null;
  await expect.poll(async () => {
    const text = await storedPlanText(page);
    plan = text === null ? null : JSON.parse(text).plan;
    return plan !== null && pred(plan);
  }, { timeout: 15_000 }).toBe(true);
  return plan;
}

test('a Word table pasted as HTML: preview in words, Confirm adds it as one step, Undo takes it all away', async ({ page }) => {
  test.setTimeout(60_000);
  await openApp(page, '?page=plan');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const before = await storedPlan(page).catch(() => null);
  await page.getByRole('button', { name: 'Paste action table' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Paste action table' })).toBeFocused();

  await pasteInto(page.getByRole('textbox', { name: 'Action table' }), WORD_HTML, WORD_TEXT);
  const found = page.getByRole('region', { name: /1 table found in the pasted table/ });
  await expect(found).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'Table 1: Priority 7: Better transitions to adulthood' })).toBeVisible();
  // Read from the HTML: two rows of actions, not the plain text's five broken rows.
  await expect(page.getByText('2 actions, 1 new priority, 0 new outcomes; 0 rows cannot be read.')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Column 3 (Lead(s)) holds' })).toHaveValue('leads');
  const list = page.locator('.import-actions > li');
  await expect(list).toHaveCount(2);
  await expect(list.nth(0)).toContainText('7.1 Agree a joint transitions protocol with adult services');
  await expect(list.nth(0)).toContainText('Priority 7: Better transitions to adulthood (new)');
  await expect(list.nth(0)).toContainText('Head of Disability Services');
  await expect(list.nth(0)).toContainText('Adult Social Care lead');
  await expect(list.nth(0)).toContainText('Amber');
  await expect(list.nth(1)).toContainText('7.2 Review every transition plan at 14+');
  await expect(page.getByRole('status').filter({ hasText: 'will be added' })).toHaveText('2 actions will be added.');
  expect(await axeViolations(page)).toEqual([]);

  // Changing a column's role changes the preview: the leads column left out.
  await page.getByRole('combobox', { name: 'Column 3 (Lead(s)) holds' }).selectOption('ignore');
  await expect(list.nth(0)).not.toContainText('Head of Disability Services');
  await expect(page.getByText("Column 3 ('Lead(s)') is not read: 2 rows have text in it")).toBeVisible();
  await page.getByRole('combobox', { name: 'Column 3 (Lead(s)) holds' }).selectOption('leads');
  await expect(list.nth(0)).toContainText('Head of Disability Services');

  await page.getByRole('button', { name: 'Add to the plan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Plan|Improvement/ }).first()).toBeVisible();
  const notice = page.getByRole('status').filter({ hasText: 'Added 2 actions from the pasted table, in 1 new priority' });
  await expect(notice).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Priority 7: Better transitions to adulthood' })).toBeVisible();
  const row71 = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^7\.1\b/ }) });
  await expect(row71).toContainText('Agree a joint transitions protocol with adult services');
  await expect(row71).toContainText('Adult Social Care lead');
  await expect(page.getByRole('rowheader', { name: /^7\.2\b/ })).toBeVisible();

  // Stored: the new priority with both actions, 7.1 with its two quarter milestones
  // and its first progress update.
  await expect.poll(async () => (await storedPlan(page)).priorities.some((p) => p.number === '7')).toBe(true);
  const p7 = (await storedPlan(page)).priorities.find((p) => p.number === '7');
  expect(p7.actions.map((a) => a.reference)).toEqual(['7.1', '7.2']);
  expect(p7.actions[0].leads).toEqual(['Head of Disability Services', 'Adult Social Care lead']);
  expect(p7.actions[0].milestones.map((m) => [m.title, m.quarter])).toEqual([['draft protocol', 'Q1'], ['protocol signed off', 'Q2']]);
  expect(p7.actions[0].updates.map((u) => u.rag)).toEqual(['amber']);

  // One Undo removes the priority and both actions.
  await notice.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('heading', { name: 'Priority 7: Better transitions to adulthood' })).toHaveCount(0);
  await expect(page.getByRole('rowheader', { name: /^7\.1\b/ })).toHaveCount(0);
  await expect.poll(async () => (await storedPlan(page)).priorities.some((p) => p.number === '7')).toBe(false);
  if (before) expect((await storedPlan(page)).priorities.length).toBe(before.priorities.length);
});

test('pasted into a priority, a numbered list becomes its actions; a paste with no table says so', async ({ page }) => {
  await openApp(page, '?page=plan');
  await page.getByRole('button', { name: 'Paste actions into priority 1', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Paste action table' })).toBeVisible();
  const box = page.getByRole('textbox', { name: 'Action table' });

  await pasteInto(box, '', '   ');
  await page.getByRole('button', { name: 'Read the text in the box' }).click();
  await expect(page.getByRole('alert').or(page.locator('.error-summary'))).toContainText('Paste a table copied from Word, Excel or a web page');

  const html = '<p>01. Continue to develop the parenting offer</p><p>02. Extend the youth offer to every locality</p>';
  await pasteInto(box, html, '01. Continue to develop the parenting offer\n02. Extend the youth offer to every locality');
  const list = page.locator('.import-actions > li');
  await expect(list).toHaveCount(2);
  await expect(list.nth(0)).toContainText('01 Continue to develop the parenting offer');
  await expect(list.nth(0)).toContainText(/Priority 1:/);
  await expect(list.nth(0)).not.toContainText('(new)');
  await page.getByRole('button', { name: 'Add to the plan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added 2 actions from the pasted table' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: /^01\b/ })).toBeVisible();
});

test('a .docx chosen on the Files page: its tables listed with their headings, one brought in', async ({ page }) => {
  test.setTimeout(60_000);
  await openApp(page, '?page=files');
  await page.getByRole('link', { name: 'Import from Word or Excel' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import from Word or Excel' })).toBeFocused();
  await page.getByLabel('Or choose a Word, Excel or CSV file').setInputFiles('tests/fixtures/two-priorities.docx');
  await expect(page.getByRole('heading', { level: 2, name: '2 tables found in “two-priorities.docx”' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'Table 1: Priority 1: Looked after children' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'Table 2: Priority 2: Teenage pregnancy' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'will be added' })).toHaveText('4 actions will be added.');
  expect(await axeViolations(page)).toEqual([]);

  // Only the second table.
  await page.getByRole('checkbox', { name: 'Bring in table 1' }).uncheck();
  await expect(page.getByRole('status').filter({ hasText: 'will be added' })).toHaveText('1 action will be added.');
  await page.getByRole('button', { name: 'Add to the plan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added 1 action from “two-priorities.docx”' })).toBeVisible();
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^2\.1\b/ }) }).filter({ hasText: 'Open a clinic (pilot)' });
  await expect(row).toHaveCount(1);
  const actionsOf = (p) => p.priorities.flatMap((q) => [...q.actions, ...q.outcomes.flatMap((o) => o.actions)]);
  const plan = await storedPlanWhen(page, (p) => actionsOf(p).some((a) => a.title === 'Open a clinic (pilot)'));
  const added = plan.priorities.flatMap((p) => [...p.actions, ...p.outcomes.flatMap((o) => o.actions)]).filter((a) => a.title === 'Open a clinic (pilot)');
  expect(added.map((a) => a.reference)).toEqual(['2.1']);
  // The example has no NI 112: the code is kept as the measure text, linked to nothing.
  expect(added[0].kpi_ids).toEqual([]);
  expect(added[0].measures).toContain('NI 112');
});

test('a file that is not what it claims is refused in plain words and changes nothing', async ({ page }) => {
  await openApp(page, '?page=import&from=files');
  await page.getByLabel('Or choose a Word, Excel or CSV file').setInputFiles({ name: 'plan.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from('this is not a Word document') });
  const error = page.locator('#file-error');
  await expect(error).toContainText('Nothing has changed.');
  await expect(error).toContainText('plan.docx');
  await expect(page.getByRole('heading', { level: 2, name: /found in/ })).toHaveCount(0);
});

test('a cell merged down several rows (rowspan) keeps the cells of the rows below under their headings', async ({ page }) => {
  await openApp(page, '?page=import&from=plan');
  const html = `<table>
    <tr><th>Ref</th><th>Strategy</th><th>Activity</th><th>Lead</th></tr>
    <tr><td>1.1</td><td rowspan="2">Early help</td><td>Open two family hubs</td><td>Head of Early Help</td></tr>
    <tr><td>1.2</td><td>Train every hub worker</td><td>Workforce Lead</td></tr>
  </table>`;
  await pasteInto(page.getByRole('textbox', { name: 'Action table' }), html, 'Ref\tStrategy\tActivity\tLead\n1.1\tEarly help\tOpen two family hubs\tHead of Early Help\n1.2\t\tTrain every hub worker\tWorkforce Lead\n');
  const list = page.locator('.import-actions > li');
  await expect(list).toHaveCount(2);
  await expect(list.nth(1)).toContainText('1.2 Train every hub worker');
  await expect(list.nth(1)).toContainText('Workforce Lead');
  // The merged Strategy cell is the outcome of both rows.
  await expect(list.nth(0)).toContainText('› Early help (new)');
  await expect(list.nth(1)).toContainText('› Early help (new)');
});

test('a paste with an action table and a KPI table brings in both, the KPI table read as KPIs', async ({ page }) => {
  await openApp(page, '?page=import&from=plan');
  const html = `<p>Priority 8: Care leavers</p>
  <table><tr><td>Activity</td><td>Lead(s)</td></tr><tr><td>8.1 Offer every care leaver a personal adviser</td><td>Leaving Care Manager</td></tr></table>
  <p>Indicators</p>
  <table><tr><td>Code</td><td>Indicator</td><td>Actual 2008/9</td><td>Target 2009/10</td></tr>
  <tr><td>NI 947</td><td>Care leavers in suitable accommodation</td><td>81</td><td>88</td></tr></table>`;
  await pasteInto(page.getByRole('textbox', { name: 'Action table' }), html, 'Activity\tLead(s)\n8.1 Offer every care leaver a personal adviser\tLeaving Care Manager\n');
  await expect(page.getByRole('heading', { level: 2, name: '2 tables found in the pasted table' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Table 1 holds' })).toHaveValue('actions');
  await expect(page.getByRole('combobox', { name: 'Table 2 holds' })).toHaveValue('kpis');
  await expect(page.locator('.import-kpis > li')).toHaveText(['NI 947: Care leavers in suitable accommodation (2 periods)']);
  await expect(page.getByRole('status').filter({ hasText: 'will be added' })).toHaveText('1 action and 1 KPI will be added or updated.');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Add to the plan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added 1 action and 1 KPI from the pasted table, in 1 new priority' })).toBeVisible();
  const plan = await storedPlanWhen(page, (p) => p.kpis.some((x) => x.code === 'NI 947'));
  const k = plan.kpis.find((x) => x.code === 'NI 947');
  expect(k.title).toBe('Care leavers in suitable accommodation');
  expect(k.series.map((s) => s.period)).toEqual(['2008/9', '2009/10']);
});
