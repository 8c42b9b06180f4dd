// Shared test set-up: every page starts from a fresh profile (Playwright gives each
// test a new context), fails on page errors, and records every request so tests
// can check that nothing leaves the origin. The profile is marked as having made
// its first-run choice (see `markChosen`), so the welcome stays away; a spec that
// tests the welcome sets `test.use({ firstRun: true })`.
import { test as base, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';

/**
 * Marks every page of a browser context as a device that has already chosen how to
 * begin (the first-run welcome's `waymark.chosen` key), written before the app
 * starts and only when not there yet, so a test's own storage is left as it is.
 */
export async function markChosen(context) {
  await context.addInitScript(() => {
    try {
      if (localStorage.getItem('waymark.chosen') === null) localStorage.setItem('waymark.chosen', 'example');
    } catch { /* storage blocked or full: the test sees what a user would */ }
  });
}

export const test = base.extend({
  firstRun: [false, { option: true }],
  context: async ({ context, firstRun }, use) => {
    if (!firstRun) await markChosen(context);
    await use(context);
  },
  page: async ({ page, baseURL }, use) => {
    const errors = [];
    const foreign = [];
    const origin = new URL(baseURL).origin;
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
    });
    page.foreignRequests = foreign;
    await use(page);
    expect(errors, 'errors thrown in the page').toEqual([]);
    expect(foreign, 'requests to other hosts').toEqual([]);
  },
});
export { expect };

/** Opens the app (optionally a page) and waits for it to render. */
export async function openApp(page, query = '') {
  await page.goto(`./${query}`);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

/** axe-core with the WCAG 2.x A and AA rules (2.0, 2.1, 2.2). */
export async function axeViolations(page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Reads JSON with line and block comments (string-aware): the example plan's source, data/example-plan.jsonc. */
export function readJsonc(path) {
  const src = readFileSync(path, 'utf8');
  let out = '';
  for (let i = 0, inString = false; i < src.length; i++) {
    const c = src[i];
    if (inString) {
      out += c;
      if (c === '\\') out += src[++i];
      else if (c === '"') inString = false;
    } else if (c === '"') { inString = true; out += c; }
    else if (c === '/' && src[i + 1] === '/') { while (i < src.length && src[i] !== '\n') i++; out += '\n'; }
    else if (c === '/' && src[i + 1] === '*') { i = src.indexOf('*/', i + 2) + 1; }
    else out += c;
  }
  return JSON.parse(out);
}

/** The example plan file (data/example-plan.jsonc), parsed independently of the app. */
export function examplePlan() {
  return readJsonc(new URL('../../data/example-plan.jsonc', import.meta.url));
}

/** Every action of a plan file's plan, in document order. */
export const actionsOf = (p) =>
  p.priorities.flatMap((pr) => [...(pr.actions ?? []), ...(pr.outcomes ?? []).flatMap((o) => o.actions ?? [])]);

/**
 * The open plan as stored in the page's local storage, as one plan file text: the
 * manifest (`waymark.plan.v2`) and its chunks (`waymark.c.<hash>`: the plan's head,
 * each priority's and outcome's head, groups of actions, groups of KPIs, the plan's
 * tail) put together here
 * independently of the app, or the whole-plan key of earlier versions
 * (`waymark.plan`) when there is no manifest. Null when nothing is stored.
 */
export async function storedPlanText(page) {
  return page.evaluate(() => {
    const m = localStorage.getItem('waymark.plan.v2');
    if (m === null) return localStorage.getItem('waymark.plan');
    const j = JSON.parse(m);
    const c = (h) => {
      const t = localStorage.getItem(`waymark.c.${h}`);
      if (t === null) throw new Error(`chunk ${h} is missing`);
      return t;
    };
    const s = JSON.stringify;
    const list = (hashes) => hashes.map(c).join(',');
    const outcome = (o) => `{${c(o.head)},"actions":[${list(o.actions)}]}`;
    const priority = (p) => `{${c(p.head)},"outcomes":[${p.outcomes.map(outcome).join(',')}],"actions":[${list(p.actions)}]}`;
    return `{"format":"waymark-plan","format_version":${j.format_version},"app_version":${s(j.app_version)},"exported_at":${s(j.saved_at)},"plan":{${c(j.head)},"priorities":[${j.priorities.map(priority).join(',')}],"kpis":[${list(j.kpis)}],${c(j.tail)}}}`;
  });
}

/** Every `waymark.*` key of the page's local storage with its value. */
export async function storedKeys(page) {
  return page.evaluate(() => {
    const out = {};
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k.startsWith('waymark.')) out[k] = localStorage.getItem(k);
    }
    return out;
  });
}

/**
 * A KPI's direction of travel as `core::kpi::trend` words it (its `short` direction
 * and run length), worked out here from the plan file: the latest available numeric
 * actual against the one before, in the KPI's polarity. Only the polarities the
 * tests use: anything else throws rather than guess.
 */
export function directionOf(kpi) {
  const actuals = (kpi.series ?? []).map((p) => p.actual?.value).filter((v) => typeof v === 'number');
  if (actuals.length < 2) return { label: 'No trend yet', arrow: '–', runs: 0 };
  const sign = { higher_is_better: 1, lower_is_better: -1 }[kpi.polarity];
  if (sign === undefined) throw new Error(`directionOf: polarity ${kpi.polarity} is not worked out here`);
  const step = (prev, cur) => {
    const eps = 1e-9 * Math.max(Math.abs(prev), Math.abs(cur), 1);
    const better = sign * (cur - prev);
    return better > eps ? 'Improving' : -better > eps ? 'Worsening' : 'No change';
  };
  const moves = actuals.slice(1).map((cur, i) => step(actuals[i], cur));
  const label = moves[moves.length - 1];
  let runs = 0;
  for (let i = moves.length - 1; i >= 0 && moves[i] === label; i--) runs++;
  return { label, arrow: { Improving: '↑', Worsening: '↓', 'No change': '→' }[label], runs };
}

/** The cell of `row` under the column headed `header` in `table` (the row header is column 0). */
export async function cellUnder(table, row, header) {
  const headers = (await table.getByRole('columnheader').allInnerTexts()).map((h) => h.trim());
  const i = headers.indexOf(header);
  if (i < 1) throw new Error(`no column '${header}' after the row header in [${headers.join(' | ')}]`);
  return row.getByRole('cell').nth(i - 1);
}
