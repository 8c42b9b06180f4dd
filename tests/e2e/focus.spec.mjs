// Focus where the user is (WCAG 2.4.3): each form, driven by the keyboard alone,
// takes the focus to its heading when it opens, and gives it back to the control
// that opened it on Cancel and on Save. The page title follows the view.
import { test, expect, openApp } from './fixtures.mjs';

test.describe.configure({ timeout: 60_000 });

/** Puts the keyboard focus on a control, as a user who tabbed to it would have it. */
async function reach(target) {
  await target.focus();
  await expect(target).toBeFocused();
}

/** Presses Tab until `target` has the focus (at most `max` times). */
async function tabTo(page, target, max = 400) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

/** The focused element, described: its tag and accessible name or text. */
const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    const name = (el.getAttribute('aria-label') || el.textContent || '').replace(/\s+/g, ' ').trim();
    return `${el.tagName.toLowerCase()}: ${name}`;
  });

const forms = [
  { page: '', opener: { role: 'button', name: 'Edit action 1.1' }, heading: 'Edit action 1.1', save: 'Save action' },
  { page: '', opener: { role: 'button', name: 'Add a priority' }, heading: 'Add a priority', save: null },
  { page: '', opener: { role: 'button', name: 'Edit plan details' }, heading: 'Plan details', save: 'Save plan details' },
  { page: '', opener: { role: 'button', name: 'Add a progress update to action 1.1' }, heading: /^Add a progress update to 1\.1$/, save: null },
  { page: '?page=kpis', opener: { role: 'button', name: 'Add a KPI' }, heading: 'Add a KPI', save: null },
  { page: '?page=kpis', opener: { role: 'button', name: 'Paste KPI table' }, heading: 'Paste KPI table', save: null, back: { role: 'link', name: 'Back to the KPIs' } },
];

for (const f of forms) {
  test(`keyboard: "${f.opener.name}" focuses the form's heading, and Cancel gives the focus back`, async ({ page }) => {
    await openApp(page, f.page);
    const opener = page.getByRole(f.opener.role, { name: f.opener.name, exact: true });
    await reach(opener);
    await page.keyboard.press('Enter');
    const heading = page.getByRole('heading', { level: 1, name: f.heading });
    await expect(heading).toBeFocused();
    const headingText = (await heading.textContent()).trim();
    await expect(page).toHaveTitle(new RegExp(`^${headingText.replace(/[.()]/g, '\\$&')} — `));
    const cancel = f.back
      ? page.getByRole(f.back.role, { name: f.back.name, exact: true })
      : page.getByRole('link', { name: 'Cancel', exact: true }).or(page.getByRole('button', { name: 'Cancel', exact: true })).first();
    await reach(cancel);
    await page.keyboard.press('Enter');
    await expect(heading).toHaveCount(0);
    // Focus is given back in the frame after the form closes.
    await expect.poll(() => focused(page)).toBe(`button: ${f.opener.name}`);
    await expect(page).not.toHaveTitle(new RegExp(`^${headingText.replace(/[.()]/g, '\\$&')} — `));
  });
}

for (const f of forms.filter((f) => f.save)) {
  test(`keyboard: "${f.opener.name}", then Save, gives the focus back to the opener`, async ({ page }) => {
    await openApp(page, f.page);
    const opener = page.getByRole(f.opener.role, { name: f.opener.name, exact: true });
    await reach(opener);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: f.heading })).toBeFocused();
    // The first field after the heading is reached by Tab, and takes typing.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => ['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement.tagName))).toBe(true);
    const save = page.getByRole('button', { name: f.save, exact: true });
    await reach(save);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: f.heading })).toHaveCount(0);
    // Focus is given back in the frame after the form closes.
    await expect.poll(() => focused(page)).toBe(`button: ${f.opener.name}`);
  });
}

test('keyboard: a page reached from the main navigation has the focus on its heading', async ({ page }) => {
  await openApp(page);
  const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'KPIs' });
  await tabTo(page, link);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'KPIs' })).toBeFocused();
  await expect(page).toHaveTitle(/^KPIs — /);
});

test('the browser Back button from a form gives the focus back to the opener', async ({ page }) => {
  await openApp(page);
  const opener = page.getByRole('button', { name: 'Edit action 1.2', exact: true });
  await reach(opener);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Edit action 1.2' })).toBeFocused();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit action 1.2' })).toHaveCount(0);
  await expect.poll(() => focused(page)).toBe('button: Edit action 1.2');
});
