// Offline and installable: the service worker, offline use, updates, the manifest.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, openApp, markChosen, examplePlan } from './fixtures.mjs';

const DIST = process.env.WAYMARK_DIST ?? 'dist';

async function controlled(page) {
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

test('the service worker installs, controls the page and precaches the whole build', async ({ page }) => {
  await openApp(page);
  await controlled(page);
  const cached = await page.evaluate(async () => {
    const keys = await caches.keys();
    const cache = await caches.open(keys.find((k) => k.startsWith('waymark-')));
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
  expect(cached).toContain('/waymark/');
  expect(cached.some((p) => p.endsWith('.wasm'))).toBe(true);
  expect(cached).toContain('/waymark/vendor/echarts.min.js');
  expect(cached).toContain('/waymark/manifest.webmanifest');
  expect(cached).toContain('/waymark/example-plan.json');
});

test('the example plan is a file of the build, not part of the app\'s wasm', async () => {
  const file = JSON.parse(readFileSync(join(DIST, 'example-plan.json'), 'utf8'));
  expect(file).toEqual(examplePlan());
  const wasm = readdirSync(DIST).filter((f) => /^waymark-[0-9a-f]{8,16}_bg\.wasm$/.test(f));
  expect(wasm).toHaveLength(1);
  const bytes = readFileSync(join(DIST, wasm[0]));
  for (const phrase of ['"title":"CYPS Performance Improvement Plan"', 'Assistant Director, Change Management']) {
    expect(bytes.includes(phrase), phrase).toBe(false);
  }
});

test.describe('at the first run', () => {
  test.use({ firstRun: true });

  test('offline, with nothing stored, the example opens from the service worker\'s cache', async ({ page, context }) => {
    await openApp(page);
    await controlled(page);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    await context.setOffline(true);
    const served = page.waitForResponse((r) => r.url().endsWith('/example-plan.json'));
    await page.reload();
    expect((await served).fromServiceWorker()).toBe(true);
    const welcome = page.getByRole('dialog', { name: 'Welcome to Waymark' });
    await expect(welcome).toBeVisible();
    await expect(welcome.getByRole('alert')).toHaveCount(0);
    await expect(page.locator('.plan-title')).toHaveText('CYPS Performance Improvement Plan');
    await welcome.getByRole('button', { name: 'Look around the example' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'CYPS Performance Improvement Plan' })).toBeFocused();
    await expect(page.getByRole('rowheader', { name: /^1\.6\b/ })).toBeVisible();
    await context.setOffline(false);
  });
});

test('offline: a reload and a fresh tab start the app and show the plan; an offline edit survives', async ({ page, context }) => {
  await openApp(page);
  await controlled(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'CYPS Performance Improvement Plan' })).toBeVisible();
  await expect(page.getByText('Offline — saving on this device')).toBeVisible();
  await page.getByRole('button', { name: 'Delete action 1.6' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Saved at/ })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'CYPS Performance Improvement Plan' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: /^1\.6\b/ })).toHaveCount(0);
  const tab = await context.newPage();
  await tab.goto('./?page=kpis');
  await expect(tab.getByRole('heading', { level: 1 })).toBeVisible();
  await tab.goto('./');
  await expect(tab.getByRole('rowheader', { name: /^1\.5\b/ })).toBeVisible();
  await expect(tab.getByRole('rowheader', { name: /^1\.6\b/ })).toHaveCount(0);
  await tab.close();
  await context.setOffline(false);
});

test('a new build shows "A new version is available" and reloading keeps the plan', async ({ browser }, testInfo) => {
  // A private copy of the build on its own server, so the new version reaches only this test.
  const dir = mkdtempSync(join(tmpdir(), 'waymark-pwa-'));
  cpSync(DIST, dir, { recursive: true });
  const port = 4300 + testInfo.workerIndex;
  const server = spawn('node', ['tests/serve.mjs', '--root', dir, '--port', String(port)], { stdio: 'ignore' });
  try {
    const base = `http://127.0.0.1:${port}/waymark/`;
    const context = await browser.newContext();
    await markChosen(context);
    const page = await context.newPage();
    for (let i = 0; i < 50; i++) {
      try { await page.goto(base); break; } catch { await new Promise((r) => setTimeout(r, 100)); }
    }
    await expect(page.getByRole('heading', { level: 1, name: 'CYPS Performance Improvement Plan' })).toBeVisible();
    await controlled(page);
    await page.getByRole('button', { name: 'Delete action 1.7' }).click();
    await expect(page.getByRole('status').filter({ hasText: /Saved at/ })).toBeVisible();
    // Deploy a new build: the service worker's cache version changes.
    const sw = readFileSync(join(dir, 'sw.js'), 'utf8').replace(/const VERSION = '([0-9a-f]+)'/, "const VERSION = '$1-next'");
    writeFileSync(join(dir, 'sw.js'), sw);
    await page.evaluate(async () => { const r = await navigator.serviceWorker.getRegistration(); await r.update(); });
    const banner = page.getByRole('status').filter({ hasText: 'A new version of Waymark is available' });
    await expect(banner).toBeVisible();
    await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'Reload' }).click()]);
    await expect(page.getByRole('heading', { level: 1, name: 'CYPS Performance Improvement Plan' })).toBeVisible();
    await expect(page.getByRole('rowheader', { name: /^1\.7\b/ })).toHaveCount(0);
    const version = await page.evaluate(async () => (await caches.keys()).join(','));
    expect(version).toContain('-next');
    await context.close();
  } finally {
    server.kill();
  }
});

test('the manifest is valid and its icons exist', async ({ page, request }) => {
  await openApp(page);
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const res = await request.get(new URL(href, page.url()).href);
  expect(res.ok()).toBe(true);
  expect(res.headers()['content-type']).toContain('application/manifest+json');
  const m = await res.json();
  expect(m.name).toContain('Waymark');
  expect(m.short_name).toBe('Waymark');
  expect(m.display).toBe('standalone');
  expect(m.start_url).toBe('./');
  expect(m.scope).toBe('./');
  expect(m.theme_color).toMatch(/^#/);
  expect(m.background_color).toMatch(/^#/);
  const sizes = m.icons.map((i) => `${i.sizes} ${i.purpose}`);
  expect(sizes).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
  for (const icon of m.icons) {
    const r = await request.get(new URL(icon.src, new URL(href, page.url())).href);
    expect(r.ok(), icon.src).toBe(true);
    const png = await r.body();
    const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    expect(`${w}x${h}`).toBe(icon.sizes);
  }
});

test('the page runs no inline script and declares a Content-Security-Policy', async ({ page }) => {
  await openApp(page);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).not.toContain("script-src 'self' 'unsafe-inline'");
  expect(await page.locator('script:not([src])').count()).toBe(0);
});
