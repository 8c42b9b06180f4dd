// The forms' repeatable rows (milestones, an action's risks, the KPI period grid)
// driven by keyboard alone: after Add, focus is on the new row's first field;
// after Remove, on the row that took its place, or on the Add button. And the
// stable ids other code relies on (the heading, Save and Cancel).
import { test, expect, openApp, axeViolations, storedPlanText, examplePlan } from './fixtures.mjs';

/** Presses `key` (Tab or Shift+Tab) until `target` has the focus; fails after `max` presses. */
async function tabTo(page, target, key = 'Tab', max = 120) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  await expect(target).toBeFocused();
}

const actionRow = (page, ref) =>
  page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${ref.replace(/[.()]/g, '\\$&')}\\b`) }) });

/** The action as stored in the page's local storage (undefined until the plan is stored). */
const storedAction = async (page, id) => {
  const text = await storedPlanText(page);
  if (text === null) return undefined;
  const plan = JSON.parse(text).plan;
  return plan.priorities.flatMap((p) => [...p.actions, ...p.outcomes.flatMap((o) => o.actions)]).find((a) => a.id === id);
};

test('milestones are added and removed by keyboard, and focus keeps its place', async ({ page }) => {
  test.setTimeout(60_000);
  await openApp(page, '?page=plan&edit=action&id=a-1.4');
  await expect(page.getByRole('heading', { level: 1, name: 'Edit action 1.4' })).toBeVisible();
  const milestones = page.getByRole('group', { name: 'Milestones' });
  const add = milestones.getByRole('button', { name: 'Add a milestone' });
  const row = (n) => milestones.getByRole('group', { name: `Milestone ${n}`, exact: true });
  const title = (n) => row(n).getByRole('textbox', { name: /^Milestone( \(required\))?$/ });
  await expect(row(1)).toHaveCount(0);

  await page.getByRole('textbox', { name: /^Title( \(required\))?$/ }).focus();
  await tabTo(page, add);
  await page.keyboard.press('Enter');
  await expect(title(1)).toBeFocused();
  await page.keyboard.type('Indicators agreed');

  await tabTo(page, add);
  await page.keyboard.press('Space');
  await expect(title(2)).toBeFocused();
  await page.keyboard.type('Bank built');

  await tabTo(page, add);
  await page.keyboard.press('Enter');
  await expect(title(3)).toBeFocused();
  await page.keyboard.type('Bank live');
  // The row's other fields are reachable by Tab, in order.
  await page.keyboard.press('Tab');
  await expect(row(3).getByRole('group', { name: 'Due date' }).getByLabel('Day')).toBeFocused();
  await page.keyboard.type('30');
  await page.keyboard.press('Tab');
  await page.keyboard.type('4');
  await page.keyboard.press('Tab');
  await page.keyboard.type('2010');

  // Remove the middle row: focus moves to the row that took its place.
  await tabTo(page, milestones.getByRole('button', { name: 'Remove milestone 2', exact: true }), 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(row(3)).toHaveCount(0);
  await expect(title(2)).toBeFocused();
  await expect(title(2)).toHaveValue('Bank live');
  await expect(row(2).getByRole('group', { name: 'Due date' }).getByLabel('Year')).toHaveValue('2010');
  await expect(title(1)).toHaveValue('Indicators agreed');
  await expect(milestones.getByRole('button', { name: /^Remove milestone \d$/ })).toHaveText(['Remove milestone 1', 'Remove milestone 2']);

  // Remove the last row: focus moves to the Add button.
  await tabTo(page, milestones.getByRole('button', { name: 'Remove milestone 2', exact: true }));
  await page.keyboard.press('Enter');
  await expect(row(2)).toHaveCount(0);
  await expect(add).toBeFocused();

  expect(await axeViolations(page)).toEqual([]);
  // Enter in a text box saves the form.
  await tabTo(page, page.getByRole('textbox', { name: 'How it is measured' }));
  await page.keyboard.press('Enter');
  const planRow = actionRow(page, '1.4');
  await expect(planRow).toContainText('Indicators agreed');
  await expect(planRow).not.toContainText('Bank live');
  await expect.poll(async () => (await storedAction(page, 'a-1.4'))?.milestones.map((m) => m.title)).toEqual(['Indicators agreed']);
});

test('an action\'s risks are added and removed by keyboard', async ({ page }) => {
  await openApp(page, '?page=plan&edit=action&id=a-1.4');
  const risks = page.getByRole('group', { name: 'Risks and mitigation' });
  const row = (n) => risks.getByRole('group', { name: `Risk ${n}`, exact: true });
  const description = (n) => row(n).getByRole('textbox', { name: 'Risk', exact: true });
  await expect(row(1)).toHaveCount(1);
  await expect(row(2)).toHaveCount(0);
  await expect(description(1)).toHaveValue(examplePlan().plan.priorities[0].actions[3].risks[0].description);

  await risks.getByRole('button', { name: 'Add a risk' }).focus();
  await page.keyboard.press('Enter');
  await expect(description(2)).toBeFocused();
  await page.keyboard.type('Data team posts unfilled');
  await page.keyboard.press('Tab');
  await expect(row(2).getByRole('textbox', { name: 'Mitigation' })).toBeFocused();
  await page.keyboard.type('Agency cover agreed');

  // Remove the first risk: the new one becomes Risk 1 and has the focus.
  await tabTo(page, risks.getByRole('button', { name: 'Remove risk 1', exact: true }), 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(row(2)).toHaveCount(0);
  await expect(description(1)).toBeFocused();
  await expect(description(1)).toHaveValue('Data team posts unfilled');

  await tabTo(page, page.getByRole('button', { name: 'Save action' }));
  await page.keyboard.press('Enter');
  await expect(actionRow(page, '1.4')).toContainText('Data team posts unfilled');
  await expect.poll(async () => (await storedAction(page, 'a-1.4'))?.risks.map((r) => r.description)).toEqual(['Data team posts unfilled']);
  const after = await storedAction(page, 'a-1.4');
  expect(after.risks[0].mitigation).toBe('Agency cover agreed');
  expect(after.risks[0].id).not.toBe(examplePlan().plan.priorities[0].actions[3].risks[0].id);
});

test('the KPI grid: removing the last period by keyboard leaves focus on Add a period', async ({ page }) => {
  await openApp(page, '?page=kpis&id=k-ni72&edit=1');
  await expect(page.getByRole('heading', { level: 1, name: 'Edit KPI NI 72' })).toBeVisible();
  const remove = page.getByRole('button', { name: 'Remove period 2010/11' });
  await remove.focus();
  await page.keyboard.press('Enter');
  await expect(remove).toHaveCount(0);
  const add = page.getByRole('button', { name: 'Add a period' });
  await expect(add).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Period, row 4')).toBeFocused();
  await expect(page.getByLabel('Period, row 4')).toHaveValue('2010/11');
  // Removing a row in the middle: focus on the row that took its place.
  await page.getByRole('button', { name: 'Remove period 2008/9' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Period, row 2')).toBeFocused();
  await expect(page.getByLabel('Period, row 2')).toHaveValue('2009/10');
});

test('every form has a focusable heading and Save and Cancel with stable ids', async ({ page }) => {
  for (const [q, form] of [
    ['?page=plan&edit=details', 'details'],
    ['?page=plan&edit=priority', 'priority'],
    ['?page=plan&edit=priority&id=p1', 'priority'],
    ['?page=plan&edit=outcome&priority=p4', 'outcome'],
    ['?page=plan&edit=outcome&id=p4-o4', 'outcome'],
    ['?page=plan&edit=action&id=a-1.1', 'action'],
    ['?page=plan&edit=action&priority=p2', 'action'],
    ['?page=plan&edit=update&action=a-1.1', 'update'],
    ['?page=plan&edit=update&action=a-1.1&id=u-1.1-1', 'update'],
    ['?page=plan&edit=risk', 'risk'],
    ['?page=kpis&edit=1', 'kpi'],
    ['?page=kpis&id=k-ni72&edit=1', 'kpi'],
  ]) {
    await openApp(page, q);
    const heading = page.locator('#view-heading');
    await expect(heading, q).toHaveCount(1);
    await expect(heading, q).toHaveAttribute('tabindex', '-1');
    expect(await heading.evaluate((el) => el.tagName), q).toBe('H1');
    await heading.focus();
    await expect(heading, q).toBeFocused();
    await expect(page.locator(`#${form}-save`), q).toHaveAttribute('type', 'submit');
    await expect(page.locator(`#${form}-cancel`), q).toHaveText('Cancel');
    const ids = await page.evaluate(() => [...document.querySelectorAll('[id]')].map((e) => e.id));
    expect(ids.length - new Set(ids).size, `${q}: duplicate ids`).toBe(0);
  }
  // The progress log's buttons, which open other views.
  await openApp(page, '?page=plan&edit=action&id=a-1.1');
  await expect(page.locator('#log-add-update')).toHaveText('Add a progress update');
  await expect(page.locator('[id="log-edit-u-1.1-1"]')).toHaveText('Edit this entry');
  await expect(page.locator('[id="log-delete-u-1.1-1"]')).toHaveText('Delete this entry');
});

test('a milestone quarter is shown as the plan writes it', async ({ page }) => {
  await openApp(page, '?page=plan&edit=action&id=a-1.4');
  await page.getByRole('button', { name: 'Add a milestone' }).click();
  const row = page.getByRole('group', { name: 'Milestone 1', exact: true });
  await row.getByRole('textbox', { name: /^Milestone/ }).fill('Review');
  const quarter = row.getByLabel('Or quarter of the plan year');
  await expect(quarter.locator('option')).toHaveText(['None', 'Q1', 'Q2', 'Q3', 'Q4']);
  await quarter.selectOption({ label: 'Q3' });
  await page.getByRole('button', { name: 'Save action' }).click();
  await expect.poll(async () => (await storedAction(page, 'a-1.4'))?.milestones.map((m) => m.quarter)).toEqual(['Q3']);
  await openApp(page, '?page=plan&edit=action&id=a-1.4');
  await expect(page.getByRole('group', { name: 'Milestone 1', exact: true }).getByLabel('Or quarter of the plan year')).toHaveValue('Q3');
});
