// "Paste KPI table" from Word or Excel: a real `paste` event carrying text/html
// and text/plain is read from its HTML (a cell of two paragraphs stays one row,
// merged rows are sections, codes and titles in one cell are split), the box shows
// the plain text, editing the box reads the text; and the KPI list shows a KPI
// with no code, or with a long code, without writing over the Title column.
import { test, expect, openApp, axeViolations } from './fixtures.mjs';

/** An action table, then a KPI table, as Word puts them on the clipboard. */
const HTML = `<html><head><style>p.MsoNormal{margin:0}</style></head><body>
<p class=MsoNormal>Priority 4 actions</p>
<table class=MsoTableGrid border=1>
 <tr><td><p>Activity</p></td><td><p>Lead(s)</p></td><td><p>Timeline</p></td></tr>
 <tr><td><p>4.1.1 Develop strategy</p></td><td><p>AD PCP</p></td><td><p>December 2009</p></td></tr>
</table>
<p class=MsoNormal>Being healthy</p>
<table class=MsoTableGrid border=1>
 <tr><td colspan=5><p>Priority 4 Establish a clear and shared direction</p></td></tr>
 <tr><td><p><b>Indicators</b></p></td><td><p>LAA/NI/CYPP</p></td><td><p>MK 2008/9</p></td><td><p>MK 2009/10</p></td><td><p>Target 2010/11</p></td></tr>
 <tr><td colspan=5><p><b>LAA Indicators</b></p></td></tr>
 <tr><td><p>Children in care with 3 or more</p><p>placements in the year</p></td><td><p>N62 LAA</p></td><td><p>11</p></td><td><p>10 (p)</p></td><td><p>9 (prov.)</p></td></tr>
 <tr><td><p>% pupils achieving at least 78 points across Early Years Foundation Stage</p></td><td><p>NI72 LAA</p></td><td><p>52.9</p></td><td><p>54.4</p></td><td><p>55</p></td></tr>
 <tr><td colspan=5><p><b>Other key national indicators</b></p></td></tr>
 <tr><td><p>NI 112 / BVPI 197: Under 18 conception rate</p></td><td><p>&nbsp;</p></td><td><p>+0.58% (2007 data)</p></td><td></td><td><p>-45%</p></td></tr>
</table></body></html>`;

/** The same clipboard's plain text: Word breaks a cell of two paragraphs into two lines. */
const TEXT = [
  'Activity\tLead(s)\tTimeline',
  '4.1.1 Develop strategy\tAD PCP\tDecember 2009',
  '',
  'Priority 4 Establish a clear and shared direction',
  'Indicators\tLAA/NI/CYPP\tMK 2008/9\tMK 2009/10\tTarget 2010/11',
  'LAA Indicators',
  'Children in care with 3 or more',
  'placements in the year\tN62 LAA\t11\t10 (p)\t9 (prov.)',
  '% pupils achieving at least 78 points across Early Years Foundation Stage\tNI72 LAA\t52.9\t54.4\t55',
  'Other key national indicators',
  'NI 112 / BVPI 197: Under 18 conception rate\t \t+0.58% (2007 data)\t\t-45%',
].join('\r\n');

/** Dispatches a real paste event on the KPI table box. */
async function pasteInto(page, html, text) {
  await page.getByLabel('KPI table').evaluate((el, [html, text]) => {
    el.focus();
    const dt = new DataTransfer();
    if (html) dt.setData('text/html', html);
    dt.setData('text/plain', text);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, [html, text]);
}

const listRow = (page, code) =>
  page.getByRole('table', { name: /KPIs/ }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: code, exact: true }) });

test('a paste from Word is read from its HTML: preview, confirm, the KPIs on the list, undo', async ({ page }) => {
  await openApp(page, '?page=kpis&paste=1');
  await expect(page.getByRole('heading', { level: 1, name: 'Paste KPI table' })).toBeVisible();
  await pasteInto(page, HTML, TEXT);
  // The box shows the plain text; the status says the table is read as copied.
  await expect(page.getByLabel('KPI table')).toHaveValue(TEXT.replaceAll('\r\n', '\n'));
  await expect(page.getByRole('status').filter({ hasText: 'Read from the table as it was copied' }))
    .toContainText('The clipboard held 2 tables; table 2 is read, the first with KPI column headings.');

  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByRole('heading', { name: 'Preview' })).toBeVisible();
  await expect(page.getByText(/5 columns and 5 rows \(the row of column headings is row 1; 1 row above it, such as a title, was left out\)/)).toBeVisible();
  // The Word cell of two paragraphs is one row of the table.
  const columns = page.getByRole('region', { name: 'Columns found' });
  await expect(columns.getByRole('cell', { name: 'Children in care with 3 or more placements in the year', exact: true })).toBeVisible();
  await expect(columns.getByRole('cell', { name: 'placements in the year', exact: true })).toHaveCount(0);
  await expect(page.getByText('1 KPI updated, 2 KPIs added, 0 rows cannot be read.')).toBeVisible();
  const added = page.getByRole('list').filter({ has: page.getByText('NI 62: Children in care with 3 or more placements in the year') });
  await expect(added).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'NI 112: Under 18 conception rate' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'NI 72' })).toContainText('2009/10 actual: 53.7 (provisional) → 54.4');
  expect(await axeViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Pasted KPI table: 1 KPI updated, 2 KPIs added' })).toBeVisible();
  const ni62 = listRow(page, 'NI 62');
  await expect(ni62).toContainText('Children in care with 3 or more placements in the year');
  await expect(ni62.getByRole('cell', { name: '10 (provisional)', exact: true })).toBeVisible();
  const ni112 = listRow(page, 'NI 112');
  await expect(ni112).toContainText('Under 18 conception rate');
  await expect(ni112.getByRole('cell', { name: '0.58 — 2007 data', exact: true })).toBeVisible();
  await expect(listRow(page, 'NI 72').getByRole('cell', { name: '54.4', exact: true })).toBeVisible();
  // The other code's family is a source to filter by.
  await expect(page.getByLabel('Source').locator('option', { hasText: 'BVPI' })).toHaveCount(1);
  expect(await axeViolations(page)).toEqual([]);

  // The section and the other code are on the KPI's page.
  await ni112.getByRole('link', { name: 'NI 112', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('NI 112: Under 18 conception rate');
  await expect(page.getByText('Other codes: BVPI 197')).toBeVisible();
  await expect(page.getByText('Other key national indicators', { exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Back to the KPIs' }).click();
  // The provisional target, in NI 62's data.
  await listRow(page, 'NI 62').getByRole('link', { name: 'NI 62', exact: true }).click();
  await page.getByRole('button', { name: 'Show data as a table' }).click();
  const data = page.getByRole('table').filter({ has: page.getByRole('rowheader', { name: '2010/11' }) });
  await expect(data.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '2010/11' }) }).first()).toContainText('9 (provisional)');
  await page.getByRole('link', { name: 'Back to the KPIs' }).click();

  // One undoable step.
  await page.getByRole('button', { name: 'Undo' }).first().click();
  await expect(listRow(page, 'NI 62')).toHaveCount(0);
  await expect(listRow(page, 'NI 112')).toHaveCount(0);
  await expect(listRow(page, 'NI 72')).toContainText('53.7 (provisional)');
});

