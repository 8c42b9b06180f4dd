// Shared test set-up: every page starts from a fresh profile (Playwright gives each
// test a new context), fails on page errors, and records every request so tests
// can check that nothing leaves the origin.
import { test as base, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const test = base.extend({
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
