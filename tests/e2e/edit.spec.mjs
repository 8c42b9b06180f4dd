// Editing the plan through the forms: create, edit, delete, validation, autosave,
// undo/redo, storage faults and two tabs racing on one plan.
import { readFileSync } from 'node:fs';
import { test, expect, openApp, axeViolations, storedPlanText, examplePlan, actionsOf } from './fixtures.mjs';

const actionRow = (page, ref) =>
  page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${ref.replace(/[.()]/g, '\\$&')}\\b`) }) });

const stored = storedPlanText;

test('add, edit and delete an action through the forms, and it survives a reload', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Add action to priority 1' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Add an action' })).toBeVisible();
  await page.getByRole('textbox', { name: /^Reference( \(required\))?$/ }).fill('1.8');
  await page.getByRole('textbox', { name: /^Title( \(required\))?$/ }).fill('Publish the quarterly performance digest');
  await page.getByLabel('Leads').fill('AD CM\nHead of Performance');
  await page.getByRole('group', { name: 'Due date' }).getByLabel('Day').fill('31');
  await page.getByRole('group', { name: 'Due date' }).getByLabel('Month').fill('3');
  await page.getByRole('group', { name: 'Due date' }).getByLabel('Year').fill('2010');
  await page.getByRole('button', { name: 'Add action' }).click();

  const row = actionRow(page, '1.8');
  await expect(row).toContainText('Publish the quarterly performance digest');
  await expect(row).toContainText('Head of Performance');
  await expect(row).toContainText('31 March 2010');
  await expect(page.getByRole('status').filter({ hasText: /Saved at/ })).toBeVisible();

  await page.reload();
  await expect(actionRow(page, '1.8')).toContainText('Publish the quarterly performance digest');

  await page.getByRole('button', { name: 'Edit action 1.8' }).click();
  await page.getByRole('textbox', { name: /^Title( \(required\))?$/ }).fill('Publish the monthly performance digest');
  await page.getByRole('button', { name: 'Save action' }).click();
  await expect(actionRow(page, '1.8')).toContainText('Publish the monthly performance digest');

  await page.getByRole('button', { name: 'Delete action 1.8' }).click();
  await expect(page.getByText('Deleted action 1.8')).toBeVisible();
  await expect(actionRow(page, '1.8')).toHaveCount(0);
  // Undo from the notice brings it back.
  await page.getByRole('button', { name: 'Undo', exact: true }).last().click();
  await expect(actionRow(page, '1.8')).toContainText('Publish the monthly performance digest');
});

test('validation: an error summary links to each field, and nothing is saved half-valid', async ({ page }) => {
  await openApp(page);
  const before = await stored(page);
  await page.getByRole('button', { name: 'Add action to priority 2' }).click();
  await page.getByRole('group', { name: 'Due date' }).getByLabel('Day').fill('31');
  await page.getByRole('group', { name: 'Due date' }).getByLabel('Month').fill('2');
  await page.getByRole('group', { name: 'Due date' }).getByLabel('Year').fill('2010');
  await page.getByRole('button', { name: 'Add action' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: /Enter a title/ })).toBeVisible();
  await expect(summary.getByRole('link', { name: /Enter a reference/ })).toBeVisible();
  await expect(summary.getByRole('link', { name: 'Due date must be a real date' })).toBeVisible();
  // The field carries its own message too.
  await expect(page.locator('#f-due-error')).toHaveText(/Due date must be a real date/);
  // The summary link moves focus to the field.
  await summary.getByRole('link', { name: /Enter a title/ }).click();
  await expect(page.getByRole('textbox', { name: /^Title( \(required\))?$/ })).toBeFocused();
  expect(await axeViolations(page)).toEqual([]);
  // Nothing was saved.
  expect(await stored(page)).toBe(before);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'CYPS Performance Improvement Plan' })).toBeVisible();
});

test('a progress update is two taps from the action and sets its RAG; editing is visible', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Add a progress update to action 1.4' }).click();
  await page.getByLabel('Amber').check();
  await page.getByLabel('Reason for the RAG').fill('Amber because the data bank build slipped a month');
  await page.getByRole('textbox', { name: /^Commentary/ }).fill('Mobilisation done; first indicators loaded.');
  await page.getByRole('button', { name: 'Add update' }).click();
  const row = actionRow(page, '1.4');
  await expect(row).toContainText('Amber');
  await expect(row).toContainText('first indicators loaded');
  // Edit the entry: it shows that it was edited.
  await page.getByRole('button', { name: 'Edit action 1.4' }).click();
  const log = page.getByRole('region', { name: 'Progress log' });
  await log.getByRole('listitem').filter({ hasText: 'first indicators loaded' }).getByRole('button', { name: 'Edit this entry' }).click();
  await page.getByRole('textbox', { name: /^Commentary/ }).fill('Mobilisation done; first 20 indicators loaded.');
  await page.getByRole('button', { name: 'Save entry' }).click();
  await page.getByRole('button', { name: 'Edit action 1.4' }).click();
  await expect(page.getByRole('region', { name: 'Progress log' })).toContainText(/Edited on/);
});

test('undo and redo with buttons and keyboard across kinds of edit', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Delete action 1.2' }).click();
  await expect(actionRow(page, '1.2')).toHaveCount(0);
  await page.getByRole('button', { name: 'Move action 1.4 up' }).click();
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(actionRow(page, '1.2')).toHaveCount(1);
  await page.keyboard.press('Control+Shift+z');
  await expect(actionRow(page, '1.2')).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo', exact: true }).first().click();
  await expect(actionRow(page, '1.2')).toHaveCount(1);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(actionRow(page, '1.2')).toHaveCount(0);
});

test('edit plan details and a priority; create a register risk shown on the grid', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Edit plan details' }).click();
  await page.getByRole('textbox', { name: /^Title( \(required\))?$/ }).fill('CYPS Improvement Plan 2009–10');
  await page.getByRole('button', { name: 'Save plan details' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'CYPS Improvement Plan 2009–10' })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('CYPS Improvement Plan 2009–10');

  await page.getByRole('button', { name: 'Edit priority 3' }).click();
  await page.getByRole('textbox', { name: /^Title( \(required\))?$/ }).fill('Ensure all stakeholders are fully engaged');
  await page.getByRole('button', { name: 'Save priority' }).click();
  await expect(page.getByRole('heading', { name: 'Priority 3: Ensure all stakeholders are fully engaged' })).toBeVisible();

  await page.getByRole('button', { name: 'Add a risk to the register' }).click();
  await page.getByRole('textbox', { name: /^Risk( \(required\))?$/ }).fill('Loss of grant funding for the data team');
  await page.getByLabel('Likelihood').selectOption('4');
  await page.getByLabel('Impact').selectOption('5');
  await expect(page.getByText('Score: 20 out of 25')).toBeVisible();
  await page.getByRole('button', { name: 'Add risk' }).click();
  const register = page.getByRole('table', { name: 'Risk register' });
  await expect(register).toContainText('Loss of grant funding');
  await expect(register).toContainText('20');
  await expect(register).toContainText('Red');
  await expect(page.getByRole('table', { name: /Risks by likelihood/ })).toContainText('R1');
});

test('the plan survives storage being full: a warning, and a copy to download', async ({ page }) => {
  await page.addInitScript(() => {
    const real = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if ((k.startsWith('waymark.c.') || k === 'waymark.plan.v2') && window.__full) throw new DOMException('full', 'QuotaExceededError');
      return real.call(this, k, v);
    };
  });
  await openApp(page);
  await page.evaluate(() => { window.__full = true; });
  await page.getByRole('button', { name: 'Delete action 1.3' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'not being saved' });
  await expect(alert).toContainText('storage for Waymark is full');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    alert.getByRole('button', { name: 'Download a copy' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^cyps-performance-improvement-plan-\d{4}-\d{2}-\d{2}\.json$/);
  // The plan in memory still has the change.
  await expect(actionRow(page, '1.3')).toHaveCount(0);
});

test('unreadable stored data: the app starts, keeps it, and offers a download and a fresh start', async ({ page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('waymark.plan', '{"format":"waymark-plan","format_version":1,"plan":{"priorities":[{');
      sessionStorage.setItem('seeded', '1');
    }
  });
  await openApp(page);
  const alert = page.getByRole('alert').filter({ hasText: 'could not be read' });
  await expect(alert).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'CYPS Performance Improvement Plan' })).toBeVisible();
  // An edit does not overwrite the unreadable data: the save runs, and refuses.
  await page.getByRole('button', { name: 'Delete action 1.3' }).click();
  await expect(page.getByText('Not saved: the plan stored in this browser could not be read, and is kept until you choose what to do')).toBeVisible();
  expect(await stored(page)).toBe('{"format":"waymark-plan","format_version":1,"plan":{"priorities":[{');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    alert.getByRole('button', { name: 'Download the saved data' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^waymark-unreadable-/);
  await alert.getByRole('button', { name: 'Start an empty plan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Untitled plan' })).toBeVisible();
  await expect.poll(async () => (await stored(page))?.includes('Untitled plan')).toBe(true);
});

/** The title of the action `ref` in a plan file's text (undefined when nothing is stored yet). */
function titleIn(text, ref) {
  if (text === null) return undefined;
  const plan = JSON.parse(text).plan;
  const acts = plan.priorities.flatMap((p) => [...p.actions, ...p.outcomes.flatMap((o) => o.actions)]);
  return acts.find((a) => a.reference === ref)?.title;
}

/** Opens action `ref`'s Edit form and types a new title, without saving. */
async function startRetitle(page, ref, title) {
  await page.getByRole('button', { name: `Edit action ${ref}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Edit action ${ref}` })).toBeVisible();
  await page.getByRole('textbox', { name: /^Title( \(required\))?$/ }).fill(title);
}

/** Changes action `ref`'s title through its Edit form. */
async function retitle(page, ref, title) {
  await startRetitle(page, ref, title);
  await page.getByRole('button', { name: 'Save action' }).click();
  await expect(actionRow(page, ref)).toContainText(title);
}

const FOLLOWED = 'This plan was changed in another tab or window; this page now shows those changes.';
const CONFLICT = 'This plan was changed in another tab or window.';
const exampleTitle = (ref) => actionsOf(examplePlan().plan).find((x) => x.reference === ref).title;
const [TITLE_12, TITLE_15] = [exampleTitle('1.2'), exampleTitle('1.5')];

test('two tabs editing one after the other: each takes the other\'s save, and neither edit is lost', async ({ page: a, context }) => {
  await openApp(a);
  const b = await context.newPage();
  await openApp(b);
  await retitle(a, '1.2', 'Edited in tab A');
  await expect.poll(async () => titleIn(await stored(a), '1.2')).toBe('Edited in tab A');
  // B had no unsaved edits: it shows A's save, and says so.
  await expect(b.getByRole('status').filter({ hasText: FOLLOWED })).toBeVisible();
  await expect(actionRow(b, '1.2')).toContainText('Edited in tab A');

  await retitle(b, '1.5', 'Edited in tab B');
  await expect.poll(async () => titleIn(await stored(b), '1.5')).toBe('Edited in tab B');
  await expect(a.getByRole('status').filter({ hasText: FOLLOWED })).toBeVisible();

  // Both tabs and storage hold both edits; no one was warned of a conflict.
  const saved = await stored(a);
  expect([titleIn(saved, '1.2'), titleIn(saved, '1.5')]).toEqual(['Edited in tab A', 'Edited in tab B']);
  for (const p of [a, b]) {
    await expect(actionRow(p, '1.2')).toContainText('Edited in tab A');
    await expect(actionRow(p, '1.5')).toContainText('Edited in tab B');
    await expect(p.getByRole('alert').filter({ hasText: CONFLICT })).toHaveCount(0);
  }
  await b.close();
  await a.reload();
  await expect(actionRow(a, '1.2')).toContainText('Edited in tab A');
  await expect(actionRow(a, '1.5')).toContainText('Edited in tab B');
});

/**
 * Two pages of one browser context (one local storage) on the same plan; each
 * saves an edit of a different action before either edit is written. The
 * context's clock is paused for that moment, so neither autosave timer can fire;
 * then tab A is reloaded, and its pagehide handler saves A's edit at once while
 * B's edit is still unsaved. Returns tab B once it shows the conflict, with the
 * clock running again.
 */
async function bothEditBeforeEitherSaves(context, a) {
  await context.clock.install();
  await openApp(a);
  const b = await context.newPage();
  await openApp(b);
  const before = await stored(a);
  await startRetitle(a, '1.2', 'Edited in tab A');
  await startRetitle(b, '1.5', 'Edited in tab B');
  await context.clock.pauseAt(Date.now() + 2000);
  await a.getByRole('button', { name: 'Save action' }).click();
  await b.getByRole('button', { name: 'Save action' }).click();
  await expect(actionRow(a, '1.2')).toContainText('Edited in tab A');
  await expect(actionRow(b, '1.5')).toContainText('Edited in tab B');
  // Neither is saved yet.
  expect(await stored(a)).toBe(before);
  await a.reload();
  await expect.poll(async () => titleIn(await stored(b), '1.2')).toBe('Edited in tab A');
  const banner = b.getByRole('alert').filter({ hasText: CONFLICT });
  await expect(banner).toBeVisible();
  await context.clock.resume();
  // B's own autosave, when its time comes, refuses to write over A's save.
  await expect(b.getByText('Not saved: this plan was changed in another tab')).toBeVisible();
  const saved = await stored(b);
  expect([titleIn(saved, '1.2'), titleIn(saved, '1.5')]).toEqual(['Edited in tab A', TITLE_15]);
  // Each tab still shows its own edit, and A (reloaded) has no warning.
  await expect(actionRow(a, '1.2')).toContainText('Edited in tab A');
  await expect(actionRow(b, '1.5')).toContainText('Edited in tab B');
  await expect(actionRow(b, '1.2')).toContainText(TITLE_12);
  await expect(a.getByRole('alert').filter({ hasText: CONFLICT })).toHaveCount(0);
  return { b, banner };
}

test('two tabs editing at once: "Keep my version" writes mine, and the other tab is told and shows it', async ({ page: a, context }) => {
  const { b, banner } = await bothEditBeforeEitherSaves(context, a);
  await banner.getByRole('button', { name: 'Keep my version' }).click();
  await expect(banner).toHaveCount(0);
  await expect.poll(async () => titleIn(await stored(b), '1.5')).toBe('Edited in tab B');
  await expect(b.getByRole('status').filter({ hasText: /Saved at/ })).toBeVisible();
  // B's version replaces A's, as the banner said it would ("keep yours (it replaces
  // the other version)"): A's edit is not in it.
  expect(titleIn(await stored(b), '1.2')).toBe(TITLE_12);
  // A had no unsaved edits: it follows B's save and says so.
  await expect(a.getByRole('status').filter({ hasText: FOLLOWED })).toBeVisible();
  await expect(actionRow(a, '1.5')).toContainText('Edited in tab B');
  await expect(actionRow(a, '1.2')).toContainText(TITLE_12);
  await expect(a.getByRole('alert').filter({ hasText: CONFLICT })).toHaveCount(0);
  await b.close();
});

test('two tabs editing at once: "Load the other version" shows the other tab\'s save, and mine can be downloaded first', async ({ page: a, context }) => {
  const { b, banner } = await bothEditBeforeEitherSaves(context, a);
  const savedByA = await stored(a);
  // My unsaved edit is not lost unseen: it can be downloaded before it is dropped.
  const [download] = await Promise.all([
    b.waitForEvent('download'),
    banner.getByRole('button', { name: 'Download my version' }).click(),
  ]);
  const mine = readFileSync(await download.path(), 'utf8');
  expect([titleIn(mine, '1.2'), titleIn(mine, '1.5')]).toEqual([TITLE_12, 'Edited in tab B']);
  await banner.getByRole('button', { name: 'Load the other version' }).click();
  await expect(banner).toHaveCount(0);
  await expect(b.getByRole('status').filter({ hasText: 'Loaded the version saved in the other tab.' })).toBeVisible();
  await expect(actionRow(b, '1.2')).toContainText('Edited in tab A');
  await expect(actionRow(b, '1.5')).toContainText(TITLE_15);
  // Loading writes nothing, then or at the next save time (a save waits up to a
  // second): storage and tab A still hold A's edit.
  await b.waitForTimeout(1500);
  expect(await stored(b)).toBe(savedByA);
  await expect(actionRow(a, '1.2')).toContainText('Edited in tab A');
  await b.close();
});

test('filters show in the URL and a filtered view can be opened from a link', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Search actions').fill('SERCO');
  await expect(page).toHaveURL(/[?&]q=SERCO/);
  await expect(page.getByText(/actions? match/)).toBeVisible();
  const results = page.getByRole('table', { name: 'Matching actions' });
  await expect(results.getByRole('rowheader', { name: '1.4' })).toBeVisible();
  await page.getByLabel('Lead', { exact: true }).selectOption('DCS');
  await expect(page).toHaveURL(/lead=DCS/);
  // Open the same view from the link.
  const url = page.url();
  const fresh = await page.context().newPage();
  await fresh.goto(url);
  await expect(fresh.getByLabel('Search actions')).toHaveValue('SERCO');
  await expect(fresh.getByRole('table', { name: 'Matching actions' })).toBeVisible();
  await fresh.close();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'CYPS Performance Improvement Plan' })).toBeVisible();
  // RAG filter.
  await page.getByLabel('RAG', { exact: true }).selectOption('green');
  await expect(page.getByRole('table', { name: 'Matching actions' }).getByRole('rowheader', { name: '1.5' })).toBeVisible();
});

test('forms have no accessibility violations', async ({ page }) => {
  // Five forms, each checked by axe-core: slow on a busy machine.
  test.setTimeout(90_000);
  for (const q of ['?page=plan&edit=details', '?page=plan&edit=action&id=a-1.1', '?page=plan&edit=update&action=a-1.1', '?page=plan&edit=risk', '?page=plan&edit=priority&id=p1']) {
    await openApp(page, q);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await axeViolations(page), q).toEqual([]);
  }
});

test('forms work at phone and tablet widths with touch-sized controls', async ({ page }) => {
  for (const size of [{ width: 390, height: 844 }, { width: 768, height: 1024 }]) {
    await page.setViewportSize(size);
    await openApp(page, '?page=plan&edit=action&id=a-1.1');
    await expect(page.getByRole('heading', { level: 1, name: 'Edit action 1.1' })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `no sideways scrolling at ${size.width}px`).toBeLessThanOrEqual(0);
    // Every button and text box is at least 44px tall.
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('main button, main input[type=text], main select')]
        .filter((el) => el.getBoundingClientRect().height > 0 && el.getBoundingClientRect().height < 44)
        .map((el) => el.outerHTML.slice(0, 80)));
    expect(small).toEqual([]);
  }
});

test('a form open while another tab adds an action does not drop that action on save', async ({ page, context }) => {
  await openApp(page, '?page=plan&edit=priority&id=p1');
  const other = await context.newPage();
  await openApp(other);
  await other.getByRole('button', { name: 'Add action to priority 1' }).click();
  await other.getByRole('textbox', { name: /^Reference( \(required\))?$/ }).fill('1.9');
  await other.getByRole('textbox', { name: /^Title( \(required\))?$/ }).fill('Action added in the other tab');
  await other.getByRole('button', { name: 'Add action' }).click();
  await expect(other.getByRole('status').filter({ hasText: /Saved at/ })).toBeVisible();
  // This tab had no unsaved changes, so it took the other tab's save; now save the form.
  await expect(page.getByText(/changed in another tab/)).toBeVisible();
  await page.getByRole('textbox', { name: /^Title( \(required\))?$/ }).fill('Leadership and management');
  await page.getByRole('button', { name: 'Save priority' }).click();
  await expect(page.getByRole('heading', { name: 'Priority 1: Leadership and management' })).toBeVisible();
  await expect(actionRow(page, '1.9')).toContainText('Action added in the other tab');
  await other.close();
});

test('milestones added, removed and added again keep distinct ids', async ({ page }) => {
  await openApp(page, '?page=plan&edit=action&id=a-1.4');
  const add = page.getByRole('button', { name: 'Add a milestone' });
  await add.click();
  await add.click();
  await page.getByRole('button', { name: 'Remove milestone 1', exact: true }).click();
  await add.click();
  const titles = page.getByRole('textbox', { name: /^Milestone( \(required\))?$/ });
  await expect(titles).toHaveCount(2);
  await titles.nth(0).fill('Indicators agreed');
  await titles.nth(1).fill('Bank live');
  await page.getByRole('button', { name: 'Save action' }).click();
  const row = actionRow(page, '1.4');
  await expect(row).toContainText('Indicators agreed');
  await expect(row).toContainText('Bank live');
  await expect.poll(async () => (await stored(page))?.includes('Bank live')).toBe(true);
  const plan = JSON.parse(await stored(page)).plan;
  const ids = plan.priorities[0].actions.find((x) => x.reference === '1.4').milestones.map((m) => m.id);
  expect(new Set(ids).size).toBe(ids.length);
});
