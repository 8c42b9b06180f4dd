// The published JSON Schema accepts the example plan and a fresh export, and
// rejects what the app refuses.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { test, expect, openApp, readJsonc } from './fixtures.mjs';

const schema = JSON.parse(readFileSync('public/schema/waymark-plan-1.schema.json', 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
const validate = ajv.compile(schema);


test('the example plan validates against the published schema', () => {
  const ok = validate(readJsonc('data/example-plan.jsonc'));
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
});

test('the schema is shipped in the build and an export validates against it', async ({ page }) => {
  await openApp(page, '?page=files');
  const res = await page.request.get(new URL('schema/waymark-plan-1.schema.json', page.url()).href);
  expect(res.ok()).toBe(true);
  expect(await res.json()).toEqual(schema);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('main').getByRole('button', { name: 'Export plan' }).click()]);
  const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
});

test('the schema rejects a wrong format name, an unreal date form and a wrong type', () => {
  const base = readJsonc('data/example-plan.jsonc');
  expect(validate({ ...base, format: 'something-else' })).toBe(false);
  const badDate = structuredClone(base);
  badDate.plan.priorities[0].actions[0].due = '31/10/2009';
  expect(validate(badDate)).toBe(false);
  expect(validate({ ...base, plan: { ...base.plan, priorities: 'none' } })).toBe(false);
});
