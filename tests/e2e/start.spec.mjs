// Starting a plan: the first-run welcome on a device that has never chosen (each
// of its three choices does what it says, and it never returns once chosen), and
// "New plan" from the Files page (the plan that was open stays in the library).
import { test, expect, openApp, axeViolations, examplePlan } from './fixtures.mjs';

test.describe.configure({ timeout: 60_000 });

const EXAMPLE = 'CYPS Performance Improvement Plan';

/** The welcome dialog. */
const welcome = (page) => page.getByRole('dialog', { name: 'Welcome to Waymark' });

/** The focused element, described: its tag and text. */
const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return `${el.tagName.toLowerCase()}: ${(el.textContent || '').replace(/\s+/g, ' ').trim()}`;
  });

test.describe('on a device that has never chosen', () => {
  test.use({ firstRun: true });

  test('the welcome says what Waymark is, over the example, and only a choice dismisses it', async ({ page }) => {
    await openApp(page);
    const w = welcome(page);
    await expect(w).toBeVisible();
    await expect(w).toContainText('Waymark holds a children\'s services improvement plan');
    await expect(w).toContainText('works offline, and keeps the plan on this device');
    for (const name of ['Start your own plan', 'Look around the example', 'Open a plan file']) {
      await expect(w.getByRole('button', { name, exact: true })).toBeVisible();
    }
    // A real modal dialog: focus is in it, and the example is the open plan behind it.
    expect(await w.evaluate((d) => d.tagName === 'DIALOG' && d.open && d.matches(':modal'))).toBe(true);
    expect(await focused(page)).toBe('button: Start your own plan');
    await expect(page.locator('main h1')).toHaveText(EXAMPLE);
    await expect(page.locator('.plan-title')).toHaveText(EXAMPLE);
    // Keyboard: Tab stays among its choices; Escape does not dismiss it.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button: Look around the example');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect(w).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    // Nothing is stored until the user chooses.
    expect(await page.evaluate(() => localStorage.getItem('waymark.chosen'))).toBeNull();
  });

  test('"Look around the example" leaves the example open, and the welcome never returns', async ({ page }) => {
    await openApp(page, '?page=dashboard');
    await welcome(page).getByRole('button', { name: 'Look around the example' }).click();
    await expect(welcome(page)).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeFocused();
    await expect(page.locator('.plan-title')).toHaveText(EXAMPLE);
    expect(await page.evaluate(() => localStorage.getItem('waymark.chosen'))).toBe('example');
    for (const where of ['', '?page=kpis']) {
      await page.goto(`./${where}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('.plan-title')).toHaveText(EXAMPLE);
      await expect(welcome(page)).toHaveCount(0);
    }
  });

  test('"Start your own plan" opens the New plan form; Cancel comes back to the welcome; Create plan makes the plan', async ({ page }) => {
    await openApp(page);
    await welcome(page).getByRole('button', { name: 'Start your own plan' }).click();
    await expect(page).toHaveURL(/\?page=new/);
    await expect(page.getByRole('heading', { level: 1, name: 'New plan' })).toBeFocused();
    await expect(welcome(page)).toHaveCount(0);
    // Not chosen yet: Cancel goes back, and the welcome is still waiting.
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(welcome(page)).toBeVisible();
    expect(await focused(page)).toBe('button: Start your own plan');

    await welcome(page).getByRole('button', { name: 'Start your own plan' }).click();
    await page.getByRole('radio', { name: 'An improvement plan' }).check();
    await page.getByLabel('Title').fill('Our Improvement Plan');
    await page.getByRole('button', { name: 'Create plan' }).click();
    await expect(page).toHaveURL(/\?page=plan/);
    await expect(page.getByRole('heading', { level: 1, name: 'Our Improvement Plan' })).toBeFocused();
    await expect(page.getByRole('heading', { level: 2, name: 'Priority 1: Untitled priority' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 3, name: 'Outcome 1: Untitled outcome' })).toBeVisible();
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^1\.1\.1\b/ }) });
    await expect(row).toContainText('Untitled action');
    await expect(welcome(page)).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: /Saved at/ })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Our Improvement Plan' })).toBeVisible();
    await expect(welcome(page)).toHaveCount(0);
  });

  test('"Open a plan file" opens the chosen file; a bad file is refused inside the welcome', async ({ page }) => {
    await openApp(page);
    const open = welcome(page).getByRole('button', { name: 'Open a plan file' });
    let [chooser] = await Promise.all([page.waitForEvent('filechooser'), open.click()]);
    await chooser.setFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"not": "a plan"') });
    await expect(welcome(page).getByRole('alert')).toContainText('“notes.json” was not opened.');
    await expect(welcome(page).getByRole('alert')).toContainText('Nothing has changed.');
    await expect(page.locator('.plan-title')).toHaveText(EXAMPLE);

    const file = examplePlan();
    file.plan.id = 'plan-from-a-colleague';
    file.plan.title = 'Plan from a colleague';
    [chooser] = await Promise.all([page.waitForEvent('filechooser'), open.click()]);
    await chooser.setFiles({ name: 'colleague.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await expect(welcome(page)).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1, name: 'Plan from a colleague' })).toBeFocused();
    await expect(page.getByText('Opened “Plan from a colleague” from “colleague.json”.')).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: /Saved at/ })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Plan from a colleague' })).toBeVisible();
    await expect(welcome(page)).toHaveCount(0);
    expect(await page.evaluate(() => localStorage.getItem('waymark.chosen'))).toBe('file');
  });
});

test('"New plan" from the Files page: a service plan opens on the Plan page, and the old plan stays in the library', async ({ page }) => {
  await openApp(page, '?page=files');
  await page.getByRole('link', { name: 'New plan', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New plan' })).toBeFocused();
  await expect(page.getByRole('main')).toContainText(`The plan open now, “${EXAMPLE}”, stays in the plan library`);
  expect(await axeViolations(page)).toEqual([]);

  // Nothing chosen, no title: the errors, linked from the summary.
  await page.getByLabel('Year the plan starts').fill('');
  await page.getByRole('button', { name: 'Create plan' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveText([
    'Select how you want to start the plan',
    'Enter a title',
    'Enter the year the plan starts, for example 2026',
  ]);
  expect(await axeViolations(page)).toEqual([]);
  await summary.getByRole('link', { name: 'Select how you want to start the plan' }).click();
  await expect(page.getByRole('radio', { name: 'A blank plan' })).toBeFocused();

  await page.getByRole('radio', { name: 'A service plan' }).check();
  await page.getByLabel('Title').fill('Anytown Children’s Services Plan');
  await page.getByLabel('Organisation').fill('Anytown Council');
  await page.getByRole('radio', { name: 'Academic year (September to August)' }).check();
  await page.getByLabel('Year the plan starts').fill('2026');
  await page.getByLabel('Last year of the plan').fill('2027/28');
  await expect(page.getByText('The plan will cover 2026/27 – 2027/28, 1 September 2026 to 31 August 2028.')).toBeVisible();
  await expect(page.getByLabel('Green')).toHaveValue('On course: progress is where it should be, within the tolerances agreed for it.');
  await page.getByLabel('Amber').fill('Behind plan, but it can be recovered.');
  await page.getByRole('button', { name: 'Create plan' }).click();

  await expect(page).toHaveURL(/\?page=plan/);
  const heading = page.getByRole('heading', { level: 1, name: 'Anytown Children’s Services Plan' });
  await expect(heading).toBeFocused();
  await expect(page.getByRole('banner')).toContainText('Anytown Council');
  const main = page.getByRole('main');
  await expect(main).toContainText('2026/27 – 2027/28');
  await expect(main).toContainText('Behind plan, but it can be recovered.');
  for (const [n, group] of [[1, 'Priority service objectives'], [2, 'People'], [3, 'Places'], [4, 'Processes'], [5, 'Performance']]) {
    const section = page.getByRole('heading', { level: 2, name: `Priority ${n}: Untitled objective` });
    await expect(section).toBeVisible();
    await expect(main).toContainText(`Group: ${group}`);
  }
  await expect(page.getByRole('heading', { level: 2, name: /^Priority 6/ })).toHaveCount(0);

  // The example is in the library, and opens again (keeping the new plan there).
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Files' }).click();
  const library = page.getByRole('table', { name: 'Plan library' });
  const row = library.getByRole('row').filter({ has: page.getByRole('rowheader', { name: EXAMPLE, exact: true }) });
  await expect(row).toContainText('Plan');
  await row.getByRole('button', { name: `Open ${EXAMPLE}` }).click();
  await expect(page.locator('.plan-title')).toHaveText(EXAMPLE);
  await expect(library.getByRole('rowheader', { name: 'Anytown Children’s Services Plan', exact: true })).toBeVisible();
});

test('a copy of the example is a plan of its own, beside the example in the library', async ({ page }) => {
  await openApp(page, '?page=new');
  await page.getByRole('radio', { name: 'A copy of the example plan' }).check();
  await expect(page.getByLabel('Title')).toHaveValue(`Copy of ${EXAMPLE}`);
  await expect(page.getByLabel('Year the plan starts')).toHaveCount(0);
  await page.getByRole('button', { name: 'Create plan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Copy of ${EXAMPLE}` })).toBeFocused();
  await expect(page.getByRole('heading', { level: 2, name: /Priority 4: Establish a clear and shared direction/ })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Files' }).click();
  await expect(page.getByRole('table', { name: 'Plan library' }).getByRole('rowheader', { name: EXAMPLE, exact: true })).toBeVisible();
  // A different plan (its own id): the example's file is not a version of it.
  await page.getByLabel('Import plan').setInputFiles({ name: 'example.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(examplePlan())) });
  await expect(page.getByText('This is a different plan from the one open.')).toBeVisible();
});