test('once the pasted text is edited, the text is read', async ({ page }) => {
  await openApp(page, '?page=kpis&paste=1');
  await pasteInto(page, HTML, TEXT);
  const status = page.getByRole('status').filter({ hasText: 'Read from the table as it was copied' });
  await expect(status).toBeVisible();
  const box = page.getByLabel('KPI table');
  await box.fill((await box.inputValue()).replace('54.4', '54.5'));
  await expect(status).toHaveCount(0);
  await page.getByRole('button', { name: 'Preview' }).click();
  // Read as text, the Word cell of two paragraphs is two rows.
  await expect(page.getByRole('listitem').filter({ hasText: 'NI 62: placements in the year' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'NI 72' })).toContainText('2009/10 actual: 53.7 (provisional) → 54.5');
});

test('a paste of plain text alone is left to the box and read as text', async ({ page }) => {
  await openApp(page, '?page=kpis&paste=1');
  const box = page.getByLabel('KPI table');
  await box.fill('Code\tTitle\tMK 2009/10\n');
  await pasteInto(page, '', 'ignored by the handler');
  await expect(page.getByRole('status').filter({ hasText: 'Read from the table as it was copied' })).toHaveCount(0);
  // A synthetic paste inserts nothing: the box is as typed.
  await expect(box).toHaveValue('Code\tTitle\tMK 2009/10\n');
});

test('a KPI with no code, and one with a long code, keep to the Code column', async ({ page }) => {
  const longCode = 'LOCAL-CHILDREN-SOCIAL-CARE-MEASURE-00042';
  expect(longCode).toHaveLength(40);
  await openApp(page, '?page=kpis&edit=1');
  await page.getByLabel('Code', { exact: true }).fill(longCode);
  await page.getByLabel(/^Title/).fill('Long coded local measure');
  await page.getByRole('button', { name: 'Save KPI' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${longCode}: Long coded local measure`);
  await page.getByRole('link', { name: 'Back to the KPIs' }).click();
  const table = page.getByRole('table', { name: /KPIs/ });
  await expect(table).toBeVisible();

  const codeless = 'No code — % White UK girls entitled to fsm achieving L4+ at KS2 in mathematics';
  const noCode = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: codeless, exact: true }) });
  await expect(noCode.getByRole('rowheader')).toHaveText(codeless);
  await expect(noCode.locator('.no-code')).toHaveText('No code');
  const long = listRow(page, longCode);
  await expect(long).toBeVisible();

  for (const row of [noCode, long]) {
    const boxes = await row.evaluate((tr) => {
      const th = tr.querySelector('th');
      const title = tr.querySelector('td.col-title');
      // The text on screen (not the title kept for screen readers).
      let right = 0;
      const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.parentElement.closest('.visually-hidden')) continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        for (const r of range.getClientRects()) right = Math.max(right, r.right);
      }
      const text = { right };
      const t = title.getBoundingClientRect();
      const h = th.getBoundingClientRect();
      return { textRight: text.right, thRight: h.right, titleLeft: t.left, overflow: th.scrollWidth - th.clientWidth };
    });
    // Neither the code's text nor its cell runs into the Title cell.
    expect(boxes.textRight).toBeLessThanOrEqual(boxes.titleLeft);
    expect(boxes.thRight).toBeLessThanOrEqual(boxes.titleLeft + 0.5);
    expect(boxes.overflow).toBeLessThanOrEqual(0);
  }
  // The long code wraps: its text is on more than one line.
  const lines = await long.getByRole('rowheader').evaluate((th) => {
    const range = document.createRange();
    range.selectNodeContents(th.querySelector('a'));
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  });
  expect(lines).toBeGreaterThan(1);
  expect(await axeViolations(page)).toEqual([]);
});
