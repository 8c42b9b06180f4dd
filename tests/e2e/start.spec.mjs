// Starting a plan: the first-run welcome on a device that has never chosen (each
// of its three choices does what it says, and it never returns once chosen), and
// "New plan" from the Files page (the plan that was open stays in the library).
// The example plan is a file the app fetches: when it cannot be loaded, the
// welcome, the banner or the New plan page says why, and the other ways in work.
import { test, expect, openApp, axeViolations, examplePlan, storedPlanText } from './fixtures.mjs';

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

  test('while the example plan is on its way, the loading note stays: no empty plan is drawn, nothing shifts', async ({ page }) => {
    let release;
    const held = new Promise((r) => { release = r; });
    await page.route('**/example-plan.json', async (route) => { await held; await route.continue(); });
    // Every title the header shows, and every layout shift, from the first paint.
    await page.addInitScript(() => {
      window.__titles = [];
      window.__shifts = 0;
      new MutationObserver(() => {
        const t = document.querySelector('.plan-title');
        if (t && window.__titles[window.__titles.length - 1] !== t.textContent) window.__titles.push(t.textContent);
      }).observe(document, { subtree: true, childList: true, characterData: true });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const asked = page.waitForRequest((r) => r.url().endsWith('/example-plan.json'));
    await page.goto('./');
    await asked;
    await expect(page.locator('#boot').getByRole('status')).toHaveText('Opening Waymark…');
    await expect(page.locator('.plan-title')).toHaveCount(0);
    release();
    await expect(welcome(page)).toBeVisible();
    await expect(page.locator('.plan-title')).toHaveText(EXAMPLE);
    await expect(page.locator('#boot')).toHaveCount(0);
    expect(await page.evaluate(() => window.__titles)).toEqual([EXAMPLE]);
    expect(await page.evaluate(() => PerformanceObserver.supportedEntryTypes.includes('layout-shift'))).toBe(true);
    expect(await page.evaluate(() => window.__shifts)).toBe(0);
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

/**
 * Answers the page's requests for the example plan file as `answer()` says: a
 * response to fulfil, or null to let the request through to the server.
 */
async function exampleFile(page, answer) {
  await page.route('**/example-plan.json', (route) => {
    const a = answer();
    return a ? route.fulfill(a) : route.continue();
  });
}
const SERVER_ERROR = { status: 500, contentType: 'text/plain', body: 'Internal Server Error' };

test.describe('when the example plan cannot be loaded', () => {
  // The page's own requests are answered here: no service worker in between.
  test.use({ serviceWorkers: 'block' });

  test.describe('at the first run', () => {
    test.use({ firstRun: true });

    test('the welcome says why, an empty plan is behind it, and "Start your own plan" works', async ({ page }) => {
      await exampleFile(page, () => SERVER_ERROR);
      await openApp(page);
      const w = welcome(page);
      await expect(w).toBeVisible();
      const problem = w.getByRole('alert');
      await expect(problem.getByRole('heading', { name: 'The example plan is not available' })).toBeVisible();
      await expect(problem).toContainText('The example plan could not be loaded: the site Waymark comes from answered with an error (HTTP 500).');
      await expect(problem).toContainText('You can still start your own plan or open a plan file.');
      // Part of what the dialog says when it opens, read before the choices.
      expect(await w.getAttribute('aria-describedby')).toBe('welcome-about welcome-example-problem');
      expect(await focused(page)).toBe('button: Start your own plan');
      await expect(page.locator('.plan-title')).toHaveText('Untitled plan');
      await expect(page.locator('main h1')).toHaveText('Untitled plan');
      expect(await axeViolations(page)).toEqual([]);

      // "Look around the example" tries again, and says so when it fails again.
      await w.getByRole('button', { name: 'Look around the example' }).click();
      await expect(problem.getByRole('heading', { name: 'The example plan is still not available' })).toBeVisible();
      await expect(w).toBeVisible();
      expect(await page.evaluate(() => localStorage.getItem('waymark.chosen'))).toBeNull();

      await w.getByRole('button', { name: 'Start your own plan' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'New plan' })).toBeFocused();
      // The empty plan is nobody's: it is not offered a place in the library.
      await expect(page.locator('.lede')).toHaveText('Start a plan of your own.');
      await page.getByRole('radio', { name: 'A blank plan' }).check();
      await page.getByLabel('Title').fill('Our plan');
      await page.getByRole('button', { name: 'Create plan' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Our plan' })).toBeFocused();
      await expect(page.getByText('Started “Our plan”.', { exact: true })).toBeVisible();
      await expect(welcome(page)).toHaveCount(0);
      await expect(page.getByRole('status').filter({ hasText: /Saved at/ })).toBeVisible();
      expect(await page.evaluate(() => localStorage.getItem('waymark.chosen'))).toBe('new');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Files' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Files' })).toBeVisible();
      await expect(page.getByRole('rowheader', { name: 'Untitled plan' })).toHaveCount(0);
      // The plan is stored: the next visit opens it without the example.
      await page.reload();
      await expect(page.locator('.plan-title')).toHaveText('Our plan');
      await expect(page.getByRole('alert')).toHaveCount(0);
    });

    test('a damaged example file is said to be damaged; once it can be read, "Look around the example" opens it', async ({ page }) => {
      let broken = true;
      await exampleFile(page, () => (broken ? { status: 200, contentType: 'application/json', body: '{"format": "waymark-plan", "plan": {' } : null));
      await openApp(page, '?page=dashboard');
      const problem = welcome(page).getByRole('alert');
      await expect(problem).toContainText('The example plan could not be loaded: its file is damaged. This is not a plan file: line 1, column 36: the file ends too early (it may be cut short).');
      broken = false;
      await welcome(page).getByRole('button', { name: 'Look around the example' }).click();
      await expect(welcome(page)).toHaveCount(0);
      await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeFocused();
      await expect(page.locator('.plan-title')).toHaveText(EXAMPLE);
      expect(await page.evaluate(() => localStorage.getItem('waymark.chosen'))).toBe('example');
      // As when it came at the start: nothing to undo, nothing saved.
      await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
      expect(await storedPlanText(page)).toBeNull();
    });
  });

  test('on a device that has chosen, a banner says why; "Try again" opens the example once it comes', async ({ page }) => {
    let failing = true;
    await exampleFile(page, () => (failing ? SERVER_ERROR : null));
    await openApp(page);
    const banner = page.getByRole('alert').filter({ hasText: 'The example plan could not be loaded' });
    await expect(banner).toContainText('The example plan could not be loaded: the site Waymark comes from answered with an error (HTTP 500). An empty plan is open instead.');
    await expect(page.locator('main h1')).toHaveText('Untitled plan');
    expect(await axeViolations(page)).toEqual([]);
    await banner.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByText('Tried again: the example plan could still not be loaded.')).toBeVisible();
    await expect(banner).toBeVisible();
    failing = false;
    await banner.getByRole('button', { name: 'Try again' }).click();
    await expect(banner).toHaveCount(0);
    await expect(page.getByText('The example plan is open.')).toBeVisible();
    await expect(page.locator('main h1')).toHaveText(EXAMPLE);
    await expect(page.getByRole('rowheader', { name: /^1\.6\b/ })).toBeVisible();
    expect(await storedPlanText(page)).toBeNull();
  });

  test('"Start your own plan" in the banner opens the New plan page, where a copy of the example cannot be made yet', async ({ page }) => {
    let failing = true;
    await exampleFile(page, () => (failing ? { status: 503, contentType: 'text/plain', body: '' } : null));
    await openApp(page);
    const banner = page.getByRole('alert').filter({ hasText: 'The example plan could not be loaded' });
    await banner.getByRole('button', { name: 'Start your own plan' }).click();
    await expect(page).toHaveURL(/\?page=new/);
    await expect(page.getByRole('heading', { level: 1, name: 'New plan' })).toBeVisible();
    await page.getByRole('radio', { name: 'A copy of the example plan' }).check();
    const note = page.getByRole('alert').filter({ hasText: 'Choose another way to start, or try again.' });
    await expect(note).toContainText('The example plan could not be loaded: the site Waymark comes from answered with an error (HTTP 503).');
    await expect(page.getByLabel('Title')).toHaveValue('');
    await page.getByLabel('Title').fill('Our copy');
    await page.getByRole('button', { name: 'Create plan' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary.getByRole('link')).toHaveText(['The example plan has not been loaded, so there is nothing to copy yet. Wait a moment and try again, or choose another way to start']);
    failing = false;
    await note.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByText("The copy keeps the example's organisation")).toBeVisible();
    // The title typed meanwhile stays.
    await expect(page.getByLabel('Title')).toHaveValue('Our copy');
    await page.getByRole('button', { name: 'Create plan' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Our copy' })).toBeFocused();
    await expect(page.getByRole('heading', { level: 2, name: /Priority 4: Establish a clear and shared direction/ })).toBeVisible();
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
