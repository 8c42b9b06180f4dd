// Partners' updates by file: two browser contexts play the coordinator and a
// partner. Ask → file → the partner opens it (as a new plan), updates, sends it
// back → the coordinator, who has edited meanwhile, merges: both sets of changes
// on screen, one conflict decided each way, Undo restores the pre-merge plan, and
// who changed what is on record.
import { readFileSync } from 'node:fs';
import { test, expect, openApp, axeViolations, markChosen } from './fixtures.mjs';

test.use({ actionTimeout: 15_000 });

const YEAR = new Date().getFullYear() + 1;
const ORG = "Milton Keynes Council — Children and Young People's Services";

const actionRow = (page, ref) =>
  page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${ref.replace(/[.()]/g, '\\$&')}\\b`) }) });

async function editTitle(page, ref, title) {
  await page.getByRole('button', { name: `Edit action ${ref}` }).click();
  await page.getByRole('textbox', { name: /^Title( \(required\))?$/ }).fill(title);
  await page.getByRole('button', { name: 'Save action' }).click();
  await expect(actionRow(page, ref)).toContainText(title);
}

async function importFile(page, name, text) {
  await page.getByLabel('Import plan').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

async function saveName(page, label, name, button = 'Save name') {
  await page.getByLabel(label).fill(name);
  await page.getByRole('button', { name: button, exact: true }).click();
}

test('ask, update, send back and merge: nothing lost, conflicts decided, undo, who changed what', async ({ page, browser, baseURL }) => {
  test.setTimeout(90_000);
  const coord = page;
  // ------------------------------------------------------------ the ask
  await openApp(coord, '?page=files');
  await saveName(coord, 'Your name', 'Sam Coordinator');
  await expect(coord.getByText('Changes made on this device are signed “Sam Coordinator”.')).toBeVisible();
  await coord.getByRole('link', { name: 'Ask for updates' }).click();
  await expect(coord.getByRole('heading', { level: 1, name: 'Ask for updates' })).toBeVisible();
  // Nothing is chosen: saving says what to choose.
  await coord.getByRole('button', { name: 'Save the file' }).click();
  await expect(coord.getByRole('alert')).toContainText('Choose who the updates are for');
  await coord.getByLabel('A partner organisation').check();
  await coord.getByRole('textbox', { name: /^Partner organisation/ }).fill('PDWB');
  await expect(coord.locator('.ask-summary')).toHaveText('The file will ask PDWB about 7 actions and 4 KPIs.');
  await coord.getByRole('textbox', { name: /^Name on the file/ }).fill('Health');
  await expect(coord.locator('.ask-summary')).toHaveText('The file will ask Health about 7 actions and 4 KPIs.');
  const wanted = coord.getByRole('group', { name: 'Wanted by' });
  await wanted.getByLabel('Day').fill('15');
  await wanted.getByLabel('Month').fill('12');
  await wanted.getByLabel('Year').fill(String(YEAR));
  expect(await axeViolations(coord)).toEqual([]);
  const [asked] = await Promise.all([coord.waitForEvent('download'), coord.getByRole('button', { name: 'Save the file' }).click()]);
  expect(asked.suggestedFilename()).toBe(`cyps-performance-improvement-plan-updates-for-health-${YEAR}-12-15.json`);
  await expect(coord.locator('#ask-result')).toContainText('Sent to Health for updates');
  const askedText = readFileSync(await asked.path(), 'utf8');
  const askedFile = JSON.parse(askedText);
  expect(askedFile.plan.exchange.request.for_whom).toBe('Health');
  expect(askedFile.plan.exchange.request.part).toBe(true);
  expect(askedFile.plan.exchange.sent_by).toBe('Sam Coordinator');
  expect(askedFile.plan.priorities.flatMap((p) => [...p.actions, ...p.outcomes.flatMap((o) => o.actions)]).map((a) => a.reference).sort())
    .toEqual(['4.1.1', '4.1.2', '4.1.3', '4.1.4', '4.2.3', '4.2.4', '4.3.7']);
  // The base is in the library.
  await coord.getByRole('link', { name: 'Files', exact: true }).click();
  await expect(coord.getByRole('table', { name: 'Plan library' })).toContainText('Sent for updates');

  // --------------------------------------------- the coordinator edits meanwhile
  await coord.getByRole('link', { name: 'Plan', exact: true }).click();
  await editTitle(coord, '1.1', 'Coordinator: raise the profile of the plan');
  await editTitle(coord, '4.1.2', 'Coordinator wording for 4.1.2');
  await editTitle(coord, '4.1.3', 'Coordinator wording for 4.1.3');

  // ------------------------------------------------------- the partner's side
  const partnerContext = await browser.newContext({ baseURL });
  await markChosen(partnerContext);
  const partner = await partnerContext.newPage();
  const partnerErrors = [];
  partner.on('pageerror', (e) => partnerErrors.push(e.message));
  await openApp(partner, '?page=files');
  await importFile(partner, asked.suggestedFilename(), askedText);
  const preview = partner.getByRole('heading', { name: /^Preview of/ }).locator('..');
  await expect(preview).toContainText(`Updates asked for by ${ORG} by 15 December ${YEAR}: your 7 actions and 4 KPIs`);
  // Its default is to open as a plan of its own: the first button.
  await expect(preview.getByRole('button').first()).toHaveText('Open as a new plan');
  await preview.getByRole('button', { name: 'Open as a new plan' }).click();
  const banner = partner.getByRole('region', { name: 'Updates asked for' });
  await expect(banner).toContainText(`your 7 actions and 4 KPIs`);
  await saveName(partner, 'Your name, for the log', 'Priya (PDWB)', 'Save my name');
  await expect(banner.getByLabel('Your name, for the log')).toHaveCount(0);
  expect(await axeViolations(partner)).toEqual([]);
  await banner.getByRole('link', { name: 'Show only my actions' }).click();
  await expect(partner.getByLabel('Only the actions asked of me')).toBeChecked();
  await expect(partner.getByRole('button', { name: /^Edit action / })).toHaveCount(7);
  await partner.getByRole('button', { name: 'Add a progress update to action 4.1.4' }).click();
  await partner.getByLabel('Amber').check();
  await partner.getByLabel('Reason for the RAG').fill('Amber because the schools survey is late');
  await partner.getByRole('textbox', { name: /^Commentary/ }).fill('Survey goes out in January.');
  await expect(partner.getByRole('textbox', { name: /^Author/ })).toHaveValue('Priya (PDWB)');
  await partner.getByRole('button', { name: 'Add update' }).click();
  await expect(actionRow(partner, '4.1.4')).toContainText('Survey goes out in January.');
  await expect(actionRow(partner, '4.1.4')).toContainText('Priya (PDWB)');
  await editTitle(partner, '4.1.2', 'Partner wording for 4.1.2');
  await editTitle(partner, '4.1.3', 'Partner wording for 4.1.3');
  const [back] = await Promise.all([partner.waitForEvent('download'), banner.getByRole('button', { name: 'Send my updates back' }).click()]);
  const today = new Date().toISOString().slice(0, 10);
  expect(back.suggestedFilename()).toBe(`cyps-performance-improvement-plan-updates-from-priya-pdwb-${today}.json`);
  const backText = readFileSync(await back.path(), 'utf8');
  expect(JSON.parse(backText).plan.exchange.sent_by).toBe('Priya (PDWB)');
  expect(partnerErrors).toEqual([]);
  await partnerContext.close();

  // ---------------------------------------------------------------- the merge
  await coord.getByRole('link', { name: 'Files', exact: true }).click();
  await importFile(coord, back.suggestedFilename(), backText);
  await coord.getByRole('button', { name: 'Merge changes' }).click();
  const review = coord.getByRole('region', { name: 'Merge changes from Priya (PDWB)' });
  await expect(review).toContainText('1 change from Priya (PDWB); 2 conflicts to decide');
  await expect(review).toContainText('Merged against the version it was made from, “Sent to Health for updates');
  await expect(review).toContainText('Action 4.1.4');
  const c1 = review.getByRole('group', { name: 'Action 4.1.2: title' });
  const c2 = review.getByRole('group', { name: 'Action 4.1.3: title' });
  await expect(c1).toContainText('You: ');
  await expect(c1).toContainText('Coordinator wording for 4.1.2');
  await expect(c1).toContainText('Priya (PDWB): ');
  await expect(c1).toContainText('Partner wording for 4.1.2');
  // Nothing is chosen silently.
  await expect(c1.getByRole('radio').first()).not.toBeChecked();
  await expect(c1.getByRole('radio').last()).not.toBeChecked();
  await review.getByRole('button', { name: 'Merge with my choices' }).click();
  await expect(review.getByRole('alert')).toContainText('Choose which version to keep for each of the 2 conflicts marked below.');
  expect(await axeViolations(coord)).toEqual([]);
  await c1.getByLabel(/^You: /).check();
  await c2.getByLabel(/^Priya \(PDWB\): /).check();
  await review.getByRole('button', { name: 'Merge with my choices' }).click();
  await expect(coord.getByText('Merged the updates from Priya (PDWB)')).toBeVisible();

  await coord.getByRole('link', { name: 'Plan', exact: true }).click();
  await expect(actionRow(coord, '1.1')).toContainText('Coordinator: raise the profile of the plan');
  await expect(actionRow(coord, '4.1.2')).toContainText('Coordinator wording for 4.1.2');
  await expect(actionRow(coord, '4.1.3')).toContainText('Partner wording for 4.1.3');
  await expect(actionRow(coord, '4.1.4')).toContainText('Survey goes out in January.');
  await expect(actionRow(coord, '4.1.4')).toContainText('Priya (PDWB)');
  // The coordinator's plan carries no request: no partner banner.
  await expect(coord.getByRole('region', { name: 'Updates asked for' })).toHaveCount(0);
  // Each action says who changed it last.
  await coord.getByRole('button', { name: 'Edit action 4.1.3' }).click();
  await expect(coord.locator('.edit-form .lede')).toHaveText(/^Last changed by Priya \(PDWB\) on \d+ \w+ \d{4} at \d\d:\d\d UTC$/);
  await coord.getByRole('button', { name: 'Cancel' }).click();
  await coord.getByRole('button', { name: 'Edit action 1.1' }).click();
  await expect(coord.locator('.edit-form .lede')).toHaveText(/^Last changed by Sam Coordinator on /);
  await coord.getByRole('button', { name: 'Cancel' }).click();

  // Undo restores the plan as it was before the merge.
  await coord.getByRole('link', { name: 'Plan', exact: true }).click();
  await coord.getByRole('button', { name: 'Undo' }).first().click();
  await expect(actionRow(coord, '4.1.3')).toContainText('Coordinator wording for 4.1.3');
  await expect(actionRow(coord, '4.1.4')).not.toContainText('Survey goes out in January.');
  await expect(actionRow(coord, '1.1')).toContainText('Coordinator: raise the profile of the plan');
  await coord.getByRole('button', { name: 'Redo' }).first().click();
  await expect(actionRow(coord, '4.1.3')).toContainText('Partner wording for 4.1.3');
  await expect(coord.getByRole('status').filter({ hasText: /Saved at/ })).toBeVisible();

  // Who changed what: the Changes report.
  await openApp(coord, `?page=reports&report=changes&since=${today}`);
  const changes = coord.getByRole('table');
  await expect(changes.getByRole('row').filter({ hasText: 'Action 4.1.3' })).toContainText('Priya (PDWB)');
  await expect(changes.getByRole('row').filter({ hasText: 'Action 4.1.2' })).toContainText('Sam Coordinator');
  await expect(changes.getByRole('row').filter({ hasText: 'Action 1.1' })).toContainText('Sam Coordinator');
  await expect(changes.getByRole('row').filter({ hasText: 'Action 4.1.4: progress update' })).toContainText('Priya (PDWB)');
  expect(await axeViolations(coord)).toEqual([]);

});

test('a file of the same plan with no base in the library merges two-way, every difference a choice', async ({ page }) => {
  await openApp(page, '?page=files');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('main').getByRole('button', { name: 'Export plan' }).click()]);
  const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
  const a = file.plan.priorities[0].actions.find((x) => x.reference === '1.2');
  a.title = 'Their title for 1.2';
  await importFile(page, 'older.json', JSON.stringify(file));
  await page.getByRole('button', { name: 'Merge changes' }).click();
  const review = page.getByRole('region', { name: 'Merge changes from older.json' });
  await expect(review).toContainText('cannot tell which side changed what');
  await expect(review).toContainText('1 conflict to decide');
  const g = review.getByRole('group', { name: 'Action 1.2: title' });
  await g.getByLabel(/^older\.json: /).check();
  await review.getByRole('button', { name: 'Merge with my choices' }).click();
  await expect(page.getByText('Merged the updates from older.json')).toBeVisible();
  await page.getByRole('link', { name: 'Plan', exact: true }).click();
  await expect(actionRow(page, '1.2')).toContainText('Their title for 1.2');
  // A backup of the plan before the merge is in the library.
  await page.getByRole('link', { name: 'Files', exact: true }).click();
  await expect(page.getByRole('table', { name: 'Plan library' })).toContainText('Before merging updates from older.json');
});
